using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.Contracts;

namespace Sroi.Ledger.Api.Contracts.CompletingContract;

public sealed record CompleteContractRequest([property: Required] LocalDate? CompletedOn);

/// <summary>POST /api/v1/contracts/{id}/completion — records the end of the work.</summary>
public static class CompleteContractEndpoint
{
    public static async Task<Results<Written<ContractResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, JsonBody<CompleteContractRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user,
        LedgerWriter writer, Marten.IDocumentStore store, IClock clock, CancellationToken ct)
    {
        if (!body.Errors.Required("completedOn", body.Value.CompletedOn) || body.Errors.Any) return Problems.BadRequest(body.Errors);

        var caller = Caller.From(user);
        var moment = await ContractMoment.OfAsync(clock, store, caller, announcesObligation: false, ct);
        var command = new CompleteContract(body.Value.CompletedOn!.Value, moment.Today);
        return await writer.WriteAsync<ContractDocument, Written<ContractResponse>>(ContractWrites.Stream(id, caller), caller, headers,
            body.Fingerprint, reason: null, (document, version) =>
                ContractWrites.Missing(document, caller, id) is { } missing ? missing
                : ContractWrites.Decide(document!.State, version, ContractDecider.Decide(command, document.State), moment, ContractWrites.Contract), ct);
    }
}
