using NodaTime;
using Sroi.Ledger.Domain.Pso;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Settlement;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Balance;

/// <summary>Where a contract stands against its obligation. Serialised in kebab case.</summary>
public enum BalanceStatus
{
    NotApplicable,
    OnTrack,
    Behind,
    Fulfilled,
    Overdue,
    Settled,
}

public sealed record KindTotals(Money Accepted, Money Pending, Money Rejected);

/// <summary>
/// A contract's balance: only accepted value counts as fulfilled; pending and rejected value are shown apart.
/// Everything but the status is a fold of the contract's events; the status also depends on the day it is asked.
/// </summary>
public sealed record ContractBalance(
    bool Applies,
    Money Obligation,
    Money Accepted,
    Money Pending,
    Money Rejected,
    IReadOnlyDictionary<FulfilmentKind, KindTotals> ByKind,
    LocalDate StartsOn,
    LocalDate EndsOn,
    ObligationSettled? Settlement)
{
    /// <summary>
    /// What PSO did to this balance (issue 21): <see cref="Obligation"/> is already the obligation after its reduction, and
    /// <see cref="Accepted"/>, <see cref="Pending"/> and social procurement's totals include the purchases' extra value.
    /// Null when PSO never touched the contract.
    /// </summary>
    public PsoEffect? Pso { get; init; }

    /// <summary>The contract's own obligation, before any PSO reduction.</summary>
    public Money ObligationBeforePso => Pso is null ? Obligation : Obligation + Pso.Reduction.Amount;

    public Money Remaining => Applies && Obligation > Accepted ? Obligation - Accepted : Money.Zero;

    /// <summary>Accepted value as a percentage of the obligation, one decimal; null without an obligation.</summary>
    public decimal? Percentage => Applies && Obligation.Cents > 0
        ? decimal.Round(Accepted.Cents * 100m / Obligation.Cents, 1, MidpointRounding.AwayFromZero)
        : null;

    /// <summary>The status where it does not depend on the date: settled, not applicable or fulfilled; otherwise null.</summary>
    public BalanceStatus? FixedStatus =>
        Settlement is not null ? BalanceStatus.Settled
        : !Applies ? BalanceStatus.NotApplicable
        : Accepted >= Obligation ? BalanceStatus.Fulfilled
        : null;

    /// <summary>
    /// The first day on which the accepted share falls below the elapsed share of the term. The term runs from
    /// <see cref="StartsOn"/> through <see cref="EndsOn"/> (N days, both included); on day d, (d − start) of them have
    /// elapsed. Behind means accepted / obligation &lt; elapsed / N, that is elapsed &gt; accepted × N / obligation.
    /// Null when the status does not depend on the date.
    /// </summary>
    public LocalDate? BehindFrom
    {
        get
        {
            if (FixedStatus is not null) return null;
            long termDays = Period.DaysBetween(StartsOn, EndsOn) + 1;
            var elapsedAllowed = Accepted.Cents * termDays / Obligation.Cents; // whole days covered by what is accepted
            return StartsOn.PlusDays((int)elapsedAllowed + 1); // fits: accepted < obligation, so elapsedAllowed < termDays
        }
    }

    public BalanceStatus StatusOn(LocalDate today) => BalanceStatuses.On(FixedStatus, BehindFrom, EndsOn, today);

    public static ContractBalance Of(ContractState state)
    {
        var obligation = state.Obligation ?? throw new InvalidOperationException("A registered contract has an obligation.");
        // From the totals the fold keeps (issue 23), not from the reports: the same figures, whatever the contract's size.
        var totals = state.TotalsNow().Reports.ByKind;
        var byKind = Enum.GetValues<FulfilmentKind>().ToDictionary(kind => kind, kind => totals[kind]);
        var own = new ContractBalance(
            obligation.Applies, obligation.Amount,
            Sum(byKind.Values.Select(t => t.Accepted)), Sum(byKind.Values.Select(t => t.Pending)), Sum(byKind.Values.Select(t => t.Rejected)),
            byKind, state.StartsOn, state.EndsOn, state.Settlement);
        // One obligation everywhere: the contract's PSO terms are its own events, so the fold applies them here, and the
        // status, the list, the worklist, the reports and the settlement all see the obligation after PSO.
        return PsoEffects.Of(state, obligation.Amount, obligation.Applies) is { } pso ? pso.Apply(own) : own;
    }

    private static Money Sum(IEnumerable<Money> amounts) => amounts.Aggregate(Money.Zero, (sum, amount) => sum + amount);
}

public static class BalanceStatuses
{
    /// <summary>
    /// The status on a day, from the parts a document can store. Mirrored by the predicate the contract list filters on
    /// (Api: ContractQueries); the API tests hold the two together.
    /// </summary>
    public static BalanceStatus On(BalanceStatus? fixedStatus, LocalDate? behindFrom, LocalDate endsOn, LocalDate today) =>
        fixedStatus ?? (today > endsOn ? BalanceStatus.Overdue
            : behindFrom is { } from && today >= from ? BalanceStatus.Behind
            : BalanceStatus.OnTrack);
}
