using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Settlement;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Api.OpenApi;

namespace Sroi.Ledger.Api.Contracts.SettlingObligation;

/// <param name="Amount">The penalty or the buy-off amount in euros; only with those outcomes.</param>
/// <param name="Reason">Required for a waiver; optional otherwise.</param>
[RequiredWhen("amount", "outcome is penalty or buy-off (refused with the others)"), RequiredWhen("reason", "outcome is waived")]
public sealed record SettlementRequest([property: Required] SettlementOutcome? Outcome, decimal? Amount, [property: MaxLength(1000)] string? Reason);

/// <summary>The settlement of a contract's obligation, as recorded.</summary>
public sealed record SettlementResponse(
    Guid ContractId, SettlementOutcome Outcome, Money? Amount, string? Reason, LocalDate SettledOn, Money Obligation, Money Accepted, Money Shortfall);

/// <summary>
/// POST /api/v1/contracts/{id}/settlement — after the term the WSP records how the obligation is settled: met,
/// a penalty or a buy-off (with the amount) or a waiver (with the reason). No report is taken after it.
/// GET answers it (404 while the obligation is not settled).
/// </summary>
public static class SettleObligationEndpoint
{
    public static async Task<Results<WrittenNew<SettlementResponse>, ProblemHttpResult>> SettleAsync(
        Guid id, JsonBody<SettlementRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user,
        LedgerWriter writer, Marten.IDocumentStore store, IClock clock, CancellationToken ct)
    {
        var request = body.Value;
        var errors = body.Errors;
        Money? amount = null;
        if (errors.Required("outcome", request.Outcome))
        {
            if (request.Outcome is SettlementOutcome.Penalty or SettlementOutcome.BuyOff)
                amount = ContractValues.Validate("amount", request.Amount, errors);
            else if (request.Amount is not null)
                errors.Add("amount", "Only a penalty or a buy-off has an amount.");
            if (request.Outcome == SettlementOutcome.Waived) errors.RequiredText("reason", request.Reason, 1000);
            else errors.OptionalText("reason", request.Reason, 1000);
        }
        if (errors.Any) return Problems.BadRequest(errors);

        var caller = Caller.From(user);
        var moment = await ContractMoment.OfAsync(clock, store, caller, announcesObligation: false, ct);
        var command = new SettleObligation(request.Outcome!.Value, amount, request.Reason, moment.Today);
        return await writer.WriteAsync<ContractDocument, WrittenNew<SettlementResponse>>(ContractWrites.Stream(id, caller), caller, headers,
            body.Fingerprint, request.Reason, (document, version) =>
                ContractWrites.Missing(document, caller, id) is { } missing ? missing
                : ContractWrites.Decide(document!.State, version, SettlementDecider.Decide(command, document.State), moment,
                    (after, _) => Answers.Created(Response(after.Id, after.Settlement!), $"/api/v1/contracts/{after.Id}/settlement")), ct);
    }

    public static async Task<Results<Versioned<SettlementResponse>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, ContractReader reader, CancellationToken ct)
    {
        var document = await reader.FindVisibleWithoutReportsAsync(id, Caller.From(user), ct);
        if (document is null) return Problems.NotFound($"Contract {id}");
        if (document.State.Settlement is not { } settlement) return Problems.NotFound($"The settlement of contract {id}");
        return LedgerResults.Versioned(Response(id, settlement), document.StreamVersion);
    }

    private static SettlementResponse Response(Guid contractId, ObligationSettled s) =>
        new(contractId, s.Outcome, s.Amount, s.Reason, s.SettledOn, s.Obligation, s.Accepted, s.Shortfall);

    /// <summary>The request examples of the settlement, one per outcome.</summary>
    public static readonly RequestExample[] Examples =
    [
        new("penalty", "A penalty for the shortfall", new() { ["outcome"] = "penalty", ["amount"] = 3000.00, ["reason"] = "Na herstelperiode, pro rata" }),
        new("buy-off", "The contractor buys off the shortfall (afkoop)", new() { ["outcome"] = "buy-off", ["amount"] = 6000.00 }),
        new("waived", "Waived, with the reason", new() { ["outcome"] = "waived", ["reason"] = "Aantoonbaar alle inspanning geleverd" }),
        new("met", "The obligation is met", new() { ["outcome"] = "met" }),
    ];
}
