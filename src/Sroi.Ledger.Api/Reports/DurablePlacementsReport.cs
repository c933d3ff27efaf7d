using System.ComponentModel;
using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Reports.Periods;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Reports;

/// <summary>
/// Duurzame plaatsing of the placements that started in <see cref="Period"/>, measured after <see cref="Months"/> months
/// on <see cref="AsOf"/>. Shares are of the measured placements (counted less not yet measurable), in percent rounded
/// half away from zero to one decimal as the other reports; null when none is measured.
/// </summary>
/// <param name="Counted">Placements that started in the period and are not withdrawn, as known.</param>
/// <param name="NotYetMeasurable">Counted placements whose N months are not over on <see cref="AsOf"/>: neither retained nor lost.</param>
/// <param name="Curve">Still working after 3, 6 and 12 months, each over the placements measurable at that horizon.</param>
public sealed record DurablePlacementsReport(
    MunicipalityCode Municipality,
    PeriodAnswer Period,
    int Months,
    LocalDate AsOf,
    long Counted,
    long NotYetMeasurable,
    long Measured,
    long StillWorking,
    decimal? StillWorkingShare,
    long FullOutflow,
    decimal? FullOutflowShare,
    IReadOnlyList<RetentionPoint> Curve,
    DurabilityDefinition Definition);

public sealed record RetentionPoint(int Months, long Measured, long NotYetMeasurable, long StillWorking, decimal? Share);

/// <summary>The rules the figures were counted by, in words, with their version and the documents they come from.</summary>
public sealed record DurabilityDefinition(string Rule, string StillWorking, string FullOutflow, string NotYetMeasurable, IReadOnlyList<string> Sources)
{
    public static DurabilityDefinition For(int months) => new(
        DurablePlacements.RuleVersion,
        $"Worked every day of the {months} months from the start (start + {months} months - 1 day), counting the candidate's " +
        "placements that overlap or follow on (starting on or the day after the previous end) as one spell of work.",
        $"The candidate's benefit ended for work income (reason work-income) on or after the placement's start, within its {months} months.",
        $"The {months} months from the start are not over on asOf: counted, but neither still working nor lost, and outside the shares.",
        [
            "Rijswijk, kadernota Werk 2021: 'duurzame plaatsing' = 'volledige uitstroom uit de Participatiewetuitkering na plaatsing'.",
            "Leiden/Holland Rijnland, beleidsplan 2019-2023: 'Doorgaans wordt hiervoor een periode van 6 maanden aangehouden'.",
        ]);
}

/// <summary><c>?months=</c> and <c>?asOf=</c> of the durable placements report.</summary>
public sealed record DurabilityQuery(
    [property: Description("How many months after the start the placement is measured, 1 to 36 (default 6)."), DefaultValue(DurablePlacements.DefaultMonths)]
    QueryWholeNumber? Months,
    [property: Description("The date the placements are measured on (default: today, or the date of asKnownOn): a placement whose months are not over then is not yet measurable.")]
    QueryDate? AsOf)
{
    public (int Months, LocalDate? AsOf) Read(FieldErrors errors)
    {
        var months = Months is { Text.Length: > 0 } given
            ? given.Read("months", DurablePlacements.MinMonths, DurablePlacements.MaxMonths, errors) ?? DurablePlacements.DefaultMonths
            : DurablePlacements.DefaultMonths;
        var asOf = AsOf is { Text.Length: > 0 } date ? date.Read("asOf", errors) : null;
        return (months, asOf);
    }
}

/// <summary>What the durable placements report is computed for, once its parameters are read.</summary>
public readonly record struct DurabilityRequest(ReportPeriod Period, int Months, LocalDate? AsOf);

/// <summary>
/// GET /api/v1/reports/durable-placements — reads, through the bitemporal placements table (index-only, Schema/080), every
/// placement of the candidates with a placement counted in the period, and their benefit's end; the counting itself is the
/// domain's rule (<see cref="DurablePlacements"/>), so a report and its domain tests count alike.
/// </summary>
public static class DurablePlacementsReportQuery
{
    // $1 municipality, $2–$3 the years and $4–$5 the dates of the period, $6 the instant of a report as known on one.
    private static string Candidates(RecordedRows rows) => $"""
        SELECT p.candidate_number FROM placements p
        WHERE p.municipality = $1 AND p.counting_year BETWEEN $2 AND $3 AND p.started_on BETWEEN $4 AND $5 AND NOT p.withdrawn
          AND {rows.Of("p", 6)}
        """;

    public static async Task<DurablePlacementsReport> QueryAsync(NpgsqlDataSource db, MunicipalityCode municipality, ReportPeriod period, int months,
        LocalDate asOf, RecordedRows rows, CancellationToken ct)
    {
        var (first, last) = period.Years;
        var parameters = rows.With(municipality.Value, first, last, period.From.ToDateOnly(), period.To.ToDateOnly());
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(ReportSql.Command($"""
            SELECT q.candidate_number, q.id, q.started_on, q.ended_on FROM placements q
            WHERE q.municipality = $1 AND NOT q.withdrawn AND {rows.Of("q", 6)} AND q.candidate_number IN ({Candidates(rows)})
            """, parameters));
        batch.BatchCommands.Add(ReportSql.Command($"""
            SELECT c.candidate_number, c.benefit_ended_on, c.benefit_end_reason FROM candidates c
            WHERE c.municipality = $1 AND c.benefit_ended_on IS NOT NULL AND {rows.Of("c", 6)} AND c.candidate_number IN ({Candidates(rows)})
            """, parameters));

        var placements = new Dictionary<string, List<WorkSpan>>();
        var benefitEnds = new Dictionary<string, BenefitEnded>();
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var candidate = reader.GetString(0);
                if (!placements.TryGetValue(candidate, out var spans)) placements[candidate] = spans = [];
                spans.Add(new WorkSpan(reader.GetGuid(1), reader.GetFieldValue<LocalDate>(2),
                    reader.IsDBNull(3) ? null : reader.GetFieldValue<LocalDate>(3)));
            }
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
                benefitEnds[reader.GetString(0)] = new BenefitEnded(reader.GetFieldValue<LocalDate>(1),
                    reader.GetString(2) == "work-income" ? BenefitEndReason.WorkIncome : BenefitEndReason.Other);
        }

        var work = placements.Select(p => new CandidateWork(p.Value, benefitEnds.GetValueOrDefault(p.Key))).ToList();
        var count = DurablePlacements.Count(work, period.From, period.To, months, asOf);
        var curve = DurablePlacements.CurveMonths
            .Select(horizon => DurablePlacements.Count(work, period.From, period.To, horizon, asOf))
            .Select(c => new RetentionPoint(c.Months, c.Measured, c.NotYetMeasurable, c.StillWorking, Share(c.StillWorking, c.Measured)))
            .ToList();
        return new DurablePlacementsReport(municipality, PeriodAnswer.Of(period), months, asOf, count.Counted, count.NotYetMeasurable, count.Measured,
            count.StillWorking, Share(count.StillWorking, count.Measured), count.FullOutflow, Share(count.FullOutflow, count.Measured), curve,
            DurabilityDefinition.For(months));
    }

    private static decimal? Share(long count, long of) => TredeDistributionReportQuery.Percentage(count, of);
}
