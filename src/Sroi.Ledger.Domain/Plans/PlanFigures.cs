using NodaTime;
using Sroi.Ledger.Domain.BuildingBlocks;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;

namespace Sroi.Ledger.Domain.Plans;

/// <summary>A plan line with what the contract's accepted reports realised of it.</summary>
public sealed record PlanLineFigures(
    FulfilmentKind Kind, BuildingBlockCode? Block, LocalDate From, LocalDate To, PlanUnit Unit, decimal Planned, decimal Realised)
{
    /// <summary>The line's period is over (the day after its last day) and less was realised than planned.</summary>
    public bool BehindOn(LocalDate today) => today > To && Realised < Planned;

    /// <summary>Names this line for the <c>plan.behind</c> signal, so it is raised once (also across revisions that keep the line).</summary>
    public string Key => $"plan-behind:{Kind}:{Block}:{From:yyyy-MM-dd}:{To:yyyy-MM-dd}";
}

/// <summary>A revision's lines with their figures.</summary>
public sealed record PlanRevisionFigures(int Revision, PlanRevisionStatus Status, LocalDate SubmittedOn, LocalDate? DecidedOn, string? Remark,
    IReadOnlyList<PlanLineFigures> Lines);

/// <summary>
/// Planned against realised for the plan in force and the revision awaiting review: a fold of the contract, computed with
/// its balance (so the balance and the list answer without reading the reports). Only accepted reports realise a plan,
/// as only they count in the balance.
/// </summary>
public sealed record PlanFigures(PlanRevisionFigures? InForce, PlanRevisionFigures? Pending)
{
    /// <summary>From the tallies the contract's fold keeps (<see cref="PlanTally"/>, issue 23), not from its reports.</summary>
    public static PlanFigures Of(ContractState state)
    {
        var tally = state.TotalsNow().Plan;
        return new(state.Plan.InForce is { } inForce ? Of(inForce, tally.InForce!) : null,
            state.Plan.Pending is { } pending ? Of(pending, tally.Pending!) : null);
    }

    /// <summary>A revision's figures from its lines' tallies (in the order of its lines).</summary>
    public static PlanRevisionFigures Of(PlanRevision revision, IReadOnlyList<LineTally> tallies) =>
        new(revision.Revision, revision.Status, revision.SubmittedOn, revision.DecidedOn, revision.Remark,
            [.. revision.Lines.Select((line, i) => new PlanLineFigures(line.Kind, line.Block, line.From, line.To, PlanUnits.Of(line.Kind), line.Amount,
                tallies[i].Realised))]);

    /// <summary>
    /// What the accepted reports of the line's kind (and block) realised in its period. Persons: the people whose working
    /// period overlaps the line's, each candidate once (a report without a candidate number is one person). Euros: the
    /// purchases' amount excluding VAT and the training's cost dated in the period. Hours: the social activities' hours
    /// dated in the period. A report without a date (training, an activity) is dated on the day it was reported.
    /// </summary>
    /// <remarks>One definition: the tally a store keeps incrementally (<see cref="LineTally"/>), here over every report.</remarks>
    public static decimal Realised(PlanLine line, FulfilmentList reports) => LineTally.Of(line, reports).Realised;

    /// <summary>The lines of the plan in force whose period ended below plan by <paramref name="today"/>.</summary>
    public IEnumerable<PlanLineFigures> BehindOn(LocalDate today) => InForce?.Lines.Where(l => l.BehindOn(today)) ?? [];

    /// <summary>The first day after <paramref name="today"/> on which a line of the plan in force ends (is judged), if any.</summary>
    public LocalDate? NextLineEndAfter(LocalDate today)
    {
        var ahead = InForce?.Lines.Select(l => l.To.PlusDays(1)).Where(day => day > today).ToList() ?? [];
        return ahead.Count == 0 ? null : ahead.Min();
    }
}
