using Sroi.Ledger.Domain.Candidates;

namespace Sroi.Ledger.Api.Candidates;

/// <summary>
/// Issue 22: the report tables of programmes and school leavers (Schema/090), written the same way as the others —
/// each event's own statements, stamped with its recorded time, a change closing the current row and updating a copy.
/// </summary>
public sealed partial class CandidateReportTables
{
    // A property, not a field: Tables (in the other part) reads it while the static fields are initialised, in an order
    // C# leaves open across the parts of a class.
    private static string[] ProgrammeTables => ["programme_enrolments", "programme_outcomes", "school_leavers", "candidate_day_activities"];

    // The open enrolment on the programme: the decider allows one at a time.
    private static readonly Table EnrolmentRows = new("programme_enrolments",
        ["municipality", "candidate_number", "seq", "programme", "enrolled_on", "ended_on"], "text text text",
        $"{OfCandidate} AND x.programme = s.a6 AND x.ended_on IS NULL");

    private static readonly Table DayActivityRows = new("candidate_day_activities",
        ["municipality", "candidate_number", "seq", "activity", "valid_from", "valid_until"], "text text", InForce);

    // The texts of the statements below, each made once (SetText).
    private static readonly SetText Enrolled = new($"{StampTypes} text text text date", $"""
        INSERT INTO programme_enrolments (municipality, candidate_number, seq, programme, enrolled_on, recorded_from)
        SELECT p.a4, p.a5, p.a3, p.a6, p.a7, {StampOf("p")} FROM p
        """);

    private static readonly SetText EnrolmentEnded = new("text text text date", $"""
        UPDATE programme_enrolments x SET ended_on = p.a4
        FROM p WHERE x.municipality = p.a1 AND x.candidate_number = p.a2 AND x.programme = p.a3 AND x.ended_on IS NULL AND x.{Current}
        """);

    private static readonly SetText OutcomeRecorded = new($"{StampTypes} text text text text date", $"""
        INSERT INTO programme_outcomes (municipality, candidate_number, seq, programme, outcome, reached_on, recorded_from)
        SELECT p.a4, p.a5, p.a3, p.a6, p.a7, p.a8, {StampOf("p")} FROM p
        """);

    private static readonly SetText OutcomeWithdrawnClosed = new($"{StampTypes} text text text text date", $"""
        {Stamped}
        UPDATE programme_outcomes o SET recorded_until = s.at FROM s
        WHERE o.municipality = s.a4 AND o.candidate_number = s.a5 AND o.programme = s.a6 AND o.outcome = s.a7 AND o.reached_on = s.a8
          AND o.{Current} AND o.recorded_from < s.at
        """);

    private static readonly SetText OutcomeWithdrawnDeleted = new($"{StampTypes} text text text text date", $"""
        DELETE FROM programme_outcomes o USING p
        WHERE o.municipality = p.a4 AND o.candidate_number = p.a5 AND o.programme = p.a6 AND o.outcome = p.a7 AND o.reached_on = p.a8
          AND o.{Current} AND o.recorded_from >= {StampOf("p")}
        """);

    private static readonly SetText SchoolLeaver = new($"{StampTypes} text text text text date", $"""
        INSERT INTO school_leavers (municipality, candidate_number, school_type, school_year_left, counted_from, recorded_from)
        SELECT p.a4, p.a5, p.a6, p.a7, greatest(c.registered_on, p.a8), {StampOf("p")}
        FROM p JOIN candidates c ON c.municipality = p.a4 AND c.candidate_number = p.a5 AND c.recorded_until = 'infinity'
        """);

    private static readonly SetText DayActivity = new($"{StampTypes} text text text date", $"""
        INSERT INTO candidate_day_activities (municipality, candidate_number, seq, activity, valid_from, recorded_from)
        SELECT p.a4, p.a5, p.a3, p.a6, p.a7, {StampOf("p")} FROM p
        """);

    /// <summary>The statements of one of issue 22's events; <paramref name="stamp"/> is (a1 tenant, a2 stream, a3 version).</summary>
    private static IEnumerable<ReportStatement> ProgrammeStatements(ICandidateEvent e, object[] stamp, string m, string n)
    {
        switch (e)
        {
            case EnrolledInProgramme p:
                yield return Enrolled.With([.. stamp, m, n, p.Programme, p.EnrolledOn.ToDateOnly()]);
                break;
            case ProgrammeEnrolmentEnded p:
                yield return EnrolmentRows.Versioned.With([.. stamp, m, n, p.Programme]);
                yield return EnrolmentEnded.With(m, n, p.Programme, p.EndedOn.ToDateOnly());
                break;
            case ProgrammeOutcomeRecorded p:
                yield return OutcomeRecorded.With([.. stamp, m, n, p.Programme, p.Outcome, p.On.ToDateOnly()]);
                break;
            case ProgrammeOutcomeWithdrawn p:
                // The outcome's row stops being current at the withdrawal's recorded time and no copy follows: as known
                // before, it counts; from then on, not. (A row recorded in the same instant never was known: it goes.)
                yield return OutcomeWithdrawnClosed.With([.. stamp, m, n, p.Programme, p.Outcome, p.On.ToDateOnly()]);
                yield return OutcomeWithdrawnDeleted.With([.. stamp, m, n, p.Programme, p.Outcome, p.On.ToDateOnly()]);
                break;
            case SchoolLeaverRecorded s:
                // Counted from SchoolLeaver.CountedFrom: the later of the registration (its row is written before, by the
                // registration's own statement when both come in one append) and the school year's start (Schema/121).
                yield return SchoolLeaver.With([.. stamp, m, n, Kebab(s.SchoolType), s.SchoolYearLeft, SchoolYears.Start(s.SchoolYearLeft).ToDateOnly()]);
                break;
            case DayActivityRecorded d:
                yield return DayActivityRows.Versioned.With([.. stamp, m, n]);
                yield return Closed(DayActivityRows, m, n, d.EffectiveOn);
                yield return DayActivity.With([.. stamp, m, n, Kebab(d.Activity), d.EffectiveOn.ToDateOnly()]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Candidate event without a projection.");
        }
    }
}
