using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Settlement;
using Sroi.Ledger.Domain.Shared;
using Wolverine.Http;

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
    [WolverinePost("/api/v1/contracts/{id:guid}/settlement", OperationId = "settleObligation")]
    public static async Task<IResult> SettleAsync(Guid id, HttpContext http, ContractWriter writer, IClock clock, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadAsync<SettlementRequest>(http.Request, ct);
        if (problem is not null) return problem;
        var request = body!.Value;
        var errors = new FieldErrors();
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

        var command = new SettleObligation(request.Outcome!.Value, amount, request.Reason, BusinessCalendar.Today(clock));
        return await writer.ExecuteAsync(http, new ContractCommand(id, RegistersNewContract: false, body.Fingerprint, request.Reason,
            state => SettlementDecider.Decide(command, state), StatusCodes.Status201Created)
        {
            Answer = state => new ContractAnswer(Document(state.Id, state.Settlement!), $"/api/v1/contracts/{state.Id}/settlement"),
        }, ct);
    }

    [WolverineGet("/api/v1/contracts/{id:guid}/settlement", OperationId = "getSettlement")]
    public static async Task<IResult> GetAsync(Guid id, HttpContext http, ContractReader reader, CancellationToken ct)
    {
        var document = await reader.FindVisibleWithoutReportsAsync(id, http, ct);
        if (document is null) return Problems.NotFound($"Contract {id}");
        if (document.State.Settlement is not { } settlement) return Problems.NotFound($"The settlement of contract {id}");
        ETags.Set(http.Response, document.StreamVersion);
        return Results.Text(Document(id, settlement), "application/json", System.Text.Encoding.UTF8);
    }

    private static string Document(Guid contractId, ObligationSettled s) => JsonSerializer.Serialize(
        new SettlementResponse(contractId, s.Outcome, s.Amount, s.Reason, s.SettledOn, s.Obligation, s.Accepted, s.Shortfall), LedgerJson.Options);

    /// <summary>Wolverine calls this for each endpoint of the class: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain)
    {
        switch (chain.Method.Method.Name)
        {
            case nameof(SettleAsync):
                chain.Describe("After the term: met, penalty {amount}, buy-off {amount} or waived {reason}.").WithTags("Contracts").RequireRoles(Role.Wsp)
                    .Accepts<SettlementRequest>("application/json")
                    .WithRequestExamples(
                    new("penalty", "A penalty for the shortfall", new() { ["outcome"] = "penalty", ["amount"] = 3000.00, ["reason"] = "Na herstelperiode, pro rata" }),
                    new("buy-off", "The contractor buys off the shortfall (afkoop)", new() { ["outcome"] = "buy-off", ["amount"] = 6000.00 }),
                    new("waived", "Waived, with the reason", new() { ["outcome"] = "waived", ["reason"] = "Aantoonbaar alle inspanning geleverd" }),
                    new("met", "The obligation is met", new() { ["outcome"] = "met" }))
                    .Produces<SettlementResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
                    .ProducesProblem(StatusCodes.Status404NotFound).ProducesLedgerWriteProblems();
                break;
            case nameof(GetAsync):
                chain.Describe("How the obligation was settled; 404 while it is not.").WithTags("Contracts").RequireRoles(ContractEndpoints.Readers)
                    .Produces<SettlementResponse>().ProducesProblem(StatusCodes.Status404NotFound);
                break;
        }
    }
}
