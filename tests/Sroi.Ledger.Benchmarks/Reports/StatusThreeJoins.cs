extern alias api;

using api::Sroi.Ledger.Api.Reports;
using NodaTime;
using Npgsql;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Benchmarks.Reports;

/// <summary>
/// The benefit stock by duration and the caseload as they were counted before <c>candidate_status_spells</c> (Schema/110):
/// each candidate joined to the trede, WSP service and benefit act in force on the date (three dated-fact tables, an
/// index probe each per candidate). Kept here as the second subject of their cases, so the run measures the pieces
/// against it; before timing, the run checks both give the same report, whole (<see cref="ReportsBenchmark"/>).
/// </summary>
internal static class StatusThreeJoins
{
    // The joins of the candidate (alias c) to its trede (t), WSP service (w) and, with act, benefit act (a) in force on $2,
    // as known then (the instant: parameter known).
    private static string InForce(RecordedRows rows, int known, bool act) =>
        Join("candidate_treden", "t", rows, known) + Join("candidate_wsp_service", "w", rows, known)
        + (act ? Join("candidate_benefit_acts", "a", rows, known) : "");

    private static string Join(string table, string alias, RecordedRows rows, int known) => $"""
        JOIN {table} {alias} ON {alias}.municipality = c.municipality AND {alias}.candidate_number = c.candidate_number AND {rows.Of(alias, known)}
             AND {alias}.valid_from <= $2 AND ({alias}.valid_until IS NULL OR {alias}.valid_until > $2)

        """;

    public static async Task<BenefitDurationReport> BenefitDurationAsync(NpgsqlDataSource db, MunicipalityCode municipality, LocalDate asOf, RecordedRows rows)
    {
        var bounded = BenefitDuration.Bands.Where(b => b.UntilYears is not null).ToList();
        var known = 3 + bounded.Count;
        var band = "CASE " + string.Concat(bounded.Select((b, i) => $"WHEN c.benefit_since > ${3 + i} THEN {i} ")) + $"ELSE {bounded.Count} END";
        await using var command = db.CreateCommand($"""
            SELECT a.benefit_act, w.served, t.trede, {band} AS band, count(*)
            FROM candidates c
            {InForce(rows, known, act: true)}
            WHERE c.municipality = $1 AND c.registered_on <= $2 AND c.target_group = 'participatiewet'
              AND c.benefit_since <= $2 AND (c.benefit_ended_on IS NULL OR c.benefit_ended_on > $2) AND {rows.Of("c", known)}
            GROUP BY 1, 2, 3, 4
            """);
        object[] cutOffs = [.. bounded.Select(b => (object)BenefitDuration.StartedBy(asOf, b.UntilYears!.Value).ToDateOnly())];
        foreach (var value in rows.With([municipality.Value, asOf.ToDateOnly(), .. cutOffs]))
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        var stock = new List<(StockEntry, long)>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                stock.Add((new StockEntry(BenefitDurationReportQuery.Acts[reader.GetString(0)], reader.GetBoolean(1), reader.GetInt32(2), reader.GetInt32(3)),
                    reader.GetInt64(4)));
        return BenefitDurationReportQuery.From(municipality, asOf, stock);
    }

    public static async Task<CaseloadReport> CaseloadAsync(NpgsqlDataSource db, MunicipalityCode municipality, LocalDate asOf, RecordedRows rows)
    {
        await using var command = db.CreateCommand($"""
            SELECT t.trede, coalesce(c.benefit_since <= $2 AND (c.benefit_ended_on IS NULL OR c.benefit_ended_on > $2), false), count(*)
            FROM candidates c
            {InForce(rows, 3, act: false)}
            WHERE c.municipality = $1 AND c.registered_on <= $2 AND w.served AND {rows.Of("c", 3)}
            GROUP BY 1, 2
            """);
        foreach (var value in rows.With(municipality.Value, asOf.ToDateOnly()))
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        var caseload = new List<(CaseloadEntry, long)>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                caseload.Add((new CaseloadEntry(reader.GetInt32(0), reader.GetBoolean(1)), reader.GetInt64(2)));
        return CaseloadReportQuery.From(municipality, asOf, caseload);
    }
}
