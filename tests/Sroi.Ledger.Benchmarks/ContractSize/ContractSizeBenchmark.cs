extern alias api;

using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sroi.Ledger.Benchmarks.Commands;

namespace Sroi.Ledger.Benchmarks.ContractSize;

/// <summary>
/// A contract's write cost by its size (issue 23): one contract, N reports, one at a time through the service's own command
/// path (<see cref="LedgerCommands"/> on <see cref="LedgerHost"/>: the endpoint's handler, the writer, the store), timed per
/// window of reports, then a fresh contract's first window in the same run. Usage:
///   dotnet run -c Release --project tests/Sroi.Ledger.Benchmarks -- --contract-size [--reports 2100] [--window 100] [--windows 1,501,1001,2001] [--warmup 300] [--reports-apart] [--smoke]
/// (<c>--smoke</c>: 150 reports, windows of 50 at 1, 51 and 101, a warm-up of 20; <c>--reports-apart</c>: the operator's switch
/// turned on before the warm-up, so every contract document is written without its report list, issue 23 stage 3.)
/// <para>
/// Each report is one a contractor may make: two in three an employment of a candidate for one month (four months per
/// candidate, so the candidate's other reports are consulted for the overlap and the cap but none overlaps), one in three a
/// social purchase with an invoice number of its own. Every fifth report is accepted by the WSP, so the balance has
/// accepted and pending parts; inside a window its acceptances wait until the window is closed, so a window times reports
/// only. Per window: p50 and p99 of a report's latency, and the CPU per report of the harness (client: the whole service
/// path runs in this process) and of the cluster's processes (server), read from /proc (<see cref="CpuClock"/>). The ratio
/// last / first window is the issue's measure (≤ 1.2×); under load the CPU ratios are the ones to read. Finally the stored
/// size of the contract's documents.
/// </para>
/// </summary>
internal static class ContractSizeBenchmark
{
    private sealed record Window(string Name, List<double> Latencies, TimeSpan ClientCpu, TimeSpan ServerCpu);

    public static async Task RunAsync(string[] args)
    {
        var smoke = BenchOptions.Smoke(args);
        var reports = BenchOptions.Positive(args, "--reports", smoke ? 150 : 2100);
        var width = BenchOptions.Positive(args, "--window", smoke ? 50 : 100);
        var at = Array.IndexOf(args, "--windows");
        var starts = (at >= 0 && at + 1 < args.Length
                ? args[at + 1].Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture))
                : smoke ? [1, 51, 101] : [1, 501, 1001, 2001])
            .Where(s => s >= 1 && s + width - 1 <= reports).Distinct().Order().ToList();
        if (starts.Count == 0) throw new ArgumentException($"No window of {width} fits in {reports} reports.");
        var apart = args.Contains("--reports-apart");
        Console.WriteLine($"contract-size: {reports} reports on one contract, windows of {width} starting at {string.Join(", ", starts)}; " +
            $"then a fresh contract's reports 1–{width}; the report list {(apart ? "apart (the switch on)" : "in the contract's document (the switch off)")}");

        await using var server = await BenchDatabase.StartAsync(durable: !smoke);
        var cpu = new CpuClock(server.DataDirectory);
        var saves = new SaveCounter();
        await using var host = new LedgerHost(server.ConnectionString, saves);
        var ledger = new LedgerCommands(host.Services, saves);
        if (apart) await api::Sroi.Ledger.Api.Contracts.ReportsApart.ReportsApartSwitch.TurnOnAsync(server.DataSource, CancellationToken.None);
        long operations = 0, errors = 0;
        var bodies = new ReportBodies();
        var warm = Guid.Empty;

        // Warm-up on contracts of their own, 100 reports each: JIT (tiered compilation promotes the hot path only after many
        // calls; a first run with 20 reports of warm-up timed the first window at 3.6x the CPU of the fresh contract's at the
        // end), the pool, Marten's first use of each document type.
        var warmups = BenchOptions.Positive(args, "--warmup", smoke ? 20 : 300);
        for (var i = 1; i <= warmups; i++)
        {
            if (i % 100 == 1) warm = await ledger.NewContractAsync();
            if (await ReportAsync(warm, i) is { } id && i % 5 == 0) await AcceptAsync(warm, id);
        }
        Console.WriteLine($"warmed up: {warmups} reports");

        var loadBefore = Report.LoadAverage();
        var total = Stopwatch.StartNew();
        var contract = await ledger.NewContractAsync();
        var windows = new List<Window>();
        Window? open = null;
        CpuClock.Reading? openedAt = null;
        var deferred = new List<Guid>();
        for (var i = 1; i <= reports; i++)
        {
            if (starts.Contains(i))
            {
                open = new Window($"reports {i:N0}–{i + width - 1:N0}", new List<double>(width), default, default);
                openedAt = cpu.Now();
            }
            var t0 = Stopwatch.GetTimestamp();
            var id = await ReportAsync(contract, i);
            open?.Latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            if (id is { } accepted && i % 5 == 0)
            {
                if (open is null) await AcceptAsync(contract, accepted);
                else deferred.Add(accepted);
            }
            if (open is not null && open.Latencies.Count == width)
            {
                var (client, serverCpu) = CpuClock.Between(openedAt!, cpu.Now());
                windows.Add(open with { ClientCpu = client, ServerCpu = serverCpu });
                Console.WriteLine($"  {open.Name}: p50 {P(open.Latencies, 50):0.00} ms");
                open = null;
                foreach (var d in deferred) await AcceptAsync(contract, d);
                deferred.Clear();
            }
            if (i % 500 == 0) Console.WriteLine($"  {i:N0} reports");
        }

        // The same run, a fresh contract: its first window, after the large one (so not the colder of the two).
        var fresh = await ledger.NewContractAsync();
        var freshWindow = new Window($"fresh contract, reports 1–{width}", new List<double>(width), default, default);
        var freshStart = cpu.Now();
        var freshAccepts = new List<Guid>();
        for (var i = 1; i <= width; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            var id = await ReportAsync(fresh, i);
            freshWindow.Latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            if (id is { } accepted && i % 5 == 0) freshAccepts.Add(accepted);
        }
        var (freshClient, freshServer) = CpuClock.Between(freshStart, cpu.Now());
        windows.Add(freshWindow with { ClientCpu = freshClient, ServerCpu = freshServer });
        foreach (var d in freshAccepts) await AcceptAsync(fresh, d);
        total.Stop();

        Console.WriteLine();
        Console.WriteLine($"database: {server.Description}");
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}; {total.Elapsed.TotalSeconds:0} s; load average 1/5/15 min: " +
            $"{loadBefore} before, {Report.LoadAverage()} after; one report at a time, every fifth accepted (outside the windows' timing)");
        Console.WriteLine();
        Console.WriteLine("| window | reports | p50 ms | p99 ms | CPU ms/report: client | server | total |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var w in windows)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {w.Name} | {w.Latencies.Count} | {P(w.Latencies, 50):0.00} | {P(w.Latencies, 99):0.00} | {Cpu(w, w.ClientCpu):0.00} | {Cpu(w, w.ServerCpu):0.00} | {Cpu(w, w.ClientCpu + w.ServerCpu):0.00} |"));
        var (first, last) = (windows[0], windows[^2]);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio last / first window ({last.Name} / {first.Name}): p50 {P(last.Latencies, 50) / P(first.Latencies, 50):0.00}x, " +
            $"CPU {Cpu(last, last.ClientCpu + last.ServerCpu) / Cpu(first, first.ClientCpu + first.ServerCpu):0.00}x " +
            $"(client {Cpu(last, last.ClientCpu) / Cpu(first, first.ClientCpu):0.00}x, server {Cpu(last, last.ServerCpu) / Cpu(first, first.ServerCpu):0.00}x); " +
            $"last / fresh contract: p50 {P(last.Latencies, 50) / P(freshWindow.Latencies, 50):0.00}x, " +
            $"CPU {Cpu(last, last.ClientCpu + last.ServerCpu) / Cpu(windows[^1], windows[^1].ClientCpu + windows[^1].ServerCpu):0.00}x"));
        await PrintFreshFoldAsync(host.Services, contract, reports);
        await PrintSizesAsync(server.DataSource, contract, reports);
        BenchSummary.Print("contract-size", operations, errors);
        return;

        async Task<Guid?> ReportAsync(Guid on, int index)
        {
            operations++;
            var outcome = await ledger.ReportAsync(on, bodies.Report(on, index));
            if (outcome.Status == 201) return LedgerCommands.IdIn(outcome);
            errors++;
            Console.WriteLine($"error: report {index} on {on}: {outcome.Status} {outcome.Text}");
            return null;
        }

        async Task AcceptAsync(Guid on, Guid report)
        {
            operations++;
            var outcome = await ledger.AcceptAsync(on, report);
            if (outcome.Status == 200) return;
            errors++;
            Console.WriteLine($"error: acceptance of {report}: {outcome.Status} {outcome.Text}");
        }
    }

    private static double Cpu(Window w, TimeSpan cpu) => cpu.TotalMilliseconds / Math.Max(1, w.Latencies.Count);

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }

    /// <summary>
    /// The contract's stream folded afresh by Marten (<c>AggregateStreamAsync</c>: what the history, <c>?asKnownOn=</c>, the
    /// verification's second look and the online rebuild do), timed in this process's CPU, best of three. Before stage 3 the
    /// fold dropped the totals it could not store and folded them from the list again at every event, O(reports²).
    /// </summary>
    private static async Task PrintFreshFoldAsync(IServiceProvider services, Guid contract, int reports)
    {
        var store = services.GetRequiredService<Marten.IDocumentStore>();
        await using var session = store.QuerySession("GM0603");
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            var folded = await session.Events.AggregateStreamAsync<api::Sroi.Ledger.Api.Contracts.ContractDocument>($"contract-{contract}");
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - before;
            if (folded is null) throw new InvalidOperationException($"Contract {contract} folds to nothing.");
            if (cpu < best) best = cpu;
        }
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fresh fold of the contract's stream ({reports:N0} reports and their acceptances): {best.TotalMilliseconds:0} ms CPU of this process, best of 3"));
    }

    /// <summary>
    /// The contract's stored documents: its own row (<c>mt_doc_contract</c>) and, where the layout keeps them apart, its
    /// reports' rows (<c>mt_doc_fulfilmentdocument</c>, if that table exists): the bytes PostgreSQL stores
    /// (<c>pg_column_size</c>, compressed) and the JSON's length.
    /// </summary>
    private static async Task PrintSizesAsync(NpgsqlDataSource db, Guid contract, int reports)
    {
        Console.WriteLine();
        await using (var command = db.CreateCommand("SELECT pg_column_size(data), octet_length(data::text) FROM mt_doc_contract WHERE id = $1"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = $"contract-{contract}" }); // keyed by the stream's name
            await using var reader = await command.ExecuteReaderAsync();
            if (await reader.ReadAsync())
                Console.WriteLine($"contract document after {reports:N0} reports: {reader.GetInt32(0):N0} bytes stored, {reader.GetInt32(1):N0} bytes of JSON");
        }
        await using (var exists = db.CreateCommand("SELECT to_regclass('mt_doc_fulfilmentdocument') IS NOT NULL"))
            if (!(bool)(await exists.ExecuteScalarAsync())!) return;
        await using var reports_ = db.CreateCommand("""
            SELECT count(*), coalesce(sum(pg_column_size(data)), 0), coalesce(avg(octet_length(data::text)), 0)::bigint, coalesce(max(octet_length(data::text)), 0)
            FROM mt_doc_fulfilmentdocument WHERE data ->> 'contractId' = $1
            """);
        reports_.Parameters.Add(new NpgsqlParameter { Value = contract.ToString() });
        await using var rows = await reports_.ExecuteReaderAsync();
        if (await rows.ReadAsync())
            Console.WriteLine($"its report documents: {rows.GetInt64(0):N0}, {rows.GetInt64(1):N0} bytes stored, JSON average {rows.GetInt64(2):N0} bytes, largest {rows.GetInt32(3):N0}");
    }

    /// <summary>Valid reports only: a candidate's months never overlap, every invoice number is new, every date in the term and past.</summary>
    private sealed class ReportBodies
    {
        private readonly Dictionary<(Guid, int), string> candidates = [];

        public string Report(Guid contract, int index)
        {
            if (index % 3 == 0) return LedgerCommands.Bodies.Purchase();
            // Employments: the n-th of this contract's goes to candidate n / 4, for month n % 4 of April–July 2024.
            var n = index - index / 3 - 1;
            var key = (contract, n / 4);
            if (!candidates.TryGetValue(key, out var candidate)) candidates[key] = candidate = LedgerCommands.Bodies.CandidateNumber();
            var start = new DateOnly(2024, 4 + n % 4, 1);
            var end = start.AddMonths(1).AddDays(-1);
            return $$"""
                {"kind":"employment","candidateNumber":"{{candidate}}","targetGroup":"participatiewet","hoursPerWeek":32,
                 "periodStart":"{{start:yyyy-MM-dd}}","periodEnd":"{{end:yyyy-MM-dd}}","age55Plus":false,"workLimitation":false}
                """;
        }
    }
}
