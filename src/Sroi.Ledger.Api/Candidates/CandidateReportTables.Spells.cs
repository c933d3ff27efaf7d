using Npgsql;

namespace Sroi.Ledger.Api.Candidates;

/// <summary>
/// Issue 22, durable placements: each placement's spell of work (Schema/100, <c>placement_spells</c>), kept so the report
/// reads one index range. A spell end depends on every placement of the candidate, so after each placement event the
/// candidate's spells are computed again from its current placement rows (already changed by the event's statements)
/// and only the rows whose spell changed get a new version, at the event's recorded time, as every other row here.
/// </summary>
public sealed partial class CandidateReportTables
{
    /// <summary>The two statements that bring the candidate's spells in step; <paramref name="stamp"/> is ($1 tenant, $2 stream, $3 version).</summary>
    private static IEnumerable<NpgsqlBatchCommand> SpellStatements(object[] stamp, string m, string n)
    {
        // First retire the current rows the new spells do not repeat: closed at the event's time, or, when made earlier
        // in the same append (recorded at the same instant), deleted, as no instant could see them. Two statements, not
        // one: the insert below must see the retired rows gone (a data-modifying CTE nobody reads runs after the insert).
        yield return Statement($"""
            WITH stamp AS (SELECT {Stamp} AS at),
            fresh AS (SELECT s.* FROM stamp, placement_spells_at($4, $5, stamp.at) s),
            stale AS (
                SELECT c.id, c.recorded_from FROM placement_spells c
                WHERE c.municipality = $4 AND c.candidate_number = $5 AND c.{Current}
                  AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.id = c.id AND f.started_on = c.started_on
                                  AND f.counting_year = c.counting_year AND f.worked_until = c.worked_until)
            ), closed AS (
                UPDATE placement_spells p SET recorded_until = stamp.at FROM stamp, stale s
                WHERE p.id = s.id AND p.recorded_from = s.recorded_from AND s.recorded_from < stamp.at
                RETURNING p.id
            )
            DELETE FROM placement_spells p USING stamp, stale s
            WHERE p.id = s.id AND p.recorded_from = s.recorded_from AND s.recorded_from = stamp.at
            """, [.. stamp, m, n]);
        yield return Statement($"""
            WITH stamp AS (SELECT {Stamp} AS at)
            INSERT INTO placement_spells (id, municipality, candidate_number, started_on, counting_year, worked_until, recorded_from)
            SELECT f.id, $4, $5, f.started_on, f.counting_year, f.worked_until, stamp.at
            FROM stamp, placement_spells_at($4, $5, stamp.at) f
            WHERE NOT EXISTS (SELECT 1 FROM placement_spells c WHERE c.id = f.id AND c.{Current})
            """, [.. stamp, m, n]);
    }
}
