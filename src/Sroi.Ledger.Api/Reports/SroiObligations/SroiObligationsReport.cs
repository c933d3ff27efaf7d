using NodaTime;
using Sroi.Ledger.Domain.Balance;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Reports.SroiObligations;

/// <summary>
/// GET /reports/sroi-obligations: where the contracts a caller may see stand against their SROI obligations today, in one
/// answer (the dashboard's overview read each contract's balance before: one request per contract).
/// </summary>
/// <param name="AsOf">Today (Europe/Amsterdam): the day the statuses are for.</param>
/// <param name="Municipalities">The municipalities whose contracts are summed (an admin without <c>municipality</c>: all that have one).</param>
/// <param name="ByStatus">Every status, in a fixed order, also those without contracts.</param>
/// <param name="ByAwardYear">Per award year, oldest first.</param>
/// <param name="Behind">The contracts behind today, the largest shortfall against the schedule first.</param>
/// <param name="TakingPart">
/// Issue 21: the regional contracts that another municipality leads and the caller's municipality takes part in (for a
/// participant's WSP and auditor; empty for everyone else), by reference. Listed to follow, and not in any figure above: the
/// obligation is one, the lead's, and counted once — in the lead's report, and once in an admin's report of all.
/// </param>
public sealed record SroiObligationsReport(
    LocalDate AsOf,
    IReadOnlyList<MunicipalityCode> Municipalities,
    IReadOnlyList<ObligationsByStatus> ByStatus,
    ObligationTotals Total,
    IReadOnlyList<ObligationsByAwardYear> ByAwardYear,
    IReadOnlyList<ContractBehind> Behind,
    IReadOnlyList<RegionalContractTakenPartIn> TakingPart);

/// <summary>A regional contract the caller's municipality takes part in; <paramref name="Municipality"/> is its lead (penvoerder).</summary>
/// <param name="Percentage">Accepted as a percentage of the obligation (the balance's).</param>
public sealed record RegionalContractTakenPartIn(
    Guid Id, MunicipalityCode Municipality, string Reference, string Title, Contractor Contractor, BalanceStatus Status,
    Money Obligation, Money Accepted, decimal? Percentage);

public sealed record ObligationsByStatus(BalanceStatus Status, long Contracts, Money Obligation, Money Accepted, Money Pending);

/// <param name="AcceptedUpToObligation">
/// Per contract the accepted value up to its obligation, summed: a contract that did more than it had to does not make up
/// for another's shortfall.
/// </param>
/// <param name="Shortfall">Per contract the obligation not yet accepted (never below zero), summed: the obligation minus <paramref name="AcceptedUpToObligation"/>.</param>
/// <param name="Percentage"><paramref name="AcceptedUpToObligation"/> as a percentage of the obligation, one decimal; null without an obligation.</param>
public sealed record ObligationTotals(
    long Contracts, Money Obligation, Money Accepted, Money Pending, Money AcceptedUpToObligation, Money Shortfall, decimal? Percentage);

/// <param name="Percentage">Accepted up to each contract's obligation, as a percentage of the year's obligation (see <see cref="ObligationTotals"/>).</param>
public sealed record ObligationsByAwardYear(
    int Year, long Contracts, Money Obligation, Money Accepted, Money AcceptedUpToObligation, Money Shortfall, decimal? Percentage);

/// <param name="Percentage">Accepted as a percentage of the obligation (the balance's).</param>
/// <param name="ElapsedPercentage">The elapsed share of the term today, one decimal (days since the start of the term's days, both ends included).</param>
/// <param name="BehindSchedule">The obligation times the elapsed share, less what was accepted: how far the contract lags behind the schedule.</param>
public sealed record ContractBehind(
    Guid Id, MunicipalityCode Municipality, string Reference, string Title, Contractor Contractor,
    Money Obligation, Money Accepted, decimal? Percentage, decimal ElapsedPercentage, Money BehindSchedule);

/// <summary>The sums, as a pure function of the contracts' documents and the day (so they are tested without HTTP too).</summary>
public static class SroiObligationsFigures
{
    private static readonly BalanceStatus[] StatusOrder =
    [
        BalanceStatus.OnTrack, BalanceStatus.Behind, BalanceStatus.Fulfilled, BalanceStatus.Overdue, BalanceStatus.Settled,
        BalanceStatus.NotApplicable,
    ];

    /// <param name="takenPartIn">The regional contracts of other leads the caller's municipality takes part in: listed, never summed.</param>
    public static SroiObligationsReport Of(IReadOnlyList<Contracts.ContractDocument> documents, LocalDate today,
        IReadOnlyList<Contracts.ContractDocument>? takenPartIn = null)
    {
        var rows = documents.Select(d => (d.State, d.Balance, Status: d.Balance.StatusOn(today))).ToList();
        var byStatus = StatusOrder.Select(status =>
        {
            var of = rows.Where(r => r.Status == status).Select(r => r.Balance).ToList();
            return new ObligationsByStatus(status, of.Count, Sum(of, b => b.Obligation), Sum(of, b => b.Accepted), Sum(of, b => b.Pending));
        }).ToList();
        var all = rows.Select(r => r.Balance).ToList();
        var total = new ObligationTotals(all.Count, Sum(all, b => b.Obligation), Sum(all, b => b.Accepted), Sum(all, b => b.Pending),
            Sum(all, UpToObligation), Sum(all, b => b.Remaining), Share(Sum(all, UpToObligation), Sum(all, b => b.Obligation)));
        var byYear = rows.GroupBy(r => r.State.AwardedOn.Year).OrderBy(g => g.Key).Select(year =>
        {
            var of = year.Select(r => r.Balance).ToList();
            return new ObligationsByAwardYear(year.Key, of.Count, Sum(of, b => b.Obligation), Sum(of, b => b.Accepted),
                Sum(of, UpToObligation), Sum(of, b => b.Remaining), Share(Sum(of, UpToObligation), Sum(of, b => b.Obligation)));
        }).ToList();
        var behind = rows.Where(r => r.Status == BalanceStatus.Behind).Select(r => Behind(r.State, r.Balance, today))
            .OrderByDescending(b => b.BehindSchedule).ThenBy(b => b.Reference, StringComparer.Ordinal).ThenBy(b => b.Municipality.Value, StringComparer.Ordinal)
            .ToList();
        var municipalities = rows.Select(r => r.State.Municipality).Distinct().OrderBy(m => m.Value, StringComparer.Ordinal).ToList();
        var takingPart = (takenPartIn ?? []).Select(d => new RegionalContractTakenPartIn(d.State.Id, d.State.Municipality, d.State.Reference,
                d.State.Title, d.State.Contractor!, d.Balance.StatusOn(today), d.Balance.Obligation, d.Balance.Accepted, d.Balance.Percentage))
            .OrderBy(c => c.Reference, StringComparer.Ordinal).ThenBy(c => c.Municipality.Value, StringComparer.Ordinal).ToList();
        return new SroiObligationsReport(today, municipalities, byStatus, total, byYear, behind, takingPart);
    }

    /// <summary>Accepted, but never more than the obligation: the part of the obligation that is met.</summary>
    private static Money UpToObligation(ContractBalance b) => b.Accepted < b.Obligation ? b.Accepted : b.Obligation;

    private static ContractBehind Behind(ContractState state, ContractBalance b, LocalDate today)
    {
        // The measure the status uses (ContractBalance.BehindFrom): the term's days, both ends included, against the days elapsed.
        var termDays = Period.Between(b.StartsOn, b.EndsOn, PeriodUnits.Days).Days + 1;
        var elapsedDays = Period.Between(b.StartsOn, today, PeriodUnits.Days).Days;
        var due = new Money((long)decimal.Round((decimal)b.Obligation.Cents * elapsedDays / termDays, 0, MidpointRounding.AwayFromZero));
        return new ContractBehind(state.Id, state.Municipality, state.Reference, state.Title, state.Contractor!, b.Obligation, b.Accepted,
            b.Percentage, decimal.Round(elapsedDays * 100m / termDays, 1, MidpointRounding.AwayFromZero), due - b.Accepted);
    }

    private static Money Sum(IEnumerable<ContractBalance> balances, Func<ContractBalance, Money> amount) =>
        balances.Aggregate(Money.Zero, (total, b) => total + amount(b));

    private static decimal? Share(Money part, Money whole) =>
        whole.Cents > 0 ? decimal.Round(part.Cents * 100m / whole.Cents, 1, MidpointRounding.AwayFromZero) : null;
}
