extern alias api;

using api::Sroi.Ledger.Api.Reports;
using api::Sroi.Ledger.Api.Reports.Periods;
using NodaTime;
using Npgsql;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Benchmarks.Reports;

/// <summary>
/// The durable placements report on <c>placement_spells</c> as first built (session 29): each spell row crossed with the
/// four horizons, each of those rows joined to the candidate's benefit end, a row of counts per horizon. Kept as a subject
/// of its case, so the run measures the one-pass statement (conditional aggregates) against it; the headline number
/// (placements counted) must agree.
/// </summary>
internal static class DurablePlacementsCrossJoin
{
    private static string Sql(RecordedRows rows) => $"""
        SELECT h.i, count(*),
               count(*) FILTER (WHERE d.last_day > $7),
               count(*) FILTER (WHERE d.last_day <= $7 AND s.worked_until >= d.last_day),
               count(*) FILTER (WHERE d.last_day <= $7 AND b.benefit_ended_on BETWEEN s.started_on AND d.last_day)
        FROM placement_spells s
        CROSS JOIN (VALUES (0, $6::int), (1, 3), (2, 6), (3, 12)) h(i, months)
        CROSS JOIN LATERAL (SELECT (s.started_on + make_interval(months => h.months))::date - 1 AS last_day) d
        LEFT JOIN candidates b ON b.municipality = $1 AND b.candidate_number = s.candidate_number AND b.benefit_end_reason = 'work-income'
             AND {rows.Of("b", 8)}
        WHERE s.municipality = $1 AND s.counting_year BETWEEN $2 AND $3 AND s.started_on BETWEEN $4 AND $5 AND {rows.Of("s", 8)}
        GROUP BY h.i
        """;

    /// <summary>The placements counted (the report's horizon's row); every horizon's counts are made and read, as before.</summary>
    public static async Task<long> CountedAsync(NpgsqlDataSource db, MunicipalityCode municipality, ReportPeriod period, int months, LocalDate asOf, RecordedRows rows)
    {
        var (first, last) = period.Years;
        await using var command = db.CreateCommand(Sql(rows));
        foreach (var value in rows.With(municipality.Value, first, last, period.From.ToDateOnly(), period.To.ToDateOnly(), months, asOf.ToDateOnly()))
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        var counted = 0L;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            if (reader.GetInt32(0) == 0) counted = reader.GetInt64(1);
        return counted;
    }
}
