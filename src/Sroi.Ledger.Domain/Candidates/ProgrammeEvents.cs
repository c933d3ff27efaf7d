using NodaTime;
using Sroi.Ledger.Domain.Programmes;

namespace Sroi.Ledger.Domain.Candidates;

// Issue 22: programmes (trajecten), school leavers and their day activity, on the candidate's stream. Codes and dates
// only: nothing here says who the candidate is.

/// <summary><c>candidate.programme-enrolled.v1</c>: the candidate was enrolled on a programme (by its code).</summary>
public sealed record EnrolledInProgramme(string Programme, LocalDate EnrolledOn) : ICandidateEvent;

/// <summary><c>candidate.programme-enrolment-ended.v1</c>: the enrolment ended (early, or when the candidate finished).</summary>
public sealed record ProgrammeEnrolmentEnded(string Programme, LocalDate EndedOn, string Reason) : ICandidateEvent;

/// <summary><c>candidate.programme-outcome-recorded.v1</c>: during an enrolment the candidate reached one of the programme's outcomes.</summary>
public sealed record ProgrammeOutcomeRecorded(string Programme, string Outcome, LocalDate On) : ICandidateEvent;

/// <summary>
/// <c>candidate.programme-outcome-withdrawn.v1</c>: an outcome recorded by mistake (the one reached on <see cref="On"/>) is
/// withdrawn; it no longer counts from the moment this is recorded, and a report as known before that still shows it.
/// </summary>
public sealed record ProgrammeOutcomeWithdrawn(string Programme, string Outcome, LocalDate On, string Reason) : ICandidateEvent;

/// <summary>
/// <c>candidate.school-leaver-recorded.v1</c>: the candidate left praktijkonderwijs or VSO in that school year. Appended
/// with the registration that names it, so <c>candidate.registered.v1</c> keeps its shape.
/// </summary>
public sealed record SchoolLeaverRecorded(SchoolType SchoolType, string SchoolYearLeft) : ICandidateEvent;

/// <summary><c>candidate.day-activity-recorded.v1</c>: what the candidate does by day from <see cref="EffectiveOn"/> until the next.</summary>
public sealed record DayActivityRecorded(DayActivity Activity, LocalDate EffectiveOn) : ICandidateEvent;

/// <summary>The school a school leaver left: praktijkonderwijs (pro) or voortgezet speciaal onderwijs (vso).</summary>
public enum SchoolType
{
    Pro,
    Vso,
}

/// <summary>The day activity of a school leaver, as Rijswijk's tussenevaluatie (2019) tabulates it.</summary>
public enum DayActivity
{
    /// <summary>Op school (mostly MBO).</summary>
    AtSchool,

    /// <summary>Aan het werk.</summary>
    Working,

    /// <summary>In begeleiding als niet-uitkeringsgerechtigd.</summary>
    SupportedWithoutBenefit,

    /// <summary>In begeleiding als bijstandsgerechtigde.</summary>
    SupportedWithBenefit,

    /// <summary>Een Wmo-indicatie of indicatie zorgverzekering.</summary>
    WmoOrCare,

    /// <summary>Een startkwalificatie.</summary>
    BasicQualification,

    /// <summary>Een Wajong-uitkering (UWV).</summary>
    Wajong,

    /// <summary>Huidige status wordt onderzocht door de gemeente.</summary>
    UnderInvestigation,

    /// <summary>Voortijdig schoolverlater.</summary>
    EarlySchoolLeaver,
}

/// <summary>A school year as "2017-2018": two consecutive years.</summary>
public static class SchoolYears
{
    public const string Pattern = "^[0-9]{4}-[0-9]{4}$";
    public const string Message = "A school year as yyyy-yyyy, two consecutive years, e.g. 2017-2018.";

    public static bool IsSchoolYear(string? text) =>
        text is { Length: 9 } && text[4] == '-'
        && int.TryParse(text.AsSpan(0, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var first)
        && int.TryParse(text.AsSpan(5, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var second)
        && first >= 1900 && second == first + 1;

    /// <summary>The calendar year the school year starts in.</summary>
    public static int FirstYear(string schoolYear) => int.Parse(schoolYear.AsSpan(0, 4), provider: System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>1 August of <see cref="FirstYear"/>: the first day a pupil can have left school in that school year.</summary>
    public static LocalDate Start(string schoolYear) => new(FirstYear(schoolYear), 8, 1);
}

public sealed record EnrolInProgramme(ProgrammeTerms Programme, LocalDate EnrolledOn, LocalDate Today);

public sealed record EndProgrammeEnrolment(string Programme, LocalDate EndedOn, string Reason, LocalDate Today);

public sealed record RecordProgrammeOutcome(ProgrammeTerms Programme, string Outcome, LocalDate On, LocalDate Today);

/// <summary>Withdraws the outcome reached on <see cref="On"/>: the candidate's enrolments hold at most one of each outcome on a day.</summary>
public sealed record WithdrawProgrammeOutcome(string Programme, string Outcome, LocalDate On, string Reason);

public sealed record RecordSchoolLeaver(SchoolType SchoolType, string SchoolYearLeft, LocalDate Today);

public sealed record RecordDayActivity(DayActivity Activity, LocalDate EffectiveOn, LocalDate Today);

/// <summary>One enrolment of the candidate on a programme, with the outcomes reached during it.</summary>
/// <param name="EndedOn">Null while the candidate takes part.</param>
public sealed record EnrolmentState(string Programme, LocalDate EnrolledOn, LocalDate? EndedOn, string? EndReason, IReadOnlyList<OutcomeReached> Outcomes)
{
    /// <summary>Whether <paramref name="date"/> falls in the enrolment (both ends included).</summary>
    public bool Holds(LocalDate date) => EnrolledOn <= date && (EndedOn is not { } ended || date <= ended);
}

public sealed record OutcomeReached(string Outcome, LocalDate On);

public sealed record SchoolLeaver(SchoolType SchoolType, string SchoolYearLeft)
{
    /// <summary>
    /// The first date the school-leavers report counts the candidate on: the later of its registration and the start of the
    /// school year it left in. A candidate registered in 2017 who leaves school in 2020-2021 is a school leaver from
    /// 1 August 2020, not before: before that it had not left (it may be registered earlier, e.g. as a job seeker).
    /// </summary>
    public LocalDate CountedFrom(LocalDate registeredOn) => LocalDate.Max(registeredOn, SchoolYears.Start(SchoolYearLeft));
}

/// <summary>A day activity the candidate had from <see cref="EffectiveOn"/> until the next one's.</summary>
public sealed record DayActivityHeld(DayActivity Activity, LocalDate EffectiveOn);
