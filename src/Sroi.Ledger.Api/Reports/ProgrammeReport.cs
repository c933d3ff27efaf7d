using System.ComponentModel;
using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Reports;

/// <summary>
/// A programme's figures over a period: the candidates who took part, and per outcome the candidates who reached it.
/// </summary>
/// <param name="Enrolled">Distinct candidates enrolled at any time in the period (enrolled on or before its end, not ended before its start).</param>
/// <param name="EnrolmentsEnded">Of those, distinct candidates whose enrolment ended in the period (early or finished).</param>
/// <param name="Outcomes">Per outcome the programme counts (and any other recorded): distinct candidates who reached it on a date in the period.</param>
public sealed record ProgrammeReport(
    MunicipalityCode Municipality, string Programme, string Name, ProgrammePeriod Period, long Enrolled, long EnrolmentsEnded,
    IReadOnlyDictionary<string, long> Outcomes);

/// <summary>The dates counted, both included; null: unbounded on that side.</summary>
public readonly record struct ProgrammePeriod(LocalDate? From, LocalDate? To);

/// <summary><c>?from=</c> and <c>?to=</c> of the programme report: dates, both optional.</summary>
public sealed record ProgrammePeriodQuery
{
    [Description("The first date counted, e.g. 2022-09-01; leave it out to count from the start.")]
    public QueryDate? From { get; init; }

    [Description("The last date counted, e.g. 2024-06-30; leave it out to count up to now.")]
    public QueryDate? To { get; init; }

    public ProgrammePeriod? Read(FieldErrors errors)
    {
        var from = From is { Text.Length: > 0 } f ? f.Read("from", errors) : null;
        var to = To is { Text.Length: > 0 } t ? t.Read("to", errors) : null;
        if (errors.Covers("from") || errors.Covers("to")) return null;
        if (to < from) { errors.Add("to", "Not before from."); return null; }
        return new ProgrammePeriod(from, to);
    }
}

/// <summary>
/// GET /api/v1/reports/programmes/{code} — two aggregates over <c>programme_enrolments</c> and <c>programme_outcomes</c>
/// (Schema/090) in one round trip, as known on <see cref="RecordedRows"/>. A candidate counts once per figure however
/// often enrolled or however often the outcome was reached (in successive enrolments).
/// </summary>
public static class ProgrammeReportQuery
{
    private static readonly LocalDate Earliest = new(1900, 1, 1);
    private static readonly LocalDate Latest = new(2999, 12, 31);

    public static async Task<ProgrammeReport> QueryAsync(NpgsqlDataSource db, MunicipalityCode municipality, string programme, string name,
        IReadOnlyList<string> outcomes, ProgrammePeriod period, RecordedRows rows, CancellationToken ct)
    {
        object[] values = rows.With(municipality.Value, programme, (period.From ?? Earliest).ToDateOnly(), (period.To ?? Latest).ToDateOnly());
        await using var batch = db.CreateBatch();
        batch.BatchCommands.Add(ReportSql.Command($"""
            SELECT count(DISTINCT e.candidate_number),
                   count(DISTINCT e.candidate_number) FILTER (WHERE e.ended_on BETWEEN $3 AND $4)
            FROM programme_enrolments e
            WHERE e.municipality = $1 AND e.programme = $2 AND {rows.Of("e", 5)}
              AND e.enrolled_on <= $4 AND (e.ended_on IS NULL OR e.ended_on >= $3)
            """, values));
        batch.BatchCommands.Add(ReportSql.Command($"""
            SELECT o.outcome, count(DISTINCT o.candidate_number)
            FROM programme_outcomes o
            WHERE o.municipality = $1 AND o.programme = $2 AND {rows.Of("o", 5)} AND o.reached_on BETWEEN $3 AND $4
            GROUP BY o.outcome
            """, values));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var (enrolled, ended) = (reader.GetInt64(0), reader.GetInt64(1));
        await reader.NextResultAsync(ct);
        var reached = new Dictionary<string, long>();
        while (await reader.ReadAsync(ct))
            reached[reader.GetString(0)] = reader.GetInt64(1);

        // Every outcome the programme counts, 0 included, in its order; then any recorded that it no longer counts.
        var byOutcome = outcomes.Concat(reached.Keys.Where(k => !outcomes.Contains(k)).Order(StringComparer.Ordinal))
            .ToDictionary(o => o, o => reached.GetValueOrDefault(o));
        return new ProgrammeReport(municipality, programme, name, period, enrolled, ended, byOutcome);
    }
}
