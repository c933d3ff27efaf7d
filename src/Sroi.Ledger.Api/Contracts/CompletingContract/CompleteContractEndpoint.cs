using NodaTime;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Contracts;

namespace Sroi.Ledger.Api.Contracts.CompletingContract;

public sealed record CompleteContractRequest(LocalDate? CompletedOn);

/// <summary>POST /api/v1/contracts/{id}/completion — records the end of the work.</summary>
public static class CompleteContractEndpoint
{
    public static async Task<IResult> HandleAsync(Guid id, HttpContext http, ContractWriter writer, IClock clock, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadAsync<CompleteContractRequest>(http.Request, ct);
        if (problem is not null) return problem;
        var errors = new FieldErrors();
        if (!errors.Required("completedOn", body!.Value.CompletedOn)) return Problems.BadRequest(errors);

        var command = new CompleteContract(body.Value.CompletedOn!.Value, BusinessCalendar.Today(clock));
        return await writer.ExecuteAsync(http, new ContractCommand(id, RegistersNewContract: false, body.Fingerprint, null,
            state => ContractDecider.Decide(command, state), StatusCodes.Status200OK), ct);
    }
}
