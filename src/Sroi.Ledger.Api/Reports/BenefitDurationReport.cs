using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Reports;

/// <summary>
/// The benefit stock on <see cref="AsOf"/> by act and duration band (the kadernota Werk 2021's table), with the WSP's share.
/// </summary>
/// <param name="Bands">The bands the rows are split by, in order: at least fromYears whole years, less than untilYears.</param>
/// <param name="Total">Every recipient: the table's "Totaal" and "Totaal %" rows.</param>
/// <param name="ByAct">A row per act (participatiewet, ioaw, ioaz), the act in force on asOf.</param>
/// <param name="IoawIoaz">IOAW and IOAZ together: the table's "IOAW/Z" row.</param>
/// <param name="ByTrede">A row per trede in force on asOf, 1 to 6.</param>
public sealed record BenefitDurationReport(
    MunicipalityCode Municipality,
    LocalDate AsOf,
    IReadOnlyList<DurationBand> Bands,
    StockFigures Total,
    IReadOnlyDictionary<string, StockFigures> ByAct,
    StockFigures IoawIoaz,
    IReadOnlyList<TredeStockFigures> ByTrede);

/// <summary>A trede's row of the benefit stock (<see cref="StockFigures"/>).</summary>
public sealed record TredeStockFigures(int Trede, long Count, decimal? Percentage, long ServedByWsp, decimal? ServedPercentage, IReadOnlyList<BandFigures> Bands);

/// <summary>
/// GET /api/v1/reports/benefit-duration — who counts and in which band is <see cref="BenefitStock"/>'s rule; the SQL counts
/// the candidates per (act, served, trede, band) on the date, reading the act, the WSP's service and the trede in force on
/// it from one index range of <c>candidate_status_spells</c> (Schema/110: the three dated facts of Schema/020 and 085 cut
/// into pieces, with the candidate's columns), as known then (<see cref="RecordedRows"/>); the band cut-offs are the
/// domain's (<see cref="BenefitDuration.StartedBy"/>), so both draw the same line. Before, the three facts were joined to
/// each candidate, three index probes a candidate: 2.2× the placements report's time (docs/benchmarks.md).
/// </summary>
public static class BenefitDurationReportQuery
{
    public static async Task<BenefitDurationReport> QueryAsync(NpgsqlDataSource db, MunicipalityCode municipality, LocalDate asOf,
        RecordedRows rows, CancellationToken ct)
    {
        // $1 municipality, $2 asOf, $3… the bands' cut-offs, then the instant of an as-known-on report.
        var bounded = BenefitDuration.Bands.Where(b => b.UntilYears is not null).ToList();
        var known = 3 + bounded.Count;
        var band = "CASE " + string.Concat(bounded.Select((b, i) => $"WHEN s.benefit_since > ${3 + i} THEN {i} ")) + $"ELSE {bounded.Count} END";
        await using var command = db.CreateCommand($"""
            SELECT s.benefit_act, s.served, s.trede, {band} AS band, count(*)
            FROM candidate_status_spells s
            WHERE s.municipality = $1 AND s.valid_until > $2 AND s.valid_from <= $2 AND {rows.Of("s", known)}
              AND s.registered_on <= $2 AND s.target_group = 'participatiewet'
              AND s.benefit_since IS NOT NULL AND s.benefit_since <= $2 AND (s.benefit_ended_on IS NULL OR s.benefit_ended_on > $2)
            GROUP BY 1, 2, 3, 4
            """);
        object[] cutOffs = [.. bounded.Select(b => (object)BenefitDuration.StartedBy(asOf, b.UntilYears!.Value).ToDateOnly())];
        foreach (var value in rows.With([municipality.Value, asOf.ToDateOnly(), .. cutOffs]))
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        var stock = new List<(StockEntry, long)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                stock.Add((new StockEntry(Acts[reader.GetString(0)], reader.GetBoolean(1), reader.GetInt32(2), reader.GetInt32(3)), reader.GetInt64(4)));
        return From(municipality, asOf, stock);
    }

    /// <summary>The report from the counts per (act, served, trede, band); public for the benchmark, which counts them the way before too.</summary>
    public static BenefitDurationReport From(MunicipalityCode municipality, LocalDate asOf, IReadOnlyList<(StockEntry Entry, long Count)> stock) =>
        new BenefitDurationReport(municipality, asOf, BenefitDuration.Bands,
            BenefitStockTally.Row(stock, _ => true),
            Enum.GetValues<BenefitAct>().ToDictionary(CandidateReportTables.Kebab, act => BenefitStockTally.Row(stock, e => e.BenefitAct == act)),
            BenefitStockTally.Row(stock, e => e.BenefitAct is BenefitAct.Ioaw or BenefitAct.Ioaz),
            [.. Enumerable.Range(Participatieladder.Lowest, Participatieladder.Highest).Select(trede =>
            {
                var row = BenefitStockTally.Row(stock, e => e.Trede == trede);
                return new TredeStockFigures(trede, row.Count, row.Percentage, row.ServedByWsp, row.ServedPercentage, row.Bands);
            })]);

    /// <summary>The act of its name in the tables (Schema/085).</summary>
    public static readonly IReadOnlyDictionary<string, BenefitAct> Acts = Enum.GetValues<BenefitAct>().ToDictionary(CandidateReportTables.Kebab);
}
