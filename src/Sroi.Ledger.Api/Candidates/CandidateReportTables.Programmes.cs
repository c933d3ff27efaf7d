using Npgsql;
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

    private static readonly Table EnrolmentRows = new("programme_enrolments",
        ["municipality", "candidate_number", "seq", "programme", "enrolled_on", "ended_on"]);

    private static readonly Table DayActivityRows = new("candidate_day_activities",
        ["municipality", "candidate_number", "seq", "activity", "valid_from", "valid_until"]);

    /// <summary>The statements of one of issue 22's events; <paramref name="stamp"/> is ($1 tenant, $2 stream, $3 version).</summary>
    private static IEnumerable<NpgsqlBatchCommand> ProgrammeStatements(ICandidateEvent e, object[] stamp, string m, string n)
    {
        switch (e)
        {
            case EnrolledInProgramme p:
                yield return Statement($"""
                    INSERT INTO programme_enrolments (municipality, candidate_number, seq, programme, enrolled_on, recorded_from)
                    VALUES ($4, $5, $3, $6, $7, {Stamp})
                    """, [.. stamp, m, n, p.Programme, p.EnrolledOn.ToDateOnly()]);
                break;
            case ProgrammeEnrolmentEnded p:
                // The open enrolment on the programme: the decider allows one at a time.
                yield return Versioned(EnrolmentRows, "municipality = $4 AND candidate_number = $5 AND programme = $6 AND ended_on IS NULL",
                    [.. stamp, m, n, p.Programme]);
                yield return Statement($"""
                    UPDATE programme_enrolments SET ended_on = $4
                    WHERE municipality = $1 AND candidate_number = $2 AND programme = $3 AND ended_on IS NULL AND {Current}
                    """, m, n, p.Programme, p.EndedOn.ToDateOnly());
                break;
            case ProgrammeOutcomeRecorded p:
                yield return Statement($"""
                    INSERT INTO programme_outcomes (municipality, candidate_number, seq, programme, outcome, reached_on, recorded_from)
                    VALUES ($4, $5, $3, $6, $7, $8, {Stamp})
                    """, [.. stamp, m, n, p.Programme, p.Outcome, p.On.ToDateOnly()]);
                break;
            case ProgrammeOutcomeWithdrawn p:
                // The outcome's row stops being current at the withdrawal's recorded time and no copy follows: as known
                // before, it counts; from then on, not. (A row recorded in the same instant never was known: it goes.)
                yield return Statement($"""
                    WITH stamp AS (SELECT {Stamp} AS at)
                    UPDATE programme_outcomes o SET recorded_until = stamp.at FROM stamp
                    WHERE o.municipality = $4 AND o.candidate_number = $5 AND o.programme = $6 AND o.outcome = $7 AND o.reached_on = $8
                      AND o.{Current} AND o.recorded_from < stamp.at
                    """, [.. stamp, m, n, p.Programme, p.Outcome, p.On.ToDateOnly()]);
                yield return Statement($"""
                    DELETE FROM programme_outcomes o
                    WHERE o.municipality = $4 AND o.candidate_number = $5 AND o.programme = $6 AND o.outcome = $7 AND o.reached_on = $8
                      AND o.{Current} AND o.recorded_from >= {Stamp}
                    """, [.. stamp, m, n, p.Programme, p.Outcome, p.On.ToDateOnly()]);
                break;
            case SchoolLeaverRecorded s:
                // Counted from SchoolLeaver.CountedFrom: the later of the registration (its row is written before, by the
                // registration's own statement when both come in one append) and the school year's start (Schema/121).
                yield return Statement($"""
                    INSERT INTO school_leavers (municipality, candidate_number, school_type, school_year_left, counted_from, recorded_from)
                    SELECT $4, $5, $6, $7, greatest(c.registered_on, $8), {Stamp}
                    FROM candidates c WHERE c.municipality = $4 AND c.candidate_number = $5 AND c.recorded_until = 'infinity'
                    """, [.. stamp, m, n, Kebab(s.SchoolType), s.SchoolYearLeft, SchoolYears.Start(s.SchoolYearLeft).ToDateOnly()]);
                break;
            case DayActivityRecorded d:
                yield return Versioned(DayActivityRows, "municipality = $4 AND candidate_number = $5 AND valid_until IS NULL", [.. stamp, m, n]);
                yield return Statement($"""
                    UPDATE candidate_day_activities SET valid_until = $3
                    WHERE municipality = $1 AND candidate_number = $2 AND valid_until IS NULL AND {Current}
                    """, m, n, d.EffectiveOn.ToDateOnly());
                yield return Statement($"""
                    INSERT INTO candidate_day_activities (municipality, candidate_number, seq, activity, valid_from, recorded_from)
                    VALUES ($4, $5, $3, $6, $7, {Stamp})
                    """, [.. stamp, m, n, Kebab(d.Activity), d.EffectiveOn.ToDateOnly()]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Candidate event without a projection.");
        }
    }
}
