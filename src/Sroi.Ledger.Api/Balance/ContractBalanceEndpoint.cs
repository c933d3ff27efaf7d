using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Balance;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Api.Time;
using Sroi.Ledger.Api.Pso;

namespace Sroi.Ledger.Api.Balance;

/// <summary>
/// GET /api/v1/contracts/{id}/balance — obligation, accepted, pending, rejected, remaining, percentage, value per
/// kind, and the status today (Europe/Amsterdam), from the contract's document (its balance, folded with it). With <c>?asKnownOn=</c> (an instant; alias <c>knownOn</c>)
/// the balance as the ledger knew it then: the same fold over the contract's events recorded up to that moment, and
/// the status on that moment's date — so an auditor can reproduce a figure that was published.
/// </summary>
public static class ContractBalanceEndpoint
{
    public static async Task<Results<Versioned<BalanceResponse>, ProblemHttpResult>> GetAsync(
        Guid id, [AsParameters] AsKnownOnQuery query, ClaimsPrincipal user, ContractReader reader, IClock clock,
        CancellationToken ct)
    {
        var caller = Caller.From(user);
        var (document, knownOn, problem) = await reader.ReadAsync(id, caller, query, withReports: false, ct);
        if (problem is not null) return problem;
        return Answer(document!, knownOn is { } moment ? BusinessCalendar.DateOf(moment) : BusinessCalendar.Today(clock), knownOn);
    }

    /// <summary>
    /// The folded balance: its obligation is already the one after PSO (the contract's <c>contract.pso-applied.v1</c>), the
    /// obligation before it and what PSO did are shown beside it.
    /// </summary>
    private static Versioned<BalanceResponse> Answer(ContractDocument document, LocalDate asOf, Instant? knownOn)
    {
        var b = document.Balance;
        // In the order of the kinds, whatever order the stored document's object keeps them in (jsonb sorts its keys).
        var byKind = Enum.GetValues<FulfilmentKind>().ToDictionary(kind => kind, kind => b.ByKind[kind]);
        return LedgerResults.Versioned(new BalanceResponse(document.State.Id, asOf, knownOn, b.StatusOn(asOf), b.Applies, b.Obligation, b.Accepted,
            b.Pending, b.Rejected, b.Remaining, b.Percentage, byKind, b.Settlement, b.StartsOn, b.EndsOn, b.Accepted, b.Percentage,
            document.StreamVersion, b.ObligationBeforePso, b.Pso is { } pso ? PsoBalanceResponse.Of(pso) : null)
        { Plan = Plans.PlanView.Balance(document.Plan, asOf) }, document.StreamVersion);
    }
}
