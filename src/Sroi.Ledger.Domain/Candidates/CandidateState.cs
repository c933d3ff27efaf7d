using NodaTime;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Candidates;

/// <summary>
/// A candidate folded from their stream (<see cref="CandidateDecider.Evolve"/>, the one place each event is applied):
/// what the decider decides on and everything the API shows — the trede history, the benefit and the placements in
/// the order they were recorded.
/// </summary>
/// <param name="Treden">Every trede held, in effective order: the registration's first, then each change.</param>
/// <param name="Placements">In the order they were recorded.</param>
public sealed record CandidateState(
    bool Exists,
    CandidateNumber CandidateNumber,
    MunicipalityCode Municipality,
    LocalDate RegisteredOn,
    TargetGroup TargetGroup,
    LocalDate? BenefitSince,
    BenefitEnded? BenefitEnded,
    IReadOnlyList<TredeHeld> Treden,
    IReadOnlyList<PlacementState> Placements)
{
    public static CandidateState Initial { get; } = new(false, default, default, default, default, null, null, [], []);

    /// <summary>
    /// Every act set for the benefit, in effective order (none: Participatiewet throughout). Not positional, so a document
    /// stored before these existed reads as none, which is what its events mean.
    /// </summary>
    public IReadOnlyList<BenefitActHeld> BenefitActs { get; init; } = [];

    /// <summary>Every change of whether the WSP serves the candidate, in effective order (none: served throughout).</summary>
    public IReadOnlyList<WspServiceHeld> WspService { get; init; } = [];

    /// <summary>The act in force (Participatiewet until one is set).</summary>
    public BenefitAct BenefitAct => BenefitActOn(LocalDate.MaxIsoValue);

    /// <summary>Whether the WSP serves the candidate now (true until recorded otherwise).</summary>
    public bool ServedByWsp => ServedByWspOn(LocalDate.MaxIsoValue);

    /// <summary>The act in force on <paramref name="date"/>: the last set on or before it (two on one day: the later recorded).</summary>
    public BenefitAct BenefitActOn(LocalDate date) =>
        BenefitActs.LastOrDefault(a => a.EffectiveOn <= date)?.BenefitAct ?? BenefitAct.Participatiewet;

    public bool ServedByWspOn(LocalDate date) => WspService.LastOrDefault(w => w.EffectiveOn <= date)?.Served ?? true;

    /// <summary>The trede in force on <paramref name="date"/> (0 before registration).</summary>
    public int TredeOn(LocalDate date) => Treden.LastOrDefault(t => t.EffectiveOn <= date)?.Trede ?? 0;

    /// <summary>Whether the candidate receives a benefit on <paramref name="date"/>: started on or before it, not ended on or before it.</summary>
    public bool HasBenefitOn(LocalDate date) =>
        BenefitSince is { } since && since <= date && (BenefitEnded is not { } ended || ended.EffectiveOn > date);

    /// <summary>The trede in force (0 before registration).</summary>
    public int Trede => Treden.Count == 0 ? 0 : Treden[^1].Trede;

    /// <summary>The effective date of the trede in force (registration or the latest change).</summary>
    public LocalDate TredeSince => Treden.Count == 0 ? default : Treden[^1].EffectiveOn;

    /// <summary>The placement with this id, or null when the candidate has none.</summary>
    public PlacementState? Placement(Guid id) => Placements.FirstOrDefault(p => p.Id == id);

    public CandidateState WithPlacement(PlacementState placement) =>
        this with { Placements = [.. Placements, placement] };

    public CandidateState WithPlacement(Guid id, Func<PlacementState, PlacementState> change) =>
        this with { Placements = [.. Placements.Select(p => p.Id == id ? change(p) : p)] };

    // Issue 22: programmes and school leavers. Properties with defaults, not constructor parameters, so that a document
    // stored before them reads as a candidate with none.

    /// <summary>Every enrolment on a programme, in the order recorded (on one programme they follow each other).</summary>
    public IReadOnlyList<EnrolmentState> Enrolments { get; init; } = [];

    /// <summary>The school the candidate left, when recorded as a school leaver; null otherwise.</summary>
    public SchoolLeaver? SchoolLeaver { get; init; }

    /// <summary>Every day activity, in effective order.</summary>
    public IReadOnlyList<DayActivityHeld> DayActivities { get; init; } = [];

    /// <summary>The latest enrolment on <paramref name="programme"/>; null when never enrolled.</summary>
    public EnrolmentState? LatestEnrolment(string programme) => Enrolments.LastOrDefault(e => e.Programme == programme);

    public CandidateState WithLatestEnrolment(string programme, Func<EnrolmentState, EnrolmentState> change)
    {
        var index = Enrolments.ToList().FindLastIndex(e => e.Programme == programme);
        return this with { Enrolments = [.. Enrolments.Select((e, i) => i == index ? change(e) : e)] };
    }

    /// <summary>
    /// The day activity in force on <paramref name="date"/>: the latest that took effect on or before it (of two on one
    /// day, the later recorded); null before the first. The school-leavers report counts by the same rule in SQL.
    /// </summary>
    public DayActivity? DayActivityOn(LocalDate date) => DayActivities.LastOrDefault(a => a.EffectiveOn <= date)?.Activity;

    /// <summary>Whether the school-leavers report counts the candidate on <paramref name="date"/> (<see cref="SchoolLeaver.CountedFrom"/>).</summary>
    public bool IsSchoolLeaverOn(LocalDate date) => SchoolLeaver is { } leaver && leaver.CountedFrom(RegisteredOn) <= date;
}

/// <summary>One trede the candidate held: from registration (<see cref="From"/> and <see cref="Reason"/> null) or from a change.</summary>
public sealed record TredeHeld(int Trede, int? From, LocalDate EffectiveOn, string? Reason);

/// <param name="EndReason">Why the work ended; null while it has not.</param>
/// <param name="CorrectionReasons">The reason of each correction, in order.</param>
/// <param name="WithdrawalReason">Why it was withdrawn; null while it counts.</param>
public sealed record PlacementState(
    Guid Id,
    Employer? Employer,
    LocalDate StartedOn,
    decimal HoursPerWeek,
    bool FullTime,
    PlacementKind Kind,
    PlacementChannel Channel,
    SroiContractRef? SroiContract,
    LocalDate? EndedOn,
    string? EndReason,
    IReadOnlyList<string> CorrectionReasons,
    bool Withdrawn,
    string? WithdrawalReason);
