using System.Collections.Immutable;
using Sroi.Ledger.Domain.Fulfilments;

namespace Sroi.Ledger.Domain.Plans;

/// <summary>
/// One plan line's realised figure kept incrementally (issue 23), as <see cref="PlanFigures.Realised"/> computes it over every
/// report: euros and hours are a sum over the accepted reports dated in the line; persons are distinct, so the line keeps a
/// count of accepted reports per person (bounded by the people on the contract, not by its reports) and realises how many
/// people have any.
/// </summary>
public sealed record LineTally(PlanLine Line, decimal Sum, ImmutableDictionary<string, int> People)
{
    public decimal Realised => PlanUnits.Of(Line.Kind) == PlanUnit.Persons ? People.Count : Sum;

    public static LineTally Of(PlanLine line, FulfilmentList reports) =>
        reports.InOrder.Aggregate(new LineTally(line, 0m, ImmutableDictionary<string, int>.Empty), (tally, f) => tally.Add(f, +1));

    public LineTally Add(Fulfilment report, int sign)
    {
        if (report.Status != FulfilmentStatus.Accepted || report.Report.Kind != Line.Kind
            || (Line.Block is not null && PlanUnits.BlockOf(report.Report) != Line.Block))
            return this;
        if (PlanUnits.Of(Line.Kind) == PlanUnit.Persons)
        {
            if (report.Report.Work is not { } work || work.Start > Line.To || Line.From > work.End) return this;
            var person = work.Candidate?.ToString() ?? "report:" + report.Id;
            var count = People.GetValueOrDefault(person) + sign;
            return this with { People = count == 0 ? People.Remove(person) : People.SetItem(person, count) };
        }
        if ((report.Report.ValuationDate ?? report.ReportedOn) is var day && (day < Line.From || day > Line.To)) return this;
        var amount = report.Report switch
        {
            FulfilmentReport.SocialProcurement p => p.AmountExclVat.Euros,
            FulfilmentReport.Training t => t.Cost.Euros,
            FulfilmentReport.SocialActivity a => a.Hours,
            _ => 0m,
        };
        return this with { Sum = Sum + sign * amount };
    }
}

/// <summary>
/// The realised figures of the plan in force and of the revision awaiting review, kept from report events by their slice
/// (<see cref="ReportSlice"/>) as <see cref="Balance.ReportTotals"/> are. A plan event changes the lines: <see cref="Of"/>
/// tallies the new ones over the contract's accepted reports once (plan events are rare; a report event never does this).
/// </summary>
public sealed record PlanTally(ImmutableList<LineTally>? InForce, ImmutableList<LineTally>? Pending)
{
    public static PlanTally None { get; } = new(null, null);

    public static PlanTally Of(ContractPlan plan, FulfilmentList reports) =>
        new(plan.InForce is { } inForce ? [.. inForce.Lines.Select(l => LineTally.Of(l, reports))] : null,
            plan.Pending is { } pending ? [.. pending.Lines.Select(l => LineTally.Of(l, reports))] : null);

    /// <summary>After a report event that turned the slice <paramref name="before"/> into <paramref name="after"/>.</summary>
    public PlanTally Apply(FulfilmentList before, FulfilmentList after) => new(Apply(InForce, before, after), Apply(Pending, before, after));

    private static ImmutableList<LineTally>? Apply(ImmutableList<LineTally>? lines, FulfilmentList before, FulfilmentList after) =>
        lines?.Select(line => after.InOrder.Aggregate(before.InOrder.Aggregate(line, (t, f) => t.Add(f, -1)), (t, f) => t.Add(f, +1))).ToImmutableList();
}
