using NodaTime;
using Npgsql;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Reports;

public sealed record TredeDistributionReport(MunicipalityCode Municipality, LocalDate AsOf, long Total, IReadOnlyList<TredeShare> Treden);

/// <param name="Percentage">Of the total, rounded half away from zero to one decimal, as published; null when the total is 0.</param>
public sealed record TredeShare(int Trede, long Count, decimal? Percentage);

/// <summary>
/// GET /api/v1/reports/trede-distribution — the benefit recipients on a date by the trede in force on it: candidates
/// registered on or before it, whose benefit started on or before it (no benefitSince: no benefit, not counted) and
/// had not ended on or before it.
/// </summary>
public static class TredeDistributionReportQuery
{
    public static Task<TredeDistributionReport> QueryAsync(NpgsqlDataSource db, MunicipalityCode municipality, LocalDate asOf, CancellationToken ct) =>
        QueryAsync(db, municipality, asOf, RecordedRows.Current, ct);

    /// <summary>
    /// The report from the rows the ledger held as <paramref name="rows"/> says ($3): today's, or as known on an instant. The
    /// business date <paramref name="asOf"/> and the recorded instant are independent: "on 2020-12-31, as known on 2021-03-01".
    /// </summary>
    public static async Task<TredeDistributionReport> QueryAsync(NpgsqlDataSource db, MunicipalityCode municipality, LocalDate asOf,
        RecordedRows rows, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"""
            SELECT t.trede, count(*)
            FROM candidates c
            JOIN candidate_treden t ON t.municipality = c.municipality AND t.candidate_number = c.candidate_number AND {rows.Of("t", 3)}
            WHERE c.municipality = $1 AND c.registered_on <= $2 AND c.benefit_since <= $2
              AND (c.benefit_ended_on IS NULL OR c.benefit_ended_on > $2) AND {rows.Of("c", 3)}
              AND t.valid_from <= $2 AND (t.valid_until IS NULL OR t.valid_until > $2)
            GROUP BY t.trede
            """);
        foreach (var value in rows.With(municipality.Value, asOf.ToDateOnly()))
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        var counts = new Dictionary<int, long>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                counts[reader.GetInt32(0)] = reader.GetInt64(1);

        var total = counts.Values.Sum();
        var treden = Enumerable.Range(Participatieladder.Lowest, Participatieladder.Highest)
            .Select(trede => new TredeShare(trede, counts.GetValueOrDefault(trede), Percentage(counts.GetValueOrDefault(trede), total)))
            .ToList();
        return new TredeDistributionReport(municipality, asOf, total, treden);
    }

    public static decimal? Percentage(long count, long total) =>
        total == 0 ? null : decimal.Round(count * 100m / total, 1, MidpointRounding.AwayFromZero);
}
