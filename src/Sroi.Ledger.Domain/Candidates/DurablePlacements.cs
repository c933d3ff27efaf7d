using NodaTime;

namespace Sroi.Ledger.Domain.Candidates;

/// <summary>A placement as the durability rule sees it: when it started and, once known, when it ended.</summary>
public sealed record WorkSpan(Guid PlacementId, LocalDate StartedOn, LocalDate? EndedOn);

/// <summary>
/// One candidate's work and benefit as known: the placements that count (withdrawn ones left out, corrections applied)
/// and the end of the benefit, if it ended.
/// </summary>
public sealed record CandidateWork(IReadOnlyList<WorkSpan> Placements, BenefitEnded? BenefitEnded)
{
    public static CandidateWork Of(CandidateState state) =>
        new([.. state.Placements.Where(p => !p.Withdrawn).Select(p => new WorkSpan(p.Id, p.StartedOn, p.EndedOn))], state.BenefitEnded);
}

/// <summary>How one counted placement measures after N months.</summary>
/// <param name="Measurable">The N months are over on the measuring date; when not, the placement is neither retained nor lost.</param>
/// <param name="StillWorking">Worked every day of the N months from the start, counting consecutive or overlapping placements.</param>
/// <param name="FullOutflow">The benefit ended for work income on or after the start, within the N months.</param>
public sealed record Durability(bool Measurable, bool StillWorking, bool FullOutflow);

/// <summary>A period's durable placements for one horizon of N months; only measurable placements are still working or not.</summary>
public sealed record DurabilityCount(int Months, long Counted, long NotYetMeasurable, long StillWorking, long FullOutflow)
{
    public long Measured => Counted - NotYetMeasurable;
}

/// <summary>
/// Duurzame plaatsing (issue 22): whether a placement lasted. Two definitions from the seeds, counted side by side:
/// Leiden/Holland Rijnland (beleidsplan 2019–2023: "Doorgaans wordt hiervoor een periode van 6 maanden aangehouden") — the
/// candidate still works N months after the start; Rijswijk (kadernota Werk 2021: "volledige uitstroom uit de
/// Participatiewetuitkering na plaatsing") — the benefit ended after the placement.
/// </summary>
public static class DurablePlacements
{
    /// <summary>The version of these rules, named in every answer: a changed rule is a new version, so old figures stay explainable.</summary>
    public const string RuleVersion = "durable-placement.v1";

    public const int DefaultMonths = 6;
    public const int MinMonths = 1;
    public const int MaxMonths = 36;

    /// <summary>The horizons of the retention curve.</summary>
    public static IReadOnlyList<int> CurveMonths { get; } = [3, 6, 12];

    /// <summary>
    /// The last day of the first <paramref name="months"/> months of work: the day before the same day N months later
    /// (started 1 March, 6 months: 31 August). NodaTime clamps a day the month lacks (31 August + 6 months: 28 February),
    /// so a start on the 31st runs to the day before that.
    /// </summary>
    public static LocalDate LastDay(LocalDate startedOn, int months) => startedOn.PlusMonths(months).PlusDays(-1);

    /// <summary>
    /// The last day the candidate worked without a break from <paramref name="placement"/>'s start, or null while still
    /// working. Another placement of the same candidate continues the work when it starts on or before the day after the
    /// work so far ended (a next job, or a second one alongside) and ends later, or not at all.
    /// </summary>
    public static LocalDate? WorkedUntil(WorkSpan placement, IReadOnlyList<WorkSpan> placements)
    {
        if (placement.EndedOn is not { } until) return null;
        var extended = true;
        while (extended)
        {
            extended = false;
            foreach (var next in placements)
            {
                if (next.PlacementId == placement.PlacementId || next.StartedOn > until.PlusDays(1)) continue;
                if (next.EndedOn is not { } ended) return null;
                if (ended > until) (until, extended) = (ended, true);
            }
        }
        return until;
    }

    /// <summary>How <paramref name="placement"/> of <paramref name="work"/> measures after <paramref name="months"/> months, on <paramref name="asOf"/>.</summary>
    public static Durability Measure(WorkSpan placement, CandidateWork work, int months, LocalDate asOf)
    {
        var lastDay = LastDay(placement.StartedOn, months);
        if (lastDay > asOf) return new Durability(false, false, false);
        var worked = WorkedUntil(placement, work.Placements);
        // Full outflow is from the Participatiewet benefit to work: a benefit that ended for another reason (a move, a
        // partner's income, detention) says nothing about the placement, as in the placements report's benefitEndedAfterPlacement.
        var outflow = work.BenefitEnded is { Reason: BenefitEndReason.WorkIncome } ended
            && ended.EffectiveOn >= placement.StartedOn && ended.EffectiveOn <= lastDay;
        return new Durability(true, worked is null || worked >= lastDay, outflow);
    }

    /// <summary>
    /// The placements of the candidates that started in <paramref name="from"/>–<paramref name="to"/> (inclusive; each
    /// placement counts, as in the placements report), measured after <paramref name="months"/> months on <paramref name="asOf"/>.
    /// </summary>
    public static DurabilityCount Count(IEnumerable<CandidateWork> candidates, LocalDate from, LocalDate to, int months, LocalDate asOf)
    {
        long counted = 0, waiting = 0, working = 0, outflow = 0;
        foreach (var work in candidates)
        {
            foreach (var placement in work.Placements)
            {
                if (placement.StartedOn < from || placement.StartedOn > to) continue;
                counted++;
                var measure = Measure(placement, work, months, asOf);
                if (!measure.Measurable) { waiting++; continue; }
                if (measure.StillWorking) working++;
                if (measure.FullOutflow) outflow++;
            }
        }
        return new DurabilityCount(months, counted, waiting, working, outflow);
    }
}
