using System.ComponentModel.DataAnnotations;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Contracts;
using Wolverine.Http;

namespace Sroi.Ledger.Api.Contracts.AmendingContract;

public sealed record AmendContractRequest(
    [property: Required] decimal? ContractValue, [property: Required] LocalDate? EffectiveOn, [property: Required, MaxLength(1000)] string? Reason);

/// <summary>POST /api/v1/contracts/{id}/amendments — meerwerk / minderwerk: a new value from a date, the obligation recalculated.</summary>
public static class AmendContractEndpoint
{
    [WolverinePost("/api/v1/contracts/{id:guid}/amendments", OperationId = "amendContract")]
    public static async Task<IResult> HandleAsync(Guid id, HttpContext http, ContractWriter writer, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadAsync<AmendContractRequest>(http.Request, ct);
        if (problem is not null) return problem;
        var request = body!.Value;
        var errors = new FieldErrors();
        var value = ContractValues.Validate("contractValue", request.ContractValue, errors);
        errors.Required("effectiveOn", request.EffectiveOn);
        errors.RequiredText("reason", request.Reason, 1000);
        if (errors.Any) return Problems.BadRequest(errors);

        var command = new AmendContractValue(value!.Value, request.EffectiveOn!.Value, request.Reason!);
        return await writer.ExecuteAsync(http, new ContractCommand(id, RegistersNewContract: false, body.Fingerprint, request.Reason,
            state => ContractDecider.Decide(command, state), StatusCodes.Status200OK) { AnnouncesObligation = true }, ct);
    }

    /// <summary>Wolverine calls this for the endpoint: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain) => chain.Describe("Change the contract value (meerwerk/minderwerk); If-Match optional.").WithTags("Contracts").RequireRoles(Role.Inkoop)
            .Accepts<AmendContractRequest>("application/json")
            .ProducesContractChange();
}
