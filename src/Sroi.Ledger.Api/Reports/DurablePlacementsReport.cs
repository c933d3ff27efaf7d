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
public sealed record DurabilityQuery
{
    [Description("How many months after the start the placement is measured, 1 to 36 (default 6)."), DefaultValue(DurablePlacements.DefaultMonths)]
    public QueryWholeNumber? Months { get; init; }

    [Description("The date the placements are measured on (default: today, or the date of asKnownOn): a placement whose months are not over then is not yet measurable.")]
    public QueryDate? AsOf { get; init; }

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
/// GET /api/v1/reports/durable-placements — a scan of one index range of <c>placement_spells</c> (Schema/100), as the
/// placements report scans <c>placements_counting</c>: each placement's spell end is precomputed by the projection, so the
/// answer is a few rows of counts and its time grows with the period's placements only. The rule is the domain's
/// (<see cref="DurablePlacements"/>): a candidate's placements in start order form spells of work (a placement starting
/// on or before the day after the latest end so far continues the spell; an open one never ends), and a placement is
/// still working after N months when its spell lasts to its last day. That spell end is exactly
/// <see cref="DurablePlacements.WorkedUntil"/>, so a report and the domain's tests count alike; the benchmark checks the
/// two agree on every figure. Before, the statement found the spells by window functions over every placement of each
/// counted candidate, an index probe per candidate: 5× the placements report's time (docs/benchmarks.md).
/// </summary>
public static class DurablePlacementsReportQuery
{
    // $1 municipality, $2–$3 the years and $4–$5 the dates of the period, $6 the report's months, $7 asOf, $8 the instant
    // of a report as known on one. One pass, one row: per horizon (the report's months, then the curve's) the
    // not-yet-measurable, still-working and full-outflow counts, each a FILTER on that horizon's last day (start + N
    // months - 1 day). Before, a cross join with the four horizons made four rows of each spell, each joined to the
    // candidate's benefit end: 1.4× the placements report's time (docs/benchmarks.md).
    private static string Sql(RecordedRows rows) => $"""
        SELECT count(*),
               {Horizon("d.d0")}, {Horizon("d.d3")}, {Horizon("d.d6")}, {Horizon("d.d12")}
        FROM placement_spells s
        CROSS JOIN LATERAL (SELECT (s.started_on + make_interval(months => $6::int))::date - 1 AS d0,
                                   (s.started_on + interval '3 months')::date - 1 AS d3,
                                   (s.started_on + interval '6 months')::date - 1 AS d6,
                                   (s.started_on + interval '12 months')::date - 1 AS d12) d
        -- Full outflow is from the benefit to work only (the domain's rule): the index of those ends (Schema/040).
        LEFT JOIN candidates b ON b.municipality = $1 AND b.candidate_number = s.candidate_number AND b.benefit_end_reason = 'work-income'
             AND {rows.Of("b", 8)}
        WHERE s.municipality = $1 AND s.counting_year BETWEEN $2 AND $3 AND s.started_on BETWEEN $4 AND $5 AND {rows.Of("s", 8)}
        """;

    private static string Horizon(string lastDay) => $"""
        count(*) FILTER (WHERE {lastDay} > $7),
        count(*) FILTER (WHERE {lastDay} <= $7 AND s.worked_until >= {lastDay}),
        count(*) FILTER (WHERE {lastDay} <= $7 AND b.benefit_ended_on BETWEEN s.started_on AND {lastDay})
        """;

    public static async Task<DurablePlacementsReport> QueryAsync(NpgsqlDataSource db, MunicipalityCode municipality, ReportPeriod period, int months,
        LocalDate asOf, RecordedRows rows, CancellationToken ct)
    {
        if (DurablePlacements.CurveMonths is not [3, 6, 12])
            throw new InvalidOperationException("The statement's horizons are the curve's months: change both together.");
        var (first, last) = period.Years;
        await using var command = db.CreateCommand(Sql(rows));
        foreach (var value in rows.With(municipality.Value, first, last, period.From.ToDateOnly(), period.To.ToDateOnly(), months, asOf.ToDateOnly()))
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        // One row, counts 0 when no placement counts: the placements counted, then three counts per horizon.
        long[] values;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            values = [.. Enumerable.Range(0, 13).Select(reader.GetInt64)];
        }
        DurabilityCount At(int i) => new(i == 0 ? months : DurablePlacements.CurveMonths[i - 1], values[0], values[1 + 3 * i], values[2 + 3 * i],
            values[3 + 3 * i]);

        var count = At(0);
        var curve = Enumerable.Range(1, 3).Select(At)
            .Select(c => new RetentionPoint(c.Months, c.Measured, c.NotYetMeasurable, c.StillWorking, Share(c.StillWorking, c.Measured)))
            .ToList();
        return new DurablePlacementsReport(municipality, PeriodAnswer.Of(period), months, asOf, count.Counted, count.NotYetMeasurable, count.Measured,
            count.StillWorking, Share(count.StillWorking, count.Measured), count.FullOutflow, Share(count.FullOutflow, count.Measured), curve,
            DurabilityDefinition.For(months));
    }

    private static decimal? Share(long count, long of) => TredeDistributionReportQuery.Percentage(count, of);
}
