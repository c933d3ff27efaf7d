using NodaTime;
using Sroi.Ledger.Domain.Balance;
using Sroi.Ledger.Domain.Contracts;

namespace Sroi.Ledger.Domain.Monitoring;

/// <summary>The time-driven signals of a contract. Serialised in kebab case.</summary>
public enum MonitoringSignal
{
    Behind,
    Overdue,
    SettlementDue,
    ReportDue,
    /// <summary>A line of the plan in force ended with less realised than planned (<see cref="DueSignal.PlanLine"/>).</summary>
    PlanBehind,
}

/// <summary>
/// One signal due on the day asked. <paramref name="Since"/> is the first day it was due. For
/// <see cref="MonitoringSignal.ReportDue"/> <paramref name="IntervalStart"/> and <paramref name="IntervalEnd"/> are the
/// interval's first and last day.
/// </summary>
public sealed record DueSignal(MonitoringSignal Kind, LocalDate Since, LocalDate? IntervalStart = null, LocalDate? IntervalEnd = null)
{
    /// <summary>For <see cref="MonitoringSignal.PlanBehind"/>: the line, with its planned and realised amounts.</summary>
    public Plans.PlanLineFigures? PlanLine { get; init; }

    /// <summary>
    /// Names this occurrence, so a caller raises it once: a contract is behind again (a new first day) after a report
    /// caught it up, overdue and due for settlement only once, and due to report once per interval.
    /// </summary>
    public string Key => Kind switch
    {
        MonitoringSignal.Behind => $"behind:{Since:yyyy-MM-dd}",
        MonitoringSignal.Overdue => "overdue",
        MonitoringSignal.SettlementDue => "settlement-due",
        MonitoringSignal.ReportDue => $"report-due:{IntervalStart!.Value:yyyy-MM-dd}",
        MonitoringSignal.PlanBehind => PlanLine!.Key,
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Not a monitoring signal."),
    };
}

/// <summary>
/// What is due on a day, and <paramref name="NextCheck"/>: the first later day on which that may change without a new
/// event (null when nothing is left ahead), so a caller schedules one check instead of polling.
/// </summary>
public sealed record MonitoringOutcome(IReadOnlyList<DueSignal> Due, LocalDate? NextCheck);

/// <summary>
/// The time-driven rules of monitoring, over the contract's state and the terms of its policy: pure, the day comes in.
/// Where the contract stands is the balance's own rule (<see cref="ContractBalance"/>), so a signal and the balance
/// cannot disagree.
/// </summary>
public static class ContractMonitoring
{
    /// <summary>The first day a settlement is due: the day after the repair period that follows <paramref name="endsOn"/>.</summary>
    public static LocalDate SettlementDueFrom(LocalDate endsOn, MonitoringTerms terms) => endsOn.Plus(terms.RepairPeriod).PlusDays(1);

    public static MonitoringOutcome On(ContractState state, MonitoringTerms terms, LocalDate today)
    {
        var balance = ContractBalance.Of(state);
        // A line of the plan in force is judged the day after its period: below plan, it is due then. A fulfilled obligation
        // does not make a missed line of the plan right; a settled one closes the contract's books.
        var plan = Plans.PlanFigures.Of(state);
        var planDue = state.Settlement is null
            ? plan.BehindOn(today).Select(line => new DueSignal(MonitoringSignal.PlanBehind, line.To.PlusDays(1)) { PlanLine = line }).ToList()
            : [];
        var planNext = state.Settlement is null ? plan.NextLineEndAfter(today) : null;
        // Settled, not applicable or fulfilled: nothing else will be due, whatever the day.
        // (`[]` when nothing is due: the empty array outcomes have always been, which callers compare with.)
        if (balance.FixedStatus is not null) return new(planDue.Count == 0 ? Array.Empty<DueSignal>() : planDue, planNext);

        var due = new List<DueSignal>(planDue);
        var ended = state.EndsOn.PlusDays(1);
        var settlementDue = SettlementDueFrom(state.EndsOn, terms);
        var status = balance.StatusOn(today);
        if (status == BalanceStatus.Behind) due.Add(new(MonitoringSignal.Behind, balance.BehindFrom!.Value));
        if (status == BalanceStatus.Overdue) due.Add(new(MonitoringSignal.Overdue, ended));
        if (status == BalanceStatus.Overdue && today >= settlementDue) due.Add(new(MonitoringSignal.SettlementDue, settlementDue));

        var intervals = ReportingIntervals(state.StartsOn, state.EndsOn, terms).ToList();
        // Only the latest interval reached counts: a contract registered late is not reminded of every interval it missed.
        if (intervals.LastOrDefault(i => i.ReachedOn <= today) is { } reached
            && !state.TotalsNow().Reports.AnyReportedBetween(reached.Start, reached.End))
            due.Add(new(MonitoringSignal.ReportDue, reached.ReachedOn, reached.Start, reached.End));

        LocalDate?[] ahead = [balance.BehindFrom, ended, settlementDue, intervals.FirstOrDefault(i => i.ReachedOn > today)?.ReachedOn, planNext];
        var nextCheck = ahead.Where(day => day > today).Min();
        return new(due, nextCheck);
    }

    /// <summary>
    /// The reporting intervals of a term: [startsOn + k·I, startsOn + (k+1)·I − 1 day], the last one cut off at
    /// <paramref name="endsOn"/>. Each start is counted from <paramref name="startsOn"/> itself, so a start on the 31st
    /// keeps coming back to the end of the month instead of drifting to the 28th.
    /// </summary>
    private static IEnumerable<ReportingInterval> ReportingIntervals(LocalDate startsOn, LocalDate endsOn, MonitoringTerms terms)
    {
        if (!MonitoringTerms.IsReportingInterval(terms.ReportingIntervalMonths))
            throw new ArgumentOutOfRangeException(nameof(terms), terms.ReportingIntervalMonths, "Not a reporting interval.");
        for (var k = 0; ; k++)
        {
            var start = startsOn.Plus(Period.FromMonths(k * terms.ReportingIntervalMonths));
            if (start > endsOn) yield break;
            var next = startsOn.Plus(Period.FromMonths((k + 1) * terms.ReportingIntervalMonths));
            yield return new(start, next <= endsOn ? next.PlusDays(-1) : endsOn);
        }
    }

    /// <summary>A reporting interval, first and last day included; it is reached the day after its last day.</summary>
    private sealed record ReportingInterval(LocalDate Start, LocalDate End)
    {
        public LocalDate ReachedOn => End.PlusDays(1);
    }
}
