extern alias api;

using System.Diagnostics;
using System.IO.Pipelines;
using api::Sroi.Ledger.Api.Admin;
using api::Sroi.Ledger.Api.Ambitions;
using api::Sroi.Ledger.Api.Auditing.Verification;
using api::Sroi.Ledger.Api.Candidates;
using api::Sroi.Ledger.Api.EventLog;
using api::Sroi.Ledger.Api.Exports;
using api::Sroi.Ledger.Api.People;
using api::Sroi.Ledger.Api.Reports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sroi.Ledger.Benchmarks.Reports;
using Sroi.Ledger.Domain.Ambitions;

namespace Sroi.Ledger.Benchmarks.Audit;

/// <summary>
/// Rebuild, verification and CSV export at scale: seeds N candidates (default 100,000: about 965,000 events, as
/// <c>--reports</c> does) plus one big stream (the municipality's ambitions, set again and again: default 100,000
/// events), then runs the service's own code once each — every projection rebuilt while the ledger stays writable
/// (<see cref="ProjectionRebuild"/>, issue 23; before it, in the same run, Marten's daemon tearing down and replaying), the whole ledger verified (<see cref="LedgerVerifier"/>), and the CSV export
/// (<see cref="HistoryCsv"/>, <see cref="ReportCsv"/>) of the big stream, of every stream of the municipality, and
/// of the placements report over 2015–2026, written to a null stream; before the verification, a plain <c>COPY … TO
/// STDOUT</c> of the same events as its baseline (issue 23), and the ratios of the verification and of both rebuilds to it, by
/// the wall clock and by CPU seconds (this process and the PostgreSQL cluster's, Commands/CpuClock). For each: the rate and the process's peak
/// resident memory during that step alone (Linux's VmHWM, reset before each step through /proc/self/clear_refs).
/// Each step also says the CPU time it took in this process and in the harness's PostgreSQL (<see cref="Commands.CpuClock"/>):
/// on a shared machine the wall clock says little, the CPU seconds and their ratios within one run say more.
/// Usage: dotnet run -c Release --project tests/Sroi.Ledger.Benchmarks -- --audit [--candidates 100000] [--big-stream 100000] [--smoke]
/// [--verify-only] [--rebuild-only] [--no-daemon] [--keep-database DIR] (<c>--keep-database</c>: the cluster's data directory kept, and a ledger found
/// in it measured without seeding; <c>--smoke</c>: 200 candidates and a stream of 1,000; <c>--verify-only</c>: only the COPY baseline and
/// the verification, then the verification again in the same process, no exports and no rebuild; <c>--no-daemon</c>: the rebuild while writable without Marten's daemon before it; <c>--rebuild-only</c>: only the COPY baseline
/// and the rebuild while writable, then the verification of the rebuilt ledger, unmeasured; <c>--rebuild-case right|lost</c>: one
/// of the rebuild's two cases alone). The rebuild while writable runs twice (issue 23: it writes only rows that differ from
/// its fold): with the read models right, then with the candidates' report tables and documents lost (truncated); after
/// each, every read model is held to a print of what it held before (<see cref="ReadModelPrint"/>), and after the second
/// <see cref="RebuiltRows"/> checks that it wrote every row of its tables (a rebuild
/// that committed nothing verifies on a ledger that was right before it: session 38's first cut did). A kept cluster of <c>--startup</c> (its ledger in <c>sroi_ledger</c>: 1,003,999 events
/// at <c>--ledger-events 1000000</c>) is measured as it is, once made verifiable (<see cref="StartupLedgerAdoption"/>): run it on a copy. With SROI_BENCH_PERF=file the verification runs under
/// <c>perf record -a -g</c> into that file (run with DOTNET_PerfMapEnabled=1 so perf names .NET's methods).
/// </summary>
internal static class AuditBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        int Value(string name, int fallback) => BenchOptions.Positive(args, name, fallback);
        var smoke = BenchOptions.Smoke(args);
        var (candidates, bigStream) = (Value("--candidates", smoke ? 200 : 100_000), Value("--big-stream", smoke ? 1_000 : 100_000));
        var verifyOnly = args.Contains("--verify-only");
        // Only the rebuild while writable, not Marten's daemon before it (which takes ten times as long): for profiling it alone.
        // Only the COPY baseline and the rebuild while writable (no exports, no verification before it, no daemon): the
        // rebuild alone on a kept ledger, e.g. the million events of --startup's (issue 23). The ledger is still verified after.
        var rebuildOnly = args.Contains("--rebuild-only");
        var withoutDaemon = rebuildOnly || args.Contains("--no-daemon");

        await using var server = await BenchDatabase.StartAsync(durable: !smoke, keepDirectory: BenchOptions.KeptDatabase(args));
        var municipality = CandidateHistories.Municipality;
        var load = new List<string> { $"before seeding {Report.LoadAverage()}" };
        var big = AmbitionEvents.StreamOf(municipality);
        var (seeding, bigSeeding) = (TimeSpan.Zero, Stopwatch.StartNew());
        // A kept database that holds a ledger already (--keep-database, second run) is measured as it is.
        // (The big stream is appended last: a ledger with it was seeded whole.)
        // The ledger a kept cluster of --startup holds (in sroi_ledger) is measured as it is, once made verifiable.
        var startupLedger = server.DatabaseName != "bench";
        if (startupLedger)
            await StartupLedgerAdoption.AdoptAsync(server, rebuildable: rebuildOnly);
        else if (await Count(server, $"SELECT count(*) FROM mt_streams WHERE id = '{big.Value}'") == 0)
        {
            seeding = await CandidateHistories.SeedAsync(server.Events, candidates);
            bigSeeding.Restart();
            // Batches of 1,000 events, one append each, as one stream grows: the fold and its document are written per append.
            for (var version = 0; version < bigStream; version += 1000)
            {
                var events = Enumerable.Range(version, Math.Min(1000, bigStream - version))
                    .Select(i => (object)new AmbitionSet(municipality, AmbitionDecider.FirstYear + i % 101, 100 + i % 400, i % 50)).ToList();
                await server.Events.AppendAsync(new AppendRequest(municipality, big, version, events, new EventMetadata("wsp:bench", "bench")));
            }
            await Execute(server, "VACUUM ANALYZE");
        }
        bigSeeding.Stop();
        var total = await Count(server, "SELECT count(*) FROM mt_events");
        load.Add($"after seeding {Report.LoadAverage()}");
        if (startupLedger)
            Console.WriteLine($"the ledger of --startup: {total:N0} events in {await Count(server, "SELECT count(*) FROM mt_streams"):N0} streams");
        else Console.WriteLine($"seeded {candidates:N0} candidates in {seeding.TotalSeconds:0} s and a stream of {bigStream:N0} events in " +
            $"{bigSeeding.Elapsed.TotalSeconds:0} s: {total:N0} events in all");

        var results = new List<(string Step, long Count, string Unit, TimeSpan Elapsed, long PeakRss, long RssBefore, TimeSpan ClientCpu, TimeSpan ServerCpu)>();
        // CPU seconds, not only the wall clock: on a shared machine the wall clock measures the neighbours too (issue 23).
        var cpu = new Commands.CpuClock(server.DataDirectory);
        async Task Measure(string step, string unit, Func<Task<long>> run)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            var before = Memory.ResidentBytes();
            Memory.ResetPeak();
            var cpuBefore = cpu.Now();
            var clock = Stopwatch.StartNew();
            var count = await run();
            clock.Stop();
            var (client, serverCpu) = Commands.CpuClock.Between(cpuBefore, cpu.Now());
            results.Add((step, count, unit, clock.Elapsed, Memory.PeakResidentBytes(), before, client, serverCpu));
            Console.WriteLine($"{step}: {count:N0} {unit} in {clock.Elapsed.TotalSeconds:0.0} s ({count / clock.Elapsed.TotalSeconds:N0} {unit}/s), " +
                $"CPU {client.TotalSeconds:0.0} s here + {serverCpu.TotalSeconds:0.0} s PostgreSQL, " +
                $"peak RSS {Memory.MiB(Memory.PeakResidentBytes())} (before {Memory.MiB(before)}); load {Report.LoadAverage()}");
        }

        if (!verifyOnly && !rebuildOnly)
        {
            await Measure("CSV export, the biggest stream", "rows", () => Export(HistoryCsv.Export(server.Events, new PeopleDirectory(server.DataSource), municipality, big, null)));
            // For contrast: the same stream read whole into a list first (as the paged JSON history reads it), then written.
            await Measure("for contrast: the biggest stream held in memory, then written", "rows", async () =>
            {
                var all = await server.Events.ReadStreamAsync(municipality, big);
                return await Export(new CsvExport("contrast.csv", (writer, ct) => HistoryCsv.Table.WriteAsync(writer, all.Select(e => new HistoryCsvRow(e, null)), ct)));
            });
            await Measure("CSV export, every stream of the municipality", "rows", () => Export(HistoryCsv.Export(server.Events, new PeopleDirectory(server.DataSource), municipality, null, null)));
            await Measure("CSV export, placements report 2015-2026", "rows", async () =>
                await Export(ReportCsv.Export(await PlacementsReportQuery.QueryAsync(server.DataSource, municipality, 2015, 2026, default))));
        }
        // No checkpoint is made here: the verification is the streams' (a checkpoint adds one comparison per stream head).
        // The key the seeding's commits were signed with, as the service verifies with its own.
        // Its log line says how many signed heads were checked ahead of their slices (SignaturesAhead).
        using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        var verifier = new LedgerVerifier(server.Marten, server.DataSource, server.Events, server.Key, logging.CreateLogger<LedgerVerifier>());
        // The baseline of issue 23: the same events, with the columns and chain hashes the verification reads, copied out of
        // PostgreSQL with nothing done to them — no order, no parsing beyond counting the rows.
        await Measure("baseline: plain COPY of the same events", "events", async () =>
        {
            var copied = await CopyOut(server);
            return copied == total ? copied : throw new InvalidOperationException($"The COPY gave {copied:N0} rows for {total:N0} events.");
        });
        if (!rebuildOnly) await Measure("verification, the whole ledger", "events", async () =>
        {
            using var perf = PerfRecording.Start();
            var verified = await verifier.VerifyAsync(null, default);
            if (!verified.Ok) throw new InvalidOperationException($"The seeded ledger does not verify: {verified.Discrepancies[0]}");
            return verified.Events;
        });
        var (copy, verification) = rebuildOnly ? (results[^1], results[^1]) : (results[^2], results[^1]);
        if (!rebuildOnly) Console.WriteLine($"verification takes {verification.Elapsed / copy.Elapsed:0.0}x the plain COPY of the same events " +
            $"({copy.Count / copy.Elapsed.TotalSeconds:N0} against {verification.Count / verification.Elapsed.TotalSeconds:N0} events/s); in CPU time " +
            $"{(verification.ClientCpu + verification.ServerCpu) / (copy.ClientCpu + copy.ServerCpu):0.0}x " +
            $"({verification.ClientCpu.TotalSeconds:0.0} + {verification.ServerCpu.TotalSeconds:0.0} s against {copy.ClientCpu.TotalSeconds:0.0} + {copy.ServerCpu.TotalSeconds:0.0} s, here + PostgreSQL)");
        if (verifyOnly)
        {
            // Once more in the same process, as a service verifying again (the audit page, the nightly run) would: the JIT
            // warm, and each signed head's signature check remembered (VerifiedSignatures, issue 23).
            await Measure("verification again, same process", "events", async () =>
            {
                var verified = await verifier.VerifyAsync(null, default);
                if (!verified.Ok) throw new InvalidOperationException($"The seeded ledger does not verify: {verified.Discrepancies[0]}");
                return verified.Events;
            });
            var again = results[^1];
            Console.WriteLine($"verification again: {again.Elapsed / copy.Elapsed:0.0}x the plain COPY's wall clock, " +
                $"{(again.ClientCpu + again.ServerCpu) / (copy.ClientCpu + copy.ServerCpu):0.0}x its CPU seconds");
            PrintTable();
            BenchSummary.Print("audit", results.Sum(r => r.Count), errors: results.Count(r => r.Count == 0));
            return;
        }
        // Before issue 23's rebuild: Marten's daemon tearing every projection down and replaying the log (the command line's
        // `projections rebuild` still), in the same run, against the same COPY.
        if (!withoutDaemon) await Measure("before: Marten's daemon, every projection torn down and replayed", "events", async () =>
        {
            using var daemon = await server.Marten.BuildProjectionDaemonAsync();
            await daemon.PrepareForRebuildsAsync();
            foreach (var name in ((Marten.StoreOptions)server.Marten.Options).Projections.AllProjectionNames().Select(n => n.Trim('\'')))
                await daemon.RebuildProjectionAsync(name, TimeSpan.FromHours(2), default);
            return total;
        });
        var rebuild = new ProjectionRebuild(server.Marten, server.DataSource, NullLogger<ProjectionRebuild>.Instance);
        var tables = RebuiltRows.Tables(server.Marten);
        async Task<long> RebuildAsync(ProjectionRebuild rebuild)
        {
            using var perf = PerfRecording.Start();
            var rebuilt = await rebuild.RunAsync(default) ?? throw new InvalidOperationException("A rebuild was already running.");
            Console.WriteLine("  " + string.Join(", ", rebuilt.Select(p => $"{p.Name} {p.Milliseconds / 1000.0:0.0} s")));
            return total;
        }
        // What every read model holds now (the daemon's fold, or the ledger's own inline one): each rebuild must leave exactly that.
        var right = await ReadModelPrint.TakeAsync(server.DataSource, tables);
        // Issue 23: a rebuild writes only the candidates' rows and documents that differ from their fold. First as it is most
        // often run, to check and repair read models that are right; then with the candidates' report tables and documents
        // lost (emptied), so it writes every one of their rows.
        // --rebuild-case right or lost: that case alone (a profile or PostgreSQL's statements of one case).
        var only = args.SkipWhile(a => a != "--rebuild-case").Skip(1).FirstOrDefault();
        if (only is not (null or "right" or "lost")) throw new ArgumentException($"--rebuild-case is right or lost, not '{only}'.");
        if (only is null or "right")
        {
            await Measure("projection rebuild while writable (issue 23), every projection, read models right", "events", () => RebuildAsync(rebuild));
            (await ReadModelPrint.TakeAsync(server.DataSource, tables)).ShouldBe(right, "the rebuild of right read models");
        }
        if (only is null or "lost")
        {
            await using (var lose = server.DataSource.CreateCommand(
                $"TRUNCATE {string.Join(", ", CandidateReportTables.Tables)}, {tables.Single(t => t.EndsWith(".mt_doc_candidatedocument", StringComparison.Ordinal))}"))
                await lose.ExecuteNonQueryAsync();
            var rewritten = await RebuiltRows.BeforeAsync(server.DataSource, tables);
            await Measure("projection rebuild while writable (issue 23), every projection, the candidates' rows and documents lost", "events", () => RebuildAsync(rebuild));
            (await ReadModelPrint.TakeAsync(server.DataSource, tables)).ShouldBe(right, "the rebuild of lost read models");
            // It wrote every row of its tables (a rebuild that committed nothing would find nothing wrong on a ledger that was right before).
            var written = await rewritten.CheckAsync();
            Console.WriteLine("rows the rebuild of lost read models wrote, none older left, every read model as before: " +
                string.Join(", ", written.Where(t => t.Rows > 0).Select(t => $"{t.Table} {t.Rows:N0}")));
        }
        var copyCpu = copy.ClientCpu + copy.ServerCpu;
        foreach (var step in results.TakeLast((withoutDaemon ? 0 : 1) + (only is null ? 2 : 1)))
            Console.WriteLine($"{step.Step}: {step.Elapsed / copy.Elapsed:0.0}x the plain COPY's wall clock, " +
                (copyCpu > TimeSpan.Zero ? $"{(step.ClientCpu + step.ServerCpu) / copyCpu:0.0}x its CPU seconds" : "its CPU seconds under the clock's 10 ms tick"));
        // The rebuilt documents must still be the events' fold.
        if (!(await verifier.VerifyAsync(null, default)).Ok) throw new InvalidOperationException("The ledger does not verify after the rebuild.");
        PrintTable();
        // A ledger that does not verify, before or after the rebuild, has thrown before this; a step that did nothing is an error.
        BenchSummary.Print("audit", results.Sum(r => r.Count), errors: results.Count(r => r.Count == 0));

        void PrintTable()
        {
            load.Add($"after the steps {Report.LoadAverage()}");
            Console.WriteLine();
            Console.WriteLine($"database: {server.Description}");
            Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}; {total:N0} events ({(startupLedger ? "--startup's ledger" : $"{candidates:N0} candidates, a stream of {bigStream:N0}")}); " +
                $"load average 1/5/15 min: {string.Join("; ", load)}");
            Console.WriteLine($"| step | count | seconds | per second | CPU s here | CPU s PostgreSQL | peak RSS (RSS before) |");
            Console.WriteLine($"|---|---:|---:|---:|---:|---:|---:|");
            foreach (var r in results)
                Console.WriteLine($"| {r.Step} | {r.Count:N0} {r.Unit} | {r.Elapsed.TotalSeconds:0.0} | {r.Count / r.Elapsed.TotalSeconds:N0} | " +
                    $"{r.ClientCpu.TotalSeconds:0.0} | {r.ServerCpu.TotalSeconds:0.0} | {Memory.MiB(r.PeakRss)} ({Memory.MiB(r.RssBefore)}) |");
        }
    }

    /// <summary>The export written as the HTTP answer would write it, into a stream that keeps nothing.</summary>
    private static async Task<long> Export(CsvExport export)
    {
        var pipe = PipeWriter.Create(Stream.Null);
        var rows = await export.WriteAsync(new CsvWriter(pipe), default);
        await pipe.CompleteAsync();
        return rows;
    }

    /// <summary>
    /// <c>COPY (SELECT …) TO STDOUT (FORMAT binary)</c> of every event with its chain hash (the columns the verification's
    /// read selects), the rows counted and their bytes thrown away.
    /// </summary>
    private static async Task<long> CopyOut(BenchDatabase server)
    {
        await using var connection = await server.DataSource.OpenConnectionAsync();
        await using var export = await connection.BeginBinaryExportAsync("""
            COPY (SELECT e.seq_id, e.id, e.tenant_id, e.stream_id, e.version, e.type, e.data::text, e.user_name, e.correlation_id,
                         e.causation_id, e.headers::text, e.timestamp, h.hash
                  FROM mt_events e
                  LEFT JOIN sroi_event_hashes h ON h.tenant_id = e.tenant_id AND h.stream_id = e.stream_id AND h.version = e.version)
            TO STDOUT (FORMAT binary)
            """);
        long rows = 0;
        // Every column skipped (Npgsql wants a row read through before the next), its bytes never turned into values.
        for (var columns = await export.StartRowAsync(); columns != -1; columns = await export.StartRowAsync(), rows++)
            for (var column = 0; column < columns; column++)
                await export.SkipAsync();
        return rows;
    }

    private static async Task<long> Count(BenchDatabase server, string sql)
    {
        await using var command = server.DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task Execute(BenchDatabase server, string sql)
    {
        await using var command = server.DataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// <c>perf record -a -g</c> into the file SROI_BENCH_PERF names, for as long as it is not disposed (nothing without the
/// variable): where a step's CPU goes, in this process and in PostgreSQL's, sampled rather than guessed.
/// </summary>
internal sealed class PerfRecording : IDisposable
{
    private readonly Process? perf;

    private PerfRecording(Process? perf) => this.perf = perf;

    public static PerfRecording Start()
    {
        if (Environment.GetEnvironmentVariable("SROI_BENCH_PERF") is not { Length: > 0 } file) return new PerfRecording(null);
        var perf = Process.Start(new ProcessStartInfo("perf", ["record", "-a", "-g", "-F", "499", "-o", file]) { RedirectStandardError = true })!;
        Thread.Sleep(500); // perf opens its counters before the step begins
        return new PerfRecording(perf);
    }

    public void Dispose()
    {
        if (perf is null) return;
        // SIGINT makes perf write its file out and exit.
        Process.Start("kill", ["-INT", perf.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        perf.WaitForExit();
        perf.Dispose();
    }
}

/// <summary>The process's resident memory from /proc (Linux): now, and the peak since the last reset.</summary>
internal static class Memory
{
    public static long ResidentBytes() => Field("VmRSS:");

    public static long PeakResidentBytes() => Field("VmHWM:");

    /// <summary>Writing 5 to clear_refs resets VmHWM to the current RSS (Linux ≥ 4.0).</summary>
    public static void ResetPeak() => File.WriteAllText("/proc/self/clear_refs", "5");

    public static string MiB(long bytes) => $"{bytes / (1024.0 * 1024.0):0} MiB";

    private static long Field(string name) =>
        File.ReadLines("/proc/self/status").First(l => l.StartsWith(name, StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] is var kib ? long.Parse(kib) * 1024 : 0;
}
