namespace Sroi.Ledger.Api.Candidates;

/// <summary>
/// Issue 22, durable placements: each placement's spell of work (Schema/100, <c>placement_spells</c>), kept so the report
/// reads one index range. A spell end depends on every placement of the candidate, so after each placement event the
/// candidate's spells are computed again from its current placement rows (already changed by the event's statements)
/// and only the rows whose spell changed get a new version, at the event's recorded time, as every other row here.
/// </summary>
public sealed partial class CandidateReportTables
{
    // The texts of SpellStatements, each made once (SetText).
    private static readonly SetText SpellsRetired = new($"{StampTypes} text text", $"""
        {Stamped},
        fresh AS (SELECT s.a4 AS m, s.a5 AS n, f.* FROM s, placement_spells_at(s.a4, s.a5, s.at) f),
        stale AS (
            SELECT c.id, c.recorded_from, s.at FROM s JOIN placement_spells c ON c.municipality = s.a4 AND c.candidate_number = s.a5
            WHERE c.{Current}
              AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.m = c.municipality AND f.n = c.candidate_number AND f.id = c.id
                              AND f.started_on = c.started_on AND f.counting_year = c.counting_year AND f.worked_until = c.worked_until)
        ), closed AS (
            UPDATE placement_spells x SET recorded_until = t.at FROM stale t
            WHERE x.id = t.id AND x.recorded_from = t.recorded_from AND t.recorded_from < t.at
            RETURNING x.id
        )
        DELETE FROM placement_spells x USING stale t
        WHERE x.id = t.id AND x.recorded_from = t.recorded_from AND t.recorded_from = t.at
        """);

    private static readonly SetText SpellsAdded = new($"{StampTypes} text text", $"""
        {Stamped}
        INSERT INTO placement_spells (id, municipality, candidate_number, started_on, counting_year, worked_until, recorded_from)
        SELECT f.id, s.a4, s.a5, f.started_on, f.counting_year, f.worked_until, s.at
        FROM s, placement_spells_at(s.a4, s.a5, s.at) f
        WHERE NOT EXISTS (SELECT 1 FROM placement_spells c WHERE c.id = f.id AND c.{Current})
        """);

    /// <summary>
    /// The two statements that bring the candidates' spells in step; <paramref name="stamp"/> is (a1 tenant, a2 stream, a3
    /// version), a4 and a5 the candidate. Written for a set of candidates: each
    /// row's fresh spells are its own candidate's (<c>placement_spells_at</c> per row), compared with that candidate's rows.
    /// </summary>
    private static IEnumerable<ReportStatement> SpellStatements(object[] stamp, string m, string n)
    {
        // First retire the current rows the new spells do not repeat: closed at the event's time, or, when made earlier
        // in the same append (recorded at the same instant), deleted, as no instant could see them. Two statements, not
        // one: the insert below must see the retired rows gone (a data-modifying CTE nobody reads runs after the insert).
        yield return SpellsRetired.With([.. stamp, m, n]);
        yield return SpellsAdded.With([.. stamp, m, n]);
    }
}
