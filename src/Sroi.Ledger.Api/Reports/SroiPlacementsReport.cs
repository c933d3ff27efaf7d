using System.Text.Json.Serialization;
using Npgsql;
using Sroi.Ledger.Api.Reports.Periods;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Reports;

/// <param name="Year">The calendar year counted; null for another period (a quarter, a half-year, dates).</param>
/// <param name="RegionalShare">Regional / count, rounded half away from zero to four decimals; null without SROI placements.</param>
/// <param name="Period">The dates counted, inclusive. An ambition is a year's: none for a period that is not a calendar year.</param>
/// <param name="Ambitions">
/// When the year has ambitions per kind: realised against each ambition that applies (total, SROI, per kind), the same list
/// as the placements report of the year shows, so either report answers how the year stands; left out otherwise.
/// </param>
public sealed record SroiPlacementsReport(
    MunicipalityCode Municipality,
    int? Year,
    long Count,
    long DistinctEmployers,
    long DistinctContracts,
    long Regional,
    long Local,
    decimal? RegionalShare,
    int? Ambition,
    bool? AmbitionMet,
    long? Difference,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PeriodAnswer? Period,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AmbitionResult>? Ambitions = null);

/// <summary>
/// GET /api/v1/reports/sroi-placements — counting placements of the year through channel sroi; regional or local is
/// the scope of the contract, copied into the placement when it was recorded.
/// </summary>
public static class SroiPlacementsReportQuery
{
    public static Task<SroiPlacementsReport> QueryAsync(NpgsqlDataSource db, MunicipalityCode municipality, int year, CancellationToken ct) =>
        QueryAsync(db, municipality, year, RecordedRows.Current, ct);

    /// <summary>The report from the rows the ledger held as <paramref name="rows"/> says: today's, or as known on an instant ($4).</summary>
    public static Task<SroiPlacementsReport> QueryAsync(NpgsqlDataSource db, MunicipalityCode municipality, int year, RecordedRows rows, CancellationToken ct) =>
        QueryAsync(db, municipality, ReportPeriod.OfYear(year), rows, ct);

    /// <summary>The SROI placements that started in <paramref name="period"/> ($4–$5; the years $2–$3 for the index), as <paramref name="rows"/> says ($6).</summary>
    public static async Task<SroiPlacementsReport> QueryAsync(NpgsqlDataSource db, MunicipalityCode municipality, ReportPeriod period, RecordedRows rows,
        CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection);
        var (first, last) = period.Years;
        var parameters = rows.With(municipality.Value, first, last, period.From.ToDateOnly(), period.To.ToDateOnly());
        batch.BatchCommands.Add(ReportSql.Command($"""
            SELECT count(*), count(DISTINCT p.employer_kvk), count(DISTINCT p.sroi_contract_id),
                   count(*) FILTER (WHERE p.sroi_contract_scope = 'regional')
            FROM placements p
            WHERE p.municipality = $1 AND p.counting_year BETWEEN $2 AND $3 AND p.started_on BETWEEN $4 AND $5 AND NOT p.withdrawn
              AND p.channel = 'sroi' AND {rows.Of("p", 6)}
            """, parameters));
        // A year's ambition, only for a calendar year (no year matches $2 > $3).
        var year = period.Year;
        batch.BatchCommands.Add(ReportSql.Command(
            $"SELECT sroi_placements FROM ({Ambitions.AmbitionsSql.Years(rows.AsKnownOn is not null)}) a",
            rows.With(municipality.Value, year ?? 1, year ?? 0)));
        batch.BatchCommands.Add(ReportSql.Command($"SELECT count(*) FROM ({Ambitions.AmbitionsSql.Kinds(rows.AsKnownOn is not null)}) k",
            rows.With(municipality.Value, year ?? 1, year ?? 0)));

        long count, employers, contracts, regional;
        int? ambition;
        bool perKind;
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            (count, employers, contracts, regional) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
            await reader.NextResultAsync(ct);
            ambition = await reader.ReadAsync(ct) && !reader.IsDBNull(0) ? reader.GetInt32(0) : null;
            await reader.NextResultAsync(ct);
            perKind = await reader.ReadAsync(ct) && reader.GetInt64(0) > 0;
        }
        // The list needs every placement of the year by kind: only a year with ambitions per kind pays for it, with the
        // placements report's own counting, so both reports show the same list.
        var ambitions = perKind
            ? PlacementsReportQuery.Single(await PlacementsReportQuery.QueryAsync(db, municipality, period, rows, ct), period).Ambitions
            : null;

        var aim = AmbitionComparison.Of(count, ambition);
        decimal? share = count == 0 ? null : decimal.Round((decimal)regional / count, 4, MidpointRounding.AwayFromZero);
        return new SroiPlacementsReport(municipality, year, count, employers, contracts, regional, count - regional, share,
            aim.Ambition, aim.AmbitionMet, aim.Difference, PeriodAnswer.Stated(period), ambitions);
    }
}
