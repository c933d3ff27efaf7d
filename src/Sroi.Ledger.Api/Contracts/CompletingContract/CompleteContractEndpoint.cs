using System.ComponentModel.DataAnnotations;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Contracts;
using Wolverine.Http;

namespace Sroi.Ledger.Api.Contracts.CompletingContract;

public sealed record CompleteContractRequest([property: Required] LocalDate? CompletedOn);

/// <summary>POST /api/v1/contracts/{id}/completion — records the end of the work.</summary>
public static class CompleteContractEndpoint
{
    [WolverinePost("/api/v1/contracts/{id:guid}/completion", OperationId = "completeContract")]
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

    /// <summary>Wolverine calls this for the endpoint: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain) => chain.Describe("Record the end of the work; If-Match optional.").WithTags("Contracts").RequireRoles(Role.Inkoop)
            .Accepts<CompleteContractRequest>("application/json")
            .ProducesContractChange();
}
