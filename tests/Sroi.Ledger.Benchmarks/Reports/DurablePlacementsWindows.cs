extern alias api;

using api::Sroi.Ledger.Api.Reports;
using api::Sroi.Ledger.Api.Reports.Periods;
using NodaTime;
using Npgsql;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Benchmarks.Reports;

/// <summary>
/// The durable placements report as it was before <c>placement_spells</c> (Schema/100): one statement that finds the spells
/// of work by window functions over every placement of each candidate with a placement in the period (an index probe per
/// candidate). Kept here as a third subject of its case, so the run measures the precomputed table against it; the
/// headline number (placements counted) must agree with the report's and the domain fold's.
/// </summary>
internal static class DurablePlacementsWindows
{
    // $1 municipality, $2–$3 the years and $4–$5 the dates of the period, $6 the report's months, $7 asOf, $8 the instant
    // of a report as known on one. Each horizon (the report's months, then the curve's) is a row: i, months and the counts.
    private static string Sql(RecordedRows rows) => $"""
        WITH counted AS (
            SELECT DISTINCT p.candidate_number FROM placements p
            WHERE p.municipality = $1 AND p.counting_year BETWEEN $2 AND $3 AND p.started_on BETWEEN $4 AND $5 AND NOT p.withdrawn
              AND {rows.Of("p", 8)}
        ), work AS (
            SELECT c.candidate_number, q.id, q.started_on, coalesce(q.ended_on, 'infinity') AS ended_on,
                   max(coalesce(q.ended_on, 'infinity')) OVER (PARTITION BY c.candidate_number ORDER BY q.started_on, q.id
                                                               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS worked_before
            FROM counted c
            CROSS JOIN LATERAL (
                SELECT q.id, q.started_on, q.ended_on FROM placements q
                WHERE q.municipality = $1 AND q.candidate_number = c.candidate_number AND NOT q.withdrawn AND {rows.Of("q", 8)}
            ) q
        ), spells AS (
            SELECT w.*, count(*) FILTER (WHERE w.worked_before IS NULL OR w.started_on - 1 > w.worked_before)
                        OVER (PARTITION BY w.candidate_number ORDER BY w.started_on, w.id ROWS UNBOUNDED PRECEDING) AS spell
            FROM work w
        ), measured AS (
            SELECT s.candidate_number, s.started_on, max(s.ended_on) OVER (PARTITION BY s.candidate_number, s.spell) AS worked_until
            FROM spells s
        )
        SELECT h.i, count(*),
               count(*) FILTER (WHERE d.last_day > $7),
               count(*) FILTER (WHERE d.last_day <= $7 AND m.worked_until >= d.last_day),
               count(*) FILTER (WHERE d.last_day <= $7 AND b.benefit_ended_on BETWEEN m.started_on AND d.last_day)
        FROM measured m
        CROSS JOIN (VALUES (0, $6::int), (1, 3), (2, 6), (3, 12)) h(i, months)
        CROSS JOIN LATERAL (SELECT (m.started_on + make_interval(months => h.months))::date - 1 AS last_day) d
        -- Full outflow is from the benefit to work only (the domain's rule): the index of those ends (Schema/040).
        LEFT JOIN candidates b ON b.municipality = $1 AND b.candidate_number = m.candidate_number AND b.benefit_end_reason = 'work-income'
             AND {rows.Of("b", 8)}
        WHERE m.started_on BETWEEN $4 AND $5
        GROUP BY h.i
        """;

    /// <summary>Placements counted (horizon 0), after reading every row of counts as the report did.</summary>
    public static async Task<long> CountedAsync(NpgsqlDataSource db, MunicipalityCode municipality, ReportPeriod period, int months, LocalDate asOf,
        RecordedRows rows)
    {
        var (first, last) = period.Years;
        await using var command = db.CreateCommand(Sql(rows));
        foreach (var value in rows.With(municipality.Value, first, last, period.From.ToDateOnly(), period.To.ToDateOnly(), months, asOf.ToDateOnly()))
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        long counted = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            if (reader.GetInt32(0) == 0) counted = reader.GetInt64(1);
        return counted;
    }
}
