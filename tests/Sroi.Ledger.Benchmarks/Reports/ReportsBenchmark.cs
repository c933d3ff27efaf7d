extern alias api;

using System.Diagnostics;
using api::Sroi.Ledger.Api.Reports;
using api::Sroi.Ledger.Api.Reports.Periods;
using NodaTime;
using Npgsql;
using api::Sroi.Ledger.Api.Database;

namespace Sroi.Ledger.Benchmarks.Reports;

/// <summary>
/// The placement reports at scale: seeds N candidates (default 100,000, about ten events each) through the ledger's
/// append (LedgerEvents on Marten, with the chain trigger) with the service's inline projections, in two passes (every
/// candidate's first half of events, then every second half: <see cref="CandidateHistories.AppendInTwo"/>), then times
/// every report query (the code the endpoints run, minus HTTP) today and as known on a moment in the middle of the
/// recorded history (half the second halves recorded), against raw-SQL baselines in the same run
/// (<see cref="ReportBaselines"/>), interleaved.
/// Usage: dotnet run -c Release --project tests/Sroi.Ledger.Benchmarks -- --reports [--candidates 100000] [--repetitions 200] [--smoke]
/// (<c>--smoke</c>: 200 candidates, 2 repetitions.)
/// With <c>--seeded</c> and SROI_BENCH_DATABASE naming a database an earlier run seeded, the seeding is skipped and the
/// reports are timed on the candidates already there (after the service's start-up has run its migrations and back-fills
/// on them): a change to a report's tables is then measured on the same 100,000 candidates without an hour of seeding.
/// </summary>
internal static class ReportsBenchmark
{
    private const int Year = 2021;
    private static readonly string[] Issue22 = ["durable-placements", "benefit-duration", "caseload", "programme", "school-leavers"];
    private static readonly LocalDate AsOf = new(2020, 12, 31);

    public static async Task RunAsync(string[] args)
    {
        int Value(string name, int fallback) => BenchOptions.Positive(args, name, fallback);
        var smoke = BenchOptions.Smoke(args);
        var (candidates, repetitions) = (Value("--candidates", smoke ? 200 : 100_000), Value("--repetitions", smoke ? 2 : 200));

        await using var server = await BenchDatabase.StartAsync(durable: !smoke);
        var db = server.DataSource;
        // The read tables come with the service's own start-up (LedgerDatabase.PrepareAsync, in BenchDatabase).
        var ledger = server.Events;

        var loadBeforeSeeding = Report.LoadAverage();
        var reuse = args.Contains("--seeded") && server.Description.StartsWith("SROI_BENCH_DATABASE", StringComparison.Ordinal)
            && await ReportBaselines.CountAsync(db, "SELECT count(*) FROM mt_events WHERE stream_id LIKE 'candidate-%'") > 0;
        if (reuse) Console.WriteLine("--seeded: the candidates already in SROI_BENCH_DATABASE are measured; nothing is appended");
        var seeding = reuse ? TimeSpan.Zero : await CandidateHistories.SeedInTwoPassesAsync(ledger, candidates);
        var loadAfterSeeding = Report.LoadAverage();
        await Execute(db, "VACUUM ANALYZE");
        var events = await ReportBaselines.CountAsync(db, "SELECT count(*) FROM mt_events WHERE stream_id LIKE 'candidate-%'");
        var placements = await ReportBaselines.CountAsync(db, "SELECT count(*) FROM placements WHERE recorded_until = 'infinity'");
        var versions = await ReportBaselines.CountAsync(db, "SELECT count(*) FROM placements");
        foreach (var table in new[] { "candidates", "candidate_treden", "candidate_benefit_acts", "candidate_wsp_service", "programme_enrolments", "programme_outcomes", "school_leavers", "candidate_day_activities", "placement_spells", "candidate_status_spells" })
            Console.WriteLine($"{table}: {await ReportBaselines.CountAsync(db, $"SELECT count(*) FROM {table} WHERE recorded_until = 'infinity'"):N0} current rows, " +
                $"{await ReportBaselines.CountAsync(db, $"SELECT count(*) FROM {table}"):N0} recorded versions");
        Console.WriteLine($"caseload_changes: {await ReportBaselines.CountAsync(db, "SELECT count(*) FROM caseload_changes"):N0} rows (days of change per trede and benefit)");
        Console.WriteLine(reuse
            ? $"measured {events:N0} events, {placements:N0} placements ({versions:N0} recorded versions) seeded by an earlier run; load average 1/5/15 min {loadBeforeSeeding}"
            : $"seeded {candidates:N0} candidates, {events:N0} events, {placements:N0} placements ({versions:N0} recorded versions) " +
              $"in {seeding.TotalSeconds:0} s ({events / seeding.TotalSeconds:N0} events/s, 8 writers, two appends per candidate; " +
              $"load average 1/5/15 min {loadBeforeSeeding} before, {loadAfterSeeding} after)");
        // The middle of the recorded history: the median timestamp of the second pass, when half the candidates' second halves were known.
        var middle = await InstantAsync(db, """
            SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY timestamp) FROM mt_events
            WHERE stream_id LIKE 'candidate-%' AND timestamp > (SELECT max(timestamp) FROM mt_events WHERE stream_id LIKE 'candidate-%' AND version = 1)
            """);
        var known = new RecordedRows(middle);
        var end = new RecordedRows(await InstantAsync(db, "SELECT max(timestamp) FROM mt_events"));
        Console.WriteLine($"as known on {middle} (the median recorded time of the second pass)");

        var m = CandidateHistories.Municipality;
        var code = m.Value;
        var (first, last) = (new DateOnly(Year, 1, 1), new DateOnly(Year, 12, 31));
        (string Case, string Subject, Func<Task<long>> Run)[] subjects =
        [
            ("placements (year)", "report", async () => (await PlacementsReportQuery.QueryAsync(db, m, Year, Year, default)).Total.Total),
            ("placements (year)", "headline", () => ReportBaselines.CountAsync(db, ReportBaselines.PlacementsHeadline, code, Year)),
            ("placements (year)", "events only", () => ReportBaselines.CountAsync(db, ReportBaselines.PlacementsFromEventsOnly, code, $"candidate-{code}-%", Year)),
            ("placements (2015-2026)", "report", async () => (await PlacementsReportQuery.QueryAsync(db, m, 2015, 2026, default)).Total.Total),
            ("sroi-placements", "report", async () => (await SroiPlacementsReportQuery.QueryAsync(db, m, Year, default)).Count),
            ("sroi-placements", "headline", () => ReportBaselines.CountAsync(db, ReportBaselines.SroiHeadline, code, Year)),
            ("trede-distribution", "report", async () => (await TredeDistributionReportQuery.QueryAsync(db, m, AsOf, default)).Total),
            ("trede-distribution", "headline", () => ReportBaselines.CountAsync(db, ReportBaselines.TredeDistributionHeadline, code, AsOf.ToDateOnly())),
            ("trede-flow", "report", async () => (await TredeFlowReportQuery.QueryAsync(db, m, Year, default)).Changes),
            ("trede-flow", "headline", () => ReportBaselines.CountAsync(db, ReportBaselines.TredeFlowHeadline, code, first, last)),
            // As known on the middle: the bitemporal projection's rows of then, against a replay of the events recorded by then.
            ("placements (year) known", "report", async () => (await PlacementsReportQuery.QueryAsync(db, m, Year, Year, known, default)).Total.Total),
            ("placements (year) known", "events only", () => ReportBaselines.CountAsync(db, ReportBaselines.PlacementsFromEventsOnlyKnownOn,
                code, $"candidate-{code}-%", Year, middle)),
            ("placements (2015-2026) known", "report", async () => (await PlacementsReportQuery.QueryAsync(db, m, 2015, 2026, known, default)).Total.Total),
            ("sroi-placements known", "report", async () => (await SroiPlacementsReportQuery.QueryAsync(db, m, Year, known, default)).Count),
            ("trede-distribution known", "report", async () => (await TredeDistributionReportQuery.QueryAsync(db, m, AsOf, known, default)).Total),
            ("trede-flow known", "report", async () => (await TredeFlowReportQuery.QueryAsync(db, m, Year, known, default)).Changes),
            // As known on the last instant: today's figures, read through every version (the worst case of the *_known indexes).
            ("placements (year) at end", "report", async () => (await PlacementsReportQuery.QueryAsync(db, m, Year, Year, end, default)).Total.Total),
            ("placements (2015-2026) at end", "report", async () => (await PlacementsReportQuery.QueryAsync(db, m, 2015, 2026, end, default)).Total.Total),
            ("sroi-placements at end", "report", async () => (await SroiPlacementsReportQuery.QueryAsync(db, m, Year, end, default)).Count),
            ("trede-distribution at end", "report", async () => (await TredeDistributionReportQuery.QueryAsync(db, m, AsOf, end, default)).Total),
            ("trede-flow at end", "report", async () => (await TredeFlowReportQuery.QueryAsync(db, m, Year, end, default)).Changes),
            // Issue 22: durable placements of the year (measured years later, so every placement is measured), today and as known on the last instant.
            ("durable-placements (year)", "report", async () =>
                (await DurablePlacementsReportQuery.QueryAsync(db, m, ReportPeriod.OfYear(Year), 6, AsOf.PlusYears(10), RecordedRows.Current, default)).Counted),
            // The report as first built (every placement of the candidates read, folded in C#): the "before", in the same run.
            ("durable-placements (year)", "domain fold", async () =>
                (await DurablePlacementsFold.QueryAsync(db, m, ReportPeriod.OfYear(Year), 6, AsOf.PlusYears(10), RecordedRows.Current)).Counted),
            // The one statement before placement_spells (window functions over each counted candidate's placements).
            ("durable-placements (year)", "windows", () =>
                DurablePlacementsWindows.CountedAsync(db, m, ReportPeriod.OfYear(Year), 6, AsOf.PlusYears(10), RecordedRows.Current)),
            // The statement on placement_spells as first built (the four horizons as a cross join), before the one pass.
            ("durable-placements (year)", "cross join", () =>
                DurablePlacementsCrossJoin.CountedAsync(db, m, ReportPeriod.OfYear(Year), 6, AsOf.PlusYears(10), RecordedRows.Current)),
            ("durable-placements (year) at end", "report", async () =>
                (await DurablePlacementsReportQuery.QueryAsync(db, m, ReportPeriod.OfYear(Year), 6, AsOf.PlusYears(10), end, default)).Counted),
            ("durable-placements (year) at end", "domain fold", async () =>
                (await DurablePlacementsFold.QueryAsync(db, m, ReportPeriod.OfYear(Year), 6, AsOf.PlusYears(10), end)).Counted),
            ("durable-placements (year) at end", "windows", () =>
                DurablePlacementsWindows.CountedAsync(db, m, ReportPeriod.OfYear(Year), 6, AsOf.PlusYears(10), end)),
            ("durable-placements (year) at end", "cross join", () =>
                DurablePlacementsCrossJoin.CountedAsync(db, m, ReportPeriod.OfYear(Year), 6, AsOf.PlusYears(10), end)),
            // The rest of issue 22's reports, today and as known on the last instant, each against placements (year) below.
            // Each from candidate_status_spells (Schema/110), and as before (three dated facts joined to each candidate).
            ("benefit-duration", "report", async () => (await BenefitDurationReportQuery.QueryAsync(db, m, AsOf, RecordedRows.Current, default)).Total.Count),
            ("benefit-duration", "three joins", async () => (await StatusThreeJoins.BenefitDurationAsync(db, m, AsOf, RecordedRows.Current)).Total.Count),
            ("benefit-duration at end", "report", async () => (await BenefitDurationReportQuery.QueryAsync(db, m, AsOf, end, default)).Total.Count),
            ("benefit-duration at end", "three joins", async () => (await StatusThreeJoins.BenefitDurationAsync(db, m, AsOf, end)).Total.Count),
            ("caseload", "report", async () => (await CaseloadReportQuery.QueryAsync(db, m, AsOf, RecordedRows.Current, default)).Total),
            ("caseload", "three joins", async () => (await StatusThreeJoins.CaseloadAsync(db, m, AsOf, RecordedRows.Current)).Total),
            // Today's from the kept count (Schema/130); the pieces' statement it replaced (session 32).
            ("caseload", "pieces", async () => (await CaseloadPieces.CaseloadAsync(db, m, AsOf)).Total),
            ("caseload at end", "report", async () => (await CaseloadReportQuery.QueryAsync(db, m, AsOf, end, default)).Total),
            ("caseload at end", "three joins", async () => (await StatusThreeJoins.CaseloadAsync(db, m, AsOf, end)).Total),
            ("programme (year)", "report", async () => (await Programme(RecordedRows.Current)).Enrolled),
            ("programme (year) at end", "report", async () => (await Programme(end)).Enrolled),
            ("school-leavers", "report", async () => (await SchoolLeaversReportQuery.QueryAsync(db, m, AsOf, null, RecordedRows.Current, default)).Total),
            ("school-leavers", "candidates join", () => ReportBaselines.CountAsync(db, ReportBaselines.SchoolLeaversWithCandidatesJoin, code, AsOf.ToDateOnly())),
            ("school-leavers at end", "report", async () => (await SchoolLeaversReportQuery.QueryAsync(db, m, AsOf, null, end, default)).Total),
        ];
        Task<ProgrammeReport> Programme(RecordedRows rows) => ProgrammeReportQuery.QueryAsync(db, m, CandidateHistories.Programmes[0].Code, "Meedoen Werkt",
            CandidateHistories.Programmes[0].Outcomes, new ProgrammePeriod(new LocalDate(Year, 1, 1), new LocalDate(Year, 12, 31)), rows, default);
        await CheckAsOfEndAsync(db, m, end);
        await CheckDurableAgainstFoldAsync(db, m, known);
        await CheckStatusAgainstThreeJoinsAsync(db, m, known, end);

        // Each case's subjects must agree on the headline number, or the comparison means nothing.
        foreach (var group in subjects.GroupBy(s => s.Case))
        {
            var answers = new List<long>();
            foreach (var subject in group) answers.Add(await subject.Run());
            Console.WriteLine($"{group.Key}: {string.Join(" = ", answers.Select(a => a.ToString("N0")))}");
            if (answers.Distinct().Count() != 1) throw new InvalidOperationException($"{group.Key}: the subjects disagree.");
        }

        // Warm up, then interleave: repetition r runs every subject once, so drift (autovacuum, cache) hits all alike.
        // The events-only scan is slow; it runs every tenth repetition.
        var timings = subjects.ToDictionary(s => (s.Case, s.Subject), _ => new List<double>());
        for (var r = -5; r < repetitions; r++)
        {
            foreach (var subject in subjects)
            {
                if (subject.Subject == "events only" && r % 10 != 0) continue;
                var stopwatch = Stopwatch.StartNew();
                await subject.Run();
                if (r >= 0) timings[(subject.Case, subject.Subject)].Add(stopwatch.Elapsed.TotalMilliseconds);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"database: {server.Description}");
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}; {candidates:N0} candidates, {events:N0} events; " +
            $"{repetitions} repetitions (events only: every tenth); latency in ms; ratio = report median / baseline median; " +
            $"load average 1/5/15 min after the repetitions {Report.LoadAverage()}");
        Console.WriteLine($"{"case",-31} {"subject",-12} {"runs",5} {"median",9} {"p95",9} {"ratio",7}");
        foreach (var ((@case, subject), values) in timings)
        {
            var report = Percentile(timings[(@case, "report")], 50);
            var median = Percentile(values, 50);
            Console.WriteLine($"{@case,-31} {subject,-12} {values.Count,5} {median,9:0.00} {Percentile(values, 95),9:0.00} " +
                (subject == "report" ? "" : $"{report / median,7:0.00}"));
        }
        Console.WriteLine();
        Console.WriteLine("report as known on the middle, and on the last instant, / today's report (medians; the issue asks for at most 2):");
        foreach (var ((@case, subject), values) in timings.Where(t => t.Key.Subject == "report" && t.Key.Case.EndsWith(" known", StringComparison.Ordinal)))
        {
            var name = @case[..^" known".Length];
            var today = Percentile(timings[(name, "report")], 50);
            Console.WriteLine($"{name,-30} {Percentile(values, 50) / today,7:0.00} {Percentile(timings[(name + " at end", "report")], 50) / today,7:0.00}");
        }
        Console.WriteLine();
        Console.WriteLine("issue 22's reports / placements (year) (medians; the issue asks that each stays within the placements report's time):");
        var placementsYear = Percentile(timings[("placements (year)", "report")], 50);
        foreach (var ((@case, _), values) in timings.Where(t => t.Key.Subject == "report" && Issue22.Any(t.Key.Case.StartsWith)))
            Console.WriteLine($"{@case,-36} {Percentile(values, 50),9:0.00} ms {Percentile(values, 50) / placementsYear,7:0.00}");
        // Subjects that disagree, or a report that differs as known on the last instant, have thrown before this.
        BenchSummary.Print("reports", timings.Values.Sum(t => t.Count), errors: 0);
    }

    /// <summary>As known on the last recorded instant, each report is today's report, figure for figure.</summary>
    private static async Task CheckAsOfEndAsync(NpgsqlDataSource db, Sroi.Ledger.Domain.Shared.MunicipalityCode m, RecordedRows end)
    {
        static string Json(object report) => System.Text.Json.JsonSerializer.Serialize(report);
        (string Report, object Today, object Known)[] pairs =
        [
            ("placements", await PlacementsReportQuery.QueryAsync(db, m, 2015, 2026, default), await PlacementsReportQuery.QueryAsync(db, m, 2015, 2026, end, default)),
            ("sroi-placements", await SroiPlacementsReportQuery.QueryAsync(db, m, Year, default), await SroiPlacementsReportQuery.QueryAsync(db, m, Year, end, default)),
            ("trede-distribution", await TredeDistributionReportQuery.QueryAsync(db, m, AsOf, default), await TredeDistributionReportQuery.QueryAsync(db, m, AsOf, end, default)),
            ("trede-flow", await TredeFlowReportQuery.QueryAsync(db, m, Year, default), await TredeFlowReportQuery.QueryAsync(db, m, Year, end, default)),
            ("durable-placements", await Durable(RecordedRows.Current), await Durable(end)),
            ("benefit-duration", await BenefitDurationReportQuery.QueryAsync(db, m, AsOf, RecordedRows.Current, default),
                await BenefitDurationReportQuery.QueryAsync(db, m, AsOf, end, default)),
            ("caseload", await CaseloadReportQuery.QueryAsync(db, m, AsOf, RecordedRows.Current, default), await CaseloadReportQuery.QueryAsync(db, m, AsOf, end, default)),
            ("school-leavers", await SchoolLeaversReportQuery.QueryAsync(db, m, AsOf, null, RecordedRows.Current, default),
                await SchoolLeaversReportQuery.QueryAsync(db, m, AsOf, null, end, default)),
        ];
        Task<DurablePlacementsReport> Durable(RecordedRows rows) =>
            DurablePlacementsReportQuery.QueryAsync(db, m, ReportPeriod.OfYear(Year), 6, AsOf.PlusYears(10), rows, default);
        foreach (var (report, today, known) in pairs)
            if (Json(today) != Json(known)) throw new InvalidOperationException($"{report}: as known on the last instant differs from today's.");
        Console.WriteLine("as known on the last recorded instant, every report equals today's");
    }

    /// <summary>
    /// The durable placements report (counted in SQL) gives the domain fold's answer, figure for figure, for periods,
    /// horizons and measuring dates that leave some placements not yet measurable, today and as known on the middle.
    /// </summary>
    private static async Task CheckDurableAgainstFoldAsync(NpgsqlDataSource db, Sroi.Ledger.Domain.Shared.MunicipalityCode m, RecordedRows known)
    {
        static string Json(object report) => System.Text.Json.JsonSerializer.Serialize(report);
        var checks = 0;
        foreach (var rows in new[] { RecordedRows.Current, known })
            foreach (var (period, months, asOf) in new[]
            {
                (ReportPeriod.OfYear(Year), 6, AsOf.PlusYears(10)),
                (ReportPeriod.OfYear(Year), 6, new LocalDate(Year, 9, 30)),
                (ReportPeriod.OfYears(2016, 2025), 12, new LocalDate(2024, 2, 29)),
                (new ReportPeriod(new LocalDate(Year, 4, 1), new LocalDate(Year, 6, 30), ReportPeriodKind.PartOfYear), 1, new LocalDate(Year, 7, 31)),
                (ReportPeriod.OfYear(2019), 36, new LocalDate(2022, 12, 31)),
            })
            {
                var report = await DurablePlacementsReportQuery.QueryAsync(db, m, period, months, asOf, rows, default);
                var fold = await DurablePlacementsFold.QueryAsync(db, m, period, months, asOf, rows);
                if (Json(report) != Json(fold))
                    throw new InvalidOperationException($"durable-placements {period} {months} months on {asOf}: the report\n{Json(report)}\ndiffers from the domain fold\n{Json(fold)}");
                checks++;
            }
        Console.WriteLine($"durable-placements: the report equals the domain fold in all {checks} checks");
    }

    /// <summary>
    /// The benefit stock and the caseload from <c>candidate_status_spells</c> give the three joins' answer (the way before),
    /// whole, on dates before, inside and after most candidates' histories, today and as known on the middle and the end.
    /// </summary>
    private static async Task CheckStatusAgainstThreeJoinsAsync(NpgsqlDataSource db, Sroi.Ledger.Domain.Shared.MunicipalityCode m, RecordedRows known,
        RecordedRows end)
    {
        static string Json(object report) => System.Text.Json.JsonSerializer.Serialize(report);
        var checks = 0;
        foreach (var rows in new[] { RecordedRows.Current, known, end })
            foreach (var asOf in new[] { new LocalDate(2015, 6, 30), new LocalDate(2018, 1, 1), AsOf, new LocalDate(2024, 2, 29), new LocalDate(2031, 1, 1) })
            {
                var (stock, stockBefore) = (await BenefitDurationReportQuery.QueryAsync(db, m, asOf, rows, default), await StatusThreeJoins.BenefitDurationAsync(db, m, asOf, rows));
                if (Json(stock) != Json(stockBefore))
                    throw new InvalidOperationException($"benefit-duration on {asOf}: the report\n{Json(stock)}\ndiffers from the three joins\n{Json(stockBefore)}");
                var (caseload, caseloadBefore) = (await CaseloadReportQuery.QueryAsync(db, m, asOf, rows, default), await StatusThreeJoins.CaseloadAsync(db, m, asOf, rows));
                if (Json(caseload) != Json(caseloadBefore))
                    throw new InvalidOperationException($"caseload on {asOf}: the report\n{Json(caseload)}\ndiffers from the three joins\n{Json(caseloadBefore)}");
                checks += 2;
                // Today's caseload is summed from the kept count (Schema/130): it equals the current pieces' count too.
                if (rows == RecordedRows.Current)
                {
                    var pieces = await CaseloadPieces.CaseloadAsync(db, m, asOf);
                    if (Json(caseload) != Json(pieces))
                        throw new InvalidOperationException($"caseload on {asOf}: the report\n{Json(caseload)}\ndiffers from the pieces\n{Json(pieces)}");
                    checks++;
                }
            }
        Console.WriteLine($"benefit-duration and caseload: the reports equal the three joins (today's caseload also the pieces) in all {checks} checks");
    }

    private static async Task<Instant> InstantAsync(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        command.CommandTimeout = 0;
        return (Instant)(await command.ExecuteScalarAsync())!;
    }

    private static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }

    private static async Task Execute(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }
}
