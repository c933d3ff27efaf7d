using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Json;

namespace Sroi.Ledger.Api.Candidates;

/// <summary>The stable names of candidate events. A name is never reused for another shape.</summary>
public static class CandidateEventTypes
{
    public const string Registered = "candidate.registered.v1";
    public const string TredeChanged = "candidate.trede-changed.v1";
    public const string PlacementRecorded = "candidate.placement-recorded.v1";
    public const string PlacementEnded = "candidate.placement-ended.v1";
    public const string PlacementCorrected = "candidate.placement-corrected.v1";
    public const string PlacementWithdrawn = "candidate.placement-withdrawn.v1";
    public const string BenefitEnded = "candidate.benefit-ended.v1";
    public const string BenefitActSet = "candidate.benefit-act-set.v1";
    public const string WspServiceSet = "candidate.wsp-service-set.v1";

    // Issue 22 (durable placements): a recorded end corrected.
    public const string PlacementEndCorrected = "candidate.placement-end-corrected.v1";

    // Issue 22: programmes (trajecten), school leavers and their day activity.
    public const string ProgrammeEnrolled = "candidate.programme-enrolled.v1";
    public const string ProgrammeEnrolmentEnded = "candidate.programme-enrolment-ended.v1";
    public const string ProgrammeOutcomeRecorded = "candidate.programme-outcome-recorded.v1";
    public const string ProgrammeOutcomeWithdrawn = "candidate.programme-outcome-withdrawn.v1";
    public const string SchoolLeaverRecorded = "candidate.school-leaver-recorded.v1";
    public const string DayActivityRecorded = "candidate.day-activity-recorded.v1";

    public static IReadOnlyList<(Type, string)> Mapped { get; } =
    [
        (typeof(CandidateRegistered), Registered), (typeof(Domain.Candidates.TredeChanged), TredeChanged),
        (typeof(Domain.Candidates.PlacementRecorded), PlacementRecorded), (typeof(Domain.Candidates.PlacementEnded), PlacementEnded),
        (typeof(Domain.Candidates.PlacementCorrected), PlacementCorrected), (typeof(Domain.Candidates.PlacementWithdrawn), PlacementWithdrawn),
        (typeof(Domain.Candidates.BenefitEnded), BenefitEnded),
        (typeof(Domain.Candidates.PlacementEndCorrected), PlacementEndCorrected),
        (typeof(Domain.Candidates.BenefitActSet), BenefitActSet), (typeof(Domain.Candidates.WspServiceSet), WspServiceSet),
        // Issue 22: programmes, school leavers.
        (typeof(EnrolledInProgramme), ProgrammeEnrolled), (typeof(Domain.Candidates.ProgrammeEnrolmentEnded), ProgrammeEnrolmentEnded),
        (typeof(Domain.Candidates.ProgrammeOutcomeRecorded), ProgrammeOutcomeRecorded),
        (typeof(Domain.Candidates.ProgrammeOutcomeWithdrawn), ProgrammeOutcomeWithdrawn),
        (typeof(Domain.Candidates.SchoolLeaverRecorded), SchoolLeaverRecorded), (typeof(Domain.Candidates.DayActivityRecorded), DayActivityRecorded),
    ];

    /// <summary>A candidate number is unique within its municipality: <c>candidate-GM0603-100234</c>.</summary>
    public static StreamId StreamOf(MunicipalityCode municipality, CandidateNumber number) => new($"candidate-{municipality}-{number}");

    public static string NameOf(ICandidateEvent e) => e switch
    {
        CandidateRegistered => Registered,
        Domain.Candidates.TredeChanged => TredeChanged,
        Domain.Candidates.PlacementRecorded => PlacementRecorded,
        Domain.Candidates.PlacementEnded => PlacementEnded,
        Domain.Candidates.PlacementCorrected => PlacementCorrected,
        Domain.Candidates.PlacementWithdrawn => PlacementWithdrawn,
        Domain.Candidates.BenefitEnded => BenefitEnded,
        Domain.Candidates.PlacementEndCorrected => PlacementEndCorrected,
        Domain.Candidates.BenefitActSet => BenefitActSet,
        Domain.Candidates.WspServiceSet => WspServiceSet,
        // Issue 22: programmes, school leavers.
        EnrolledInProgramme => ProgrammeEnrolled,
        Domain.Candidates.ProgrammeEnrolmentEnded => ProgrammeEnrolmentEnded,
        Domain.Candidates.ProgrammeOutcomeRecorded => ProgrammeOutcomeRecorded,
        Domain.Candidates.ProgrammeOutcomeWithdrawn => ProgrammeOutcomeWithdrawn,
        Domain.Candidates.SchoolLeaverRecorded => SchoolLeaverRecorded,
        Domain.Candidates.DayActivityRecorded => DayActivityRecorded,
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Candidate event without a stable name."),
    };

    public static string Serialize(ICandidateEvent e) => e switch
    {
        CandidateRegistered r => EventJson.Serialize(r),
        Domain.Candidates.TredeChanged t => EventJson.Serialize(t),
        Domain.Candidates.PlacementRecorded p => EventJson.Serialize(p),
        Domain.Candidates.PlacementEnded p => EventJson.Serialize(p),
        Domain.Candidates.PlacementCorrected p => EventJson.Serialize(p),
        Domain.Candidates.PlacementWithdrawn p => EventJson.Serialize(p),
        Domain.Candidates.BenefitEnded b => EventJson.Serialize(b),
        Domain.Candidates.PlacementEndCorrected p => EventJson.Serialize(p),
        Domain.Candidates.BenefitActSet a => EventJson.Serialize(a),
        Domain.Candidates.WspServiceSet w => EventJson.Serialize(w),
        // Issue 22: programmes, school leavers.
        EnrolledInProgramme p => EventJson.Serialize(p),
        Domain.Candidates.ProgrammeEnrolmentEnded p => EventJson.Serialize(p),
        Domain.Candidates.ProgrammeOutcomeRecorded p => EventJson.Serialize(p),
        Domain.Candidates.ProgrammeOutcomeWithdrawn p => EventJson.Serialize(p),
        Domain.Candidates.SchoolLeaverRecorded s => EventJson.Serialize(s),
        Domain.Candidates.DayActivityRecorded d => EventJson.Serialize(d),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Candidate event without a serializer."),
    };

    public static ICandidateEvent Deserialize(string type, string json) => type switch
    {
        Registered => EventJson.Deserialize<CandidateRegistered>(json),
        TredeChanged => EventJson.Deserialize<Domain.Candidates.TredeChanged>(json),
        PlacementRecorded => EventJson.Deserialize<Domain.Candidates.PlacementRecorded>(json),
        PlacementEnded => EventJson.Deserialize<Domain.Candidates.PlacementEnded>(json),
        PlacementCorrected => EventJson.Deserialize<Domain.Candidates.PlacementCorrected>(json),
        PlacementWithdrawn => EventJson.Deserialize<Domain.Candidates.PlacementWithdrawn>(json),
        BenefitEnded => EventJson.Deserialize<Domain.Candidates.BenefitEnded>(json),
        PlacementEndCorrected => EventJson.Deserialize<Domain.Candidates.PlacementEndCorrected>(json),
        BenefitActSet => EventJson.Deserialize<Domain.Candidates.BenefitActSet>(json),
        WspServiceSet => EventJson.Deserialize<Domain.Candidates.WspServiceSet>(json),
        // Issue 22: programmes, school leavers.
        ProgrammeEnrolled => EventJson.Deserialize<EnrolledInProgramme>(json),
        ProgrammeEnrolmentEnded => EventJson.Deserialize<Domain.Candidates.ProgrammeEnrolmentEnded>(json),
        ProgrammeOutcomeRecorded => EventJson.Deserialize<Domain.Candidates.ProgrammeOutcomeRecorded>(json),
        ProgrammeOutcomeWithdrawn => EventJson.Deserialize<Domain.Candidates.ProgrammeOutcomeWithdrawn>(json),
        SchoolLeaverRecorded => EventJson.Deserialize<Domain.Candidates.SchoolLeaverRecorded>(json),
        DayActivityRecorded => EventJson.Deserialize<Domain.Candidates.DayActivityRecorded>(json),
        _ => throw new InvalidOperationException($"Unknown candidate event type '{type}'."),
    };
}
