using System.Collections.Immutable;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Balance;

/// <summary>
/// A contract's report values per kind and status (accepted, pending, rejected), kept incrementally (issue 23): a report event
/// changes them by the difference it makes to the reports it touches (<see cref="ReportSlice"/>), so the balance of a contract
/// with 2,000 reports costs what one with 10 does. <see cref="Of"/> is the same figure folded over every report: the check of
/// the incremental one (the domain tests hold the two together) and the start of a back-fill.
/// </summary>
/// <param name="PendingCount">Reports awaiting review: the settlement waits for none (<c>settlement.pending-reports</c>).</param>
/// <param name="ReportedOn">
/// Every day a report was made on (any status: a report never leaves the history): the monitoring's "nothing reported in the
/// interval" asks this. Bounded by the days of the term, not by the reports.
/// </param>
public sealed record ReportTotals(ImmutableDictionary<FulfilmentKind, KindTotals> ByKind, int PendingCount, ImmutableSortedSet<NodaTime.LocalDate> ReportedOn)
{
    private static readonly KindTotals None = new(Money.Zero, Money.Zero, Money.Zero);

    public static ReportTotals Zero { get; } =
        new(Enum.GetValues<FulfilmentKind>().ToImmutableDictionary(k => k, _ => None), 0, ImmutableSortedSet<NodaTime.LocalDate>.Empty);

    /// <summary>Whether a report was made on a day from <paramref name="start"/> through <paramref name="end"/>.</summary>
    public bool AnyReportedBetween(NodaTime.LocalDate start, NodaTime.LocalDate end)
    {
        // A binary search: the first day on or after start (IndexOf answers its complement when start itself is absent).
        var at = ReportedOn.IndexOf(start);
        if (at < 0) at = ~at;
        return at < ReportedOn.Count && ReportedOn[at] <= end;
    }

    /// <summary>Folded over every report, as <see cref="ContractBalance.Of"/> folds them.</summary>
    public static ReportTotals Of(FulfilmentList reports) => reports.InOrder.Aggregate(Zero, (totals, f) => totals.Add(f, +1));

    /// <summary>
    /// The totals after an event that turned the reports <paramref name="before"/> into <paramref name="after"/> (the slice it
    /// touches, before and after Evolve; a new report is in <paramref name="after"/> only).
    /// </summary>
    public ReportTotals Apply(FulfilmentList before, FulfilmentList after) =>
        after.InOrder.Aggregate(before.InOrder.Aggregate(this, (totals, f) => totals.Add(f, -1)), (totals, f) => totals.Add(f, +1));

    private ReportTotals Add(Fulfilment report, int sign)
    {
        // A day reported on stays (the report stays in the history whatever its status): added, never taken away.
        var days = sign > 0 ? ReportedOn.Add(report.ReportedOn) : ReportedOn;
        if (report.Status is not (FulfilmentStatus.Accepted or FulfilmentStatus.Pending or FulfilmentStatus.Rejected))
            return this with { ReportedOn = days };
        var amount = new Money(sign * report.Valuation.Value.Cents);
        var kind = ByKind[report.Report.Kind];
        return new(ByKind.SetItem(report.Report.Kind, report.Status switch
        {
            FulfilmentStatus.Accepted => kind with { Accepted = kind.Accepted + amount },
            FulfilmentStatus.Pending => kind with { Pending = kind.Pending + amount },
            _ => kind with { Rejected = kind.Rejected + amount },
        }), PendingCount + (report.Status == FulfilmentStatus.Pending ? sign : 0), days);
    }

    public bool SameAs(IReadOnlyDictionary<FulfilmentKind, KindTotals> other) =>
        ByKind.Count == other.Count && ByKind.All(k => other.TryGetValue(k.Key, out var o) && o == k.Value);
}
