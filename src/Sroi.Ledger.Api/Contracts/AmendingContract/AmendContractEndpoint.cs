using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.Contracts;

namespace Sroi.Ledger.Api.Contracts.AmendingContract;

public sealed record AmendContractRequest(
    [property: Required] decimal? ContractValue, [property: Required] LocalDate? EffectiveOn, [property: Required, MaxLength(1000)] string? Reason);

/// <summary>POST /api/v1/contracts/{id}/amendments — meerwerk / minderwerk: a new value from a date, the obligation recalculated.</summary>
public static class AmendContractEndpoint
{
    public static async Task<Results<Written<ContractResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, JsonBody<AmendContractRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user,
        LedgerWriter writer, Marten.IDocumentStore store, IClock clock, CancellationToken ct)
    {
        var request = body.Value;
        var errors = body.Errors;
        var value = ContractValues.Validate("contractValue", request.ContractValue, errors);
        errors.Required("effectiveOn", request.EffectiveOn);
        errors.RequiredText("reason", request.Reason, 1000);
        if (errors.Any) return Problems.BadRequest(errors);

        var caller = Caller.From(user);
        // When the contract still owes social return, the WSP and the contractor are told the new obligation and the
        // building-block table in force, as for a registration.
        var moment = await ContractMoment.OfAsync(clock, store, caller, announcesObligation: true, ct);
        var command = new AmendContractValue(value!.Value, request.EffectiveOn!.Value, request.Reason!);
        return await writer.WriteAsync<ContractDocument, Written<ContractResponse>>(ContractWrites.Stream(id, caller), caller, headers,
            body.Fingerprint, request.Reason, (document, version) =>
                ContractWrites.Missing(document, caller, id) is { } missing ? missing
                : ContractWrites.Decide(document!.State, version, ContractDecider.Decide(command, document.State), moment, ContractWrites.Contract), ct);
    }
}
