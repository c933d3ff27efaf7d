using NodaTime;
using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.Reports.Periods;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Reports;

/// <summary>
/// The placements of a year, or of a range (<see cref="Year"/> null: the total row), or of any other period
/// (<see cref="Year"/> null unless it is a calendar year). Distinct counts of the total row are distinct over the whole
/// range; its ambition is the sum of the years' ambitions, or null when a year has none (and for a period that is not
/// made of whole years: an ambition is set per year). <see cref="Ambitions"/>: realised against each ambition that
/// applies (<see cref="AmbitionResult"/>), when the year has ambitions per kind; left out otherwise, so a year's answer
/// without them is what it always was.
/// </summary>
/// <param name="Period">The dates counted, inclusive: a placement counts when its (corrected) start falls in them.</param>
public sealed record PlacementsReport(
    MunicipalityCode Municipality,
    int? Year,
    long Total,
    long FullTime,
    long PartTime,
    IReadOnlyDictionary<string, long> ByKind,
    IReadOnlyDictionary<string, long> ByChannel,
    long ViaSroi,
    long DistinctEmployers,
    long BenefitEndedAfterPlacement,
    int? Ambition,
    bool? AmbitionMet,
    long? Difference,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PeriodAnswer? Period,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<AmbitionResult>? Ambitions = null);

public sealed record PlacementsRangeReport(MunicipalityCode Municipality, int From, int To, IReadOnlyList<PlacementsReport> Years, PlacementsReport Total);

/// <summary>
/// GET /api/v1/reports/placements — a placement counts in the year of its (corrected) start date and not at all once
/// withdrawn. One round trip: plain counts by grouping sets (hashable, no DISTINCT), then each distinct count on its
/// own (a DISTINCT inside grouping sets forces a sort per set: 3–4× slower at 100,000 candidates, docs/benchmarks.md),
/// then the ambitions. Every statement reads a covering index only: <c>placements_counting</c> (today's rows) or
/// <c>placements_counting_known</c> (every version, for a report as known on an instant: <see cref="RecordedRows"/>).
/// </summary>
public static class PlacementsReportQuery
{
    // $2–$3 the years and $4–$5 the dates of the period: the years keep the scan on the index's key, the dates (in its
    // INCLUDE) cut a period that is not whole years. The instant of a report as known on one is $6 (RecordedRows.With).
    private static string Counting(RecordedRows recorded) =>
        $"FROM placements p WHERE p.municipality = $1 AND p.counting_year BETWEEN $2 AND $3 AND p.started_on BETWEEN $4 AND $5 AND NOT p.withdrawn AND {recorded.Of("p", 6)}";

    // GROUPING(counting_year, kind, channel) is a bit mask of what is rolled up: 4 = every year (the range's total row),
    // 2 = every kind, 1 = every channel. So 3 = a year, 1 = a year by kind, 2 = a year by channel; 7, 5, 6 the same for the total.
    private static string Counts(RecordedRows recorded) => $"""
        SELECT p.counting_year, p.kind, p.channel, GROUPING(p.counting_year, p.kind, p.channel),
               count(*), count(*) FILTER (WHERE p.full_time), count(*) FILTER (WHERE p.channel = 'sroi')
        {Counting(recorded)}
        GROUP BY GROUPING SETS ((p.counting_year), (p.counting_year, p.kind), (p.counting_year, p.channel), (), (p.kind), (p.channel))
        """;

    // A self-employed placement has no employer (employer_kvk null): it counts for none.
    private static string Employers(RecordedRows recorded) => $"SELECT DISTINCT p.counting_year, p.employer_kvk {Counting(recorded)} AND p.employer_kvk IS NOT NULL";

    // Candidates placed whose benefit ended for work income on or after the placement's start (both as known then).
    private static string BenefitEnded(RecordedRows recorded) => $"""
        SELECT DISTINCT p.counting_year, p.candidate_number
        FROM placements p
        JOIN candidates c ON c.municipality = p.municipality AND c.candidate_number = p.candidate_number
             AND c.benefit_end_reason = 'work-income' AND c.benefit_ended_on >= p.started_on AND {recorded.Of("c", 6)}
        WHERE p.municipality = $1 AND p.counting_year BETWEEN $2 AND $3 AND p.started_on BETWEEN $4 AND $5 AND NOT p.withdrawn
          AND {recorded.Of("p", 6)}
        """;

    public static Task<PlacementsRangeReport> QueryAsync(NpgsqlDataSource db, MunicipalityCode municipality, int from, int to, CancellationToken ct) =>
        QueryAsync(db, municipality, from, to, RecordedRows.Current, ct);

    /// <summary>The report from the rows the ledger held as <paramref name="recorded"/> says: today's, or as known on an instant.</summary>
    public static Task<PlacementsRangeReport> QueryAsync(NpgsqlDataSource db, MunicipalityCode municipality, int from, int to,
        RecordedRows recorded, CancellationToken ct) =>
        QueryAsync(db, municipality, ReportPeriod.OfYears(from, to), recorded, ct);

    /// <summary>
    /// The placements of <paramref name="period"/>: a row per year it touches and the total. A caller that asked for one
    /// period (not a range of years) answers with <see cref="PlacementsRangeReport.Total"/>, or <see cref="Single"/>.
    /// </summary>
    public static async Task<PlacementsRangeReport> QueryAsync(NpgsqlDataSource db, MunicipalityCode municipality, ReportPeriod period,
        RecordedRows recorded, CancellationToken ct)
    {
        var (from, to) = period.Years;
        var parameters = recorded.With(municipality.Value, from, to, period.From.ToDateOnly(), period.To.ToDateOnly());
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(ReportSql.Command(Counts(recorded), parameters));
        batch.BatchCommands.Add(ReportSql.Command($"SELECT counting_year, count(*) FROM ({Employers(recorded)}) e GROUP BY counting_year", parameters));
        batch.BatchCommands.Add(ReportSql.Command($"SELECT counting_year, count(*) FROM ({BenefitEnded(recorded)}) b GROUP BY counting_year", parameters));
        batch.BatchCommands.Add(ReportSql.Command(
            $"SELECT year, placements, sroi_placements FROM ({Ambitions.AmbitionsSql.Years(recorded.AsKnownOn is not null)}) a",
            recorded.With(municipality.Value, from, to)));
        batch.BatchCommands.Add(ReportSql.Command(Ambitions.AmbitionsSql.Kinds(recorded.AsKnownOn is not null), recorded.With(municipality.Value, from, to)));
        // Over a range, the total's distinct counts are distinct over all its years (a year's equal its row).
        var ranged = to > from;
        if (ranged)
        {
            batch.BatchCommands.Add(ReportSql.Command($"SELECT count(DISTINCT employer_kvk) FROM ({Employers(recorded)}) e", parameters));
            batch.BatchCommands.Add(ReportSql.Command($"SELECT count(DISTINCT candidate_number) FROM ({BenefitEnded(recorded)}) b", parameters));
        }

        var rows = new Dictionary<int, Row>();
        Row RowOf(int year) => rows.TryGetValue(year, out var row) ? row : rows[year] = new Row();
        var total = new Row();
        var ambitions = new Dictionary<int, int?>();
        var sroiAmbitions = new Dictionary<int, int?>();
        var kindAmbitions = new Dictionary<int, Dictionary<string, int>>();
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var rolledUp = reader.GetInt32(3);
                var row = (rolledUp & 4) != 0 ? total : RowOf(reader.GetInt32(0));
                switch (rolledUp & 3)
                {
                    case 1: row.ByKind[reader.GetString(1)] = reader.GetInt64(4); break;
                    case 2: row.ByChannel[reader.GetString(2)] = reader.GetInt64(4); break;
                    default: (row.Total, row.FullTime, row.ViaSroi) = (reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6)); break;
                }
            }
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct)) RowOf(reader.GetInt32(0)).Employers = reader.GetInt64(1);
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct)) RowOf(reader.GetInt32(0)).BenefitEnded = reader.GetInt64(1);
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                ambitions[reader.GetInt32(0)] = reader.IsDBNull(1) ? null : reader.GetInt32(1);
                sroiAmbitions[reader.GetInt32(0)] = reader.IsDBNull(2) ? null : reader.GetInt32(2);
            }
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
                kindAmbitions[reader.GetInt32(0)] = KindTargets(reader.GetString(1));
            if (ranged)
            {
                await reader.NextResultAsync(ct);
                total.Employers = await reader.ReadAsync(ct) ? reader.GetInt64(0) : 0;
                await reader.NextResultAsync(ct);
                total.BenefitEnded = await reader.ReadAsync(ct) ? reader.GetInt64(0) : 0;
            }
            else
            {
                (total.Employers, total.BenefitEnded) = (RowOf(from).Employers, RowOf(from).BenefitEnded);
            }
        }

        // A year row covers the part of its year inside the period (all of it, for whole years); an ambition is a whole year's.
        var wholeYears = period.From == new LocalDate(from, 1, 1) && period.To == new LocalDate(to, 12, 31);
        var stated = PeriodAnswer.Stated(period) is not null;
        var years = Enumerable.Range(from, to - from + 1)
            .Select(year => (rows.GetValueOrDefault(year) ?? new Row()).Report(municipality, year,
                wholeYears ? ambitions.GetValueOrDefault(year) : null, wholeYears ? sroiAmbitions.GetValueOrDefault(year) : null,
                wholeYears ? kindAmbitions.GetValueOrDefault(year) : null,
                stated ? new PeriodAnswer(Later(new LocalDate(year, 1, 1), period.From), Earlier(new LocalDate(year, 12, 31), period.To)) : null))
            .ToList();
        var allAimed = wholeYears && years.All(y => y.Ambition is not null);
        // The total row's targets: each summed over the years when every year has it, like the total ambition.
        var everyYear = Enumerable.Range(from, to - from + 1).ToList();
        var sroiTotal = wholeYears && everyYear.All(y => sroiAmbitions.GetValueOrDefault(y) is not null) ? everyYear.Sum(y => sroiAmbitions[y]!.Value) : (int?)null;
        var kindTotals = wholeYears && everyYear.All(kindAmbitions.ContainsKey)
            ? kindAmbitions[from].Keys.Where(kind => everyYear.All(y => kindAmbitions[y].ContainsKey(kind)))
                .ToDictionary(kind => kind, kind => everyYear.Sum(y => kindAmbitions[y][kind]))
            : null;
        return new PlacementsRangeReport(municipality, from, to, years,
            total.Report(municipality, null, allAimed ? years.Sum(y => y.Ambition!.Value) : null, sroiTotal, kindTotals, PeriodAnswer.Stated(period)));
    }

    /// <summary>One period's report: the year's row for a calendar year (as before), else the total, its year null.</summary>
    public static PlacementsReport Single(PlacementsRangeReport report, ReportPeriod period) =>
        period.Year is not null ? report.Years.Single() : report.Total;

    private static LocalDate Later(LocalDate a, LocalDate b) => a > b ? a : b;

    private static LocalDate Earlier(LocalDate a, LocalDate b) => a < b ? a : b;

    /// <summary>The stored <c>byKind</c> of <c>ambition.kinds-set.v1</c>: <c>[{"kind": "beschut-werk", "placements": 15}]</c>.</summary>
    private static Dictionary<string, int> KindTargets(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateArray()
            .ToDictionary(k => k.GetProperty("kind").GetString()!, k => k.GetProperty("placements").GetInt32());

    /// <summary>One row's figures as read; kinds and channels without placements are reported as 0.</summary>
    private sealed class Row
    {
        public long Total { get; set; }
        public long FullTime { get; set; }
        public long ViaSroi { get; set; }
        public long Employers { get; set; }
        public long BenefitEnded { get; set; }
        public Dictionary<string, long> ByKind { get; } = [];
        public Dictionary<string, long> ByChannel { get; } = [];

        public PlacementsReport Report(MunicipalityCode municipality, int? year, int? ambition, int? sroiAmbition,
            IReadOnlyDictionary<string, int>? kindAmbitions, PeriodAnswer? period)
        {
            var aim = AmbitionComparison.Of(Total, ambition);
            var byKind = Every<PlacementKind>(ByKind);
            return new PlacementsReport(municipality, year, Total, FullTime, Total - FullTime,
                byKind, Every<PlacementChannel>(ByChannel), ViaSroi, Employers, BenefitEnded,
                aim.Ambition, aim.AmbitionMet, aim.Difference, period,
                kindAmbitions is null ? null : AmbitionResult.Each(ambition, Total, sroiAmbition, ViaSroi, kindAmbitions, byKind));
        }

        private static Dictionary<string, long> Every<T>(Dictionary<string, long> counted) where T : struct, Enum =>
            Enum.GetValues<T>().Select(CandidateReportTables.Kebab).ToDictionary(name => name, name => counted.GetValueOrDefault(name));
    }
}
