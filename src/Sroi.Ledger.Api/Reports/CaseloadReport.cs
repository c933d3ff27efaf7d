using NodaTime;
using Npgsql;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Reports;

/// <summary>The WSP's caseload on <see cref="AsOf"/>: the clients it guides towards work.</summary>
/// <param name="ByTrede">The trede in force on asOf, 1 to 6; percentages of the total.</param>
/// <param name="WithBenefit">Clients receiving a benefit (any) on asOf.</param>
/// <param name="WithoutBenefit">Clients receiving none (niet-uitkeringsgerechtigden).</param>
public sealed record CaseloadReport(
    MunicipalityCode Municipality,
    LocalDate AsOf,
    long Total,
    IReadOnlyList<TredeShare> ByTrede,
    CountShare WithBenefit,
    CountShare WithoutBenefit);

/// <param name="Percentage">Of the total, one decimal, rounded half away from zero; null when the total is 0.</param>
public sealed record CountShare(long Count, decimal? Percentage);

/// <summary>
/// GET /api/v1/reports/caseload — who counts is <see cref="Caseload"/>'s rule: the SQL counts the candidates registered on
/// or before asOf whom the WSP served on it, per trede in force and benefit on it. Today (<see cref="RecordedRows.Current"/>)
/// it sums the kept count's changes up to asOf (Schema/130, <c>caseload_changes</c>: a few rows per day of change); as known
/// on an instant it reads that instant's versions of <c>candidate_status_spells</c> (Schema/110), as the benefit stock
/// (<see cref="BenefitDurationReportQuery"/>). Both come from the same pieces, kept by the same projection statements.
/// </summary>
public static class CaseloadReportQuery
{
    public static async Task<CaseloadReport> QueryAsync(NpgsqlDataSource db, MunicipalityCode municipality, LocalDate asOf,
        RecordedRows rows, CancellationToken ct)
    {
        // The kept count holds only what the ledger knows now; older knowledge is in the pieces' versions alone.
        await using var command = db.CreateCommand(rows.AsKnownOn is null
            ? """
              SELECT k.trede, k.with_benefit, sum(k.change)
              FROM caseload_changes k
              WHERE k.municipality = $1 AND k.day <= $2
              GROUP BY 1, 2
              """
            : $"""
              SELECT s.trede, coalesce(s.benefit_since <= $2 AND (s.benefit_ended_on IS NULL OR s.benefit_ended_on > $2), false), count(*)
              FROM candidate_status_spells s
              WHERE s.municipality = $1 AND s.valid_until > $2 AND s.valid_from <= $2 AND {rows.Of("s", 3)} AND s.registered_on <= $2 AND s.served
              GROUP BY 1, 2
              """);
        foreach (var value in rows.With(municipality.Value, asOf.ToDateOnly()))
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        var caseload = new List<(CaseloadEntry Entry, long Count)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                caseload.Add((new CaseloadEntry(reader.GetInt32(0), reader.GetBoolean(1)), reader.GetInt64(2)));
        return From(municipality, asOf, caseload);
    }

    /// <summary>The report from the counts per (trede, with benefit); public for the benchmark, which counts them the way before too.</summary>
    public static CaseloadReport From(MunicipalityCode municipality, LocalDate asOf, IReadOnlyList<(CaseloadEntry Entry, long Count)> caseload)
    {
        var total = caseload.Sum(c => c.Count);
        var withBenefit = caseload.Where(c => c.Entry.WithBenefit).Sum(c => c.Count);
        return new CaseloadReport(municipality, asOf, total,
            [.. Enumerable.Range(Participatieladder.Lowest, Participatieladder.Highest).Select(trede =>
            {
                var count = caseload.Where(c => c.Entry.Trede == trede).Sum(c => c.Count);
                return new TredeShare(trede, count, Percentages.Of(count, total));
            })],
            new CountShare(withBenefit, Percentages.Of(withBenefit, total)),
            new CountShare(total - withBenefit, Percentages.Of(total - withBenefit, total)));
    }
}
