extern alias api;

using api::Sroi.Ledger.Api.Reports;
using NodaTime;
using Npgsql;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Benchmarks.Reports;

/// <summary>
/// Today's caseload as it was counted before <c>caseload_changes</c> (Schema/130): the current status pieces that cover
/// the date (Schema/110, the partial covering index of Schema/122), the statement the report still runs as known on an
/// instant. Kept here as the second subject of the caseload's case, so the run measures the kept count against it; before
/// timing, the run checks both give the same report, whole (<see cref="ReportsBenchmark"/>).
/// </summary>
internal static class CaseloadPieces
{
    public static async Task<CaseloadReport> CaseloadAsync(NpgsqlDataSource db, MunicipalityCode municipality, LocalDate asOf)
    {
        await using var command = db.CreateCommand("""
            SELECT s.trede, coalesce(s.benefit_since <= $2 AND (s.benefit_ended_on IS NULL OR s.benefit_ended_on > $2), false), count(*)
            FROM candidate_status_spells s
            WHERE s.municipality = $1 AND s.valid_until > $2 AND s.valid_from <= $2 AND s.recorded_until = 'infinity' AND s.registered_on <= $2 AND s.served
            GROUP BY 1, 2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = municipality.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = asOf.ToDateOnly() });
        var caseload = new List<(CaseloadEntry, long)>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                caseload.Add((new CaseloadEntry(reader.GetInt32(0), reader.GetBoolean(1)), reader.GetInt64(2)));
        return CaseloadReportQuery.From(municipality, asOf, caseload);
    }
}
