extern alias api;

using api::Sroi.Ledger.Api.Reports;
using api::Sroi.Ledger.Api.Reports.Periods;
using NodaTime;
using Npgsql;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Benchmarks.Reports;

/// <summary>
/// The durable placements report as first built (issue 22, before it was counted in SQL): every placement of the candidates
/// with a placement in the period, and their benefit's end, read through the same bitemporal rows and folded by the domain's
/// rule (<see cref="DurablePlacements.Count"/>). Kept here as the second subject of its case: the report must give the
/// same figures, every one of them (<see cref="ReportsBenchmark"/> compares the two answers whole), and its time is the
/// "before" beside the report's in the same run.
/// </summary>
internal static class DurablePlacementsFold
{
    // $1 municipality, $2–$3 the years and $4–$5 the dates of the period, $6 the instant of a report as known on one.
    private static string Candidates(RecordedRows rows) => $"""
        SELECT p.candidate_number FROM placements p
        WHERE p.municipality = $1 AND p.counting_year BETWEEN $2 AND $3 AND p.started_on BETWEEN $4 AND $5 AND NOT p.withdrawn
          AND {rows.Of("p", 6)}
        """;

    public static async Task<DurablePlacementsReport> QueryAsync(NpgsqlDataSource db, MunicipalityCode municipality, ReportPeriod period, int months,
        LocalDate asOf, RecordedRows rows)
    {
        var (first, last) = period.Years;
        var parameters = rows.With(municipality.Value, first, last, period.From.ToDateOnly(), period.To.ToDateOnly());
        await using var connection = await db.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Command($"""
            SELECT q.candidate_number, q.id, q.started_on, q.ended_on FROM placements q
            WHERE q.municipality = $1 AND NOT q.withdrawn AND {rows.Of("q", 6)} AND q.candidate_number IN ({Candidates(rows)})
            """, parameters));
        batch.BatchCommands.Add(Command($"""
            SELECT c.candidate_number, c.benefit_ended_on, c.benefit_end_reason FROM candidates c
            WHERE c.municipality = $1 AND c.benefit_ended_on IS NOT NULL AND {rows.Of("c", 6)} AND c.candidate_number IN ({Candidates(rows)})
            """, parameters));

        var placements = new Dictionary<string, List<WorkSpan>>();
        var benefitEnds = new Dictionary<string, BenefitEnded>();
        await using (var reader = await batch.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var candidate = reader.GetString(0);
                if (!placements.TryGetValue(candidate, out var spans)) placements[candidate] = spans = [];
                spans.Add(new WorkSpan(reader.GetGuid(1), reader.GetFieldValue<LocalDate>(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<LocalDate>(3)));
            }
            await reader.NextResultAsync();
            while (await reader.ReadAsync())
                benefitEnds[reader.GetString(0)] = new BenefitEnded(reader.GetFieldValue<LocalDate>(1),
                    reader.GetString(2) == "work-income" ? BenefitEndReason.WorkIncome : BenefitEndReason.Other);
        }

        var work = placements.Select(p => new CandidateWork(p.Value, benefitEnds.GetValueOrDefault(p.Key))).ToList();
        var count = DurablePlacements.Count(work, period.From, period.To, months, asOf);
        var curve = DurablePlacements.CurveMonths
            .Select(horizon => DurablePlacements.Count(work, period.From, period.To, horizon, asOf))
            .Select(c => new RetentionPoint(c.Months, c.Measured, c.NotYetMeasurable, c.StillWorking, TredeDistributionReportQuery.Percentage(c.StillWorking, c.Measured)))
            .ToList();
        return new DurablePlacementsReport(municipality, PeriodAnswer.Of(period), months, asOf, count.Counted, count.NotYetMeasurable, count.Measured,
            count.StillWorking, TredeDistributionReportQuery.Percentage(count.StillWorking, count.Measured), count.FullOutflow,
            TredeDistributionReportQuery.Percentage(count.FullOutflow, count.Measured), curve, DurabilityDefinition.For(months));
    }

    private static NpgsqlBatchCommand Command(string sql, object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}
