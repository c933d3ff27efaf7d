extern alias api;

using System.Diagnostics;
using System.Globalization;
using api::Sroi.Ledger.Api.EventLog;
using Marten;
using Npgsql;

namespace Sroi.Ledger.Benchmarks.Commands;

/// <summary>
/// The full command path per command type, in-process (no HTTP), with 1 and 8 writers, against a raw-Npgsql baseline in
/// the same run on the same database (<see cref="LedgerCommands"/>, <see cref="RawCommands"/>). Usage:
///   dotnet run -c Release --project tests/Sroi.Ledger.Benchmarks -- --commands [--seconds 10] [--rounds 3] [--stream-length 50] [--trace] [--smoke]
/// (<c>--smoke</c>: each command type once with 2 writers, and the hot contract; 0.2 s per side per case in one round, at most 3
/// commands per subject.)
/// <para>
/// <c>--seconds</c> is each side's measuring time per case, cut into <c>--rounds</c> slices; the sides take turns slice by
/// slice and the order alternates (ledger, raw | raw, ledger | …), so that neither always meets the fuller tables, a
/// checkpoint or someone else's burst first. Each slice starts on fresh subjects; a writer moves to its next subject after
/// <c>--stream-length</c> commands (amend, report, accept, placement), so that no document grows beyond what a contract or
/// a candidate plausibly reaches. The subjects are prepared (untimed) before each slice, from the rate seen so far.
/// <c>--trace</c>, after the measurement: three commands of each type per side with <c>log_statement=all</c> and
/// <c>log_duration=on</c>, and Npgsql's own activities, to count statements and round trips per command.
/// </para>
/// </summary>
internal static class CommandsBenchmark
{
    /// <summary>How many more subjects than the rate seen so far needs: more while only the warm-up's (colder) rate is known.</summary>
    private const double Margin = 1.5, FirstMargin = 2.5;

    private static readonly CommandCase[] AllCases =
    [
        new("register contract", CommandKind.RegisterContract, 1),
        new("register contract", CommandKind.RegisterContract, 8),
        new("amend contract", CommandKind.AmendContract, 1),
        new("amend contract", CommandKind.AmendContract, 8),
        new("report fulfilment", CommandKind.ReportFulfilment, 1),
        new("report fulfilment", CommandKind.ReportFulfilment, 8),
        new("report, one hot contract", CommandKind.ReportFulfilment, 8, OneStream: true),
        new("accept fulfilment", CommandKind.AcceptFulfilment, 1),
        new("accept fulfilment", CommandKind.AcceptFulfilment, 8),
        new("register candidate", CommandKind.RegisterCandidate, 1),
        new("register candidate", CommandKind.RegisterCandidate, 8),
        new("record placement", CommandKind.RecordPlacement, 1),
        new("record placement", CommandKind.RecordPlacement, 8),
        new("set ambition", CommandKind.SetAmbition, 1),
        new("set ambition", CommandKind.SetAmbition, 8),
    ];

    /// <summary>The cases of this run: every one, or at <c>--smoke</c> size each command type once with 2 writers (and the hot contract).</summary>
    private static CommandCase[] Cases = AllCases;

    private sealed record Slice(int Ok, List<Outcome> Errors, TimeSpan Elapsed, List<double> Latencies, int Exhausted, long Attempts,
        TimeSpan ClientCpu, TimeSpan ServerCpu)
    {
        public double PerSecond => Ok / Elapsed.TotalSeconds;

        public int Commands => Ok + Errors.Count;
    }

    private static CpuClock cpu = new(null);

    public static async Task RunAsync(string[] args)
    {
        double Value(string name, double fallback) =>
            Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length
            && double.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;
        var smoke = BenchOptions.Smoke(args);
        var seconds = Value("--seconds", smoke ? 0.2 : 10);
        var rounds = (int)Value("--rounds", smoke ? 1 : 3);
        var streamLength = (int)Value("--stream-length", smoke ? 3 : 50);
        Cases = smoke ? [.. AllCases.Where(c => c.Writers == 8).Select(c => c with { Writers = 2 })] : AllCases;
        var slice = TimeSpan.FromSeconds(seconds / rounds);
        Console.WriteLine($"commands: {seconds:0.##} s per side per case in {rounds} rounds of {slice.TotalSeconds:0.##} s; " +
            $"at most {streamLength} commands per subject (amend, report, accept, placement)");

        await using var server = await BenchDatabase.StartAsync(durable: !smoke);
        cpu = new CpuClock(server.DataDirectory);
        await Execute(server.DataSource, RawCommands.Schema);
        // The service's own host and services (its store counting the commit attempts); the baseline on the harness's pool.
        var saves = new SaveCounter();
        await using var host = new LedgerHost(server.ConnectionString, saves);
        var ledger = new LedgerCommands(host.Services, saves);
        var raw = new RawCommands(server.DataSource);
        ICommandSide[] sides = [ledger, raw];

        var loadBefore = Report.LoadAverage();
        var total = Stopwatch.StartNew();
        // Commands per second per pool (per writer; for one stream, all writers), to size the next slice's subjects.
        var rates = new Dictionary<(int, string), double>();

        // Every case on every side once, N commands per pool: JIT, the pool's connections, Marten's first use of each
        // document type, the plan caches. The ledger first: the baseline copies the events it stored.
        foreach (var side in sides)
        {
            if (side == raw) await raw.LoadTemplatesAsync();
            for (var c = 0; c < Cases.Length; c++)
            {
                var pools = await PrepareAsync(side, Cases[c], targetsPerPool: 1, streamLength, warmup: true);
                var warm = await MeasureAsync(side, Cases[c], pools, TimeSpan.MaxValue);
                rates[(c, side.Name)] = warm.PerSecond / pools.Length;
                if (warm.Errors.Count > 0)
                    Console.WriteLine($"warm-up {Cases[c].Label}, {side.Name}: {warm.Errors.Count} errors, e.g. {warm.Errors[0].Status} {warm.Errors[0].Text}");
            }
            Console.WriteLine($"warmed up: {side.Name}");
        }
        foreach (var (type, bytes) in raw.TemplateSizes().OrderBy(t => t.Type))
            Console.WriteLine($"  event copied by the baseline: {type}, {bytes} bytes");
        await Execute(server.DataSource, "VACUUM ANALYZE");

        var results = Cases.SelectMany((_, c) => sides.Select(s => (c, s.Name))).ToDictionary(k => k, _ => new List<Slice>());
        for (var round = 1; round <= rounds; round++)
        {
            for (var c = 0; c < Cases.Length; c++)
            {
                var @case = Cases[c];
                var prepared = new Dictionary<string, TargetPool[]>();
                foreach (var side in sides)
                {
                    var margin = round == 1 ? FirstMargin : Margin;
                    var perPool = @case.Rotates ? (int)Math.Ceiling(rates[(c, side.Name)] * slice.TotalSeconds * margin / streamLength) + 1 : 1;
                    prepared[side.Name] = await PrepareAsync(side, @case, perPool, streamLength);
                }
                var order = (round + c) % 2 == 1 ? sides : sides.Reverse().ToArray();
                var line = new List<string>();
                foreach (var side in order)
                {
                    var measured = await MeasureAsync(side, @case, prepared[side.Name], slice);
                    results[(c, side.Name)].Add(measured);
                    rates[(c, side.Name)] = Math.Max(rates[(c, side.Name)], measured.PerSecond / prepared[side.Name].Length);
                    line.Add($"{side.Name} {measured.PerSecond:N0}/s" + (measured.Errors.Count > 0 ? $" ({measured.Errors.Count} errors)" : "") +
                        (measured.Exhausted > 0 ? $" ({measured.Exhausted} writers ran out of subjects)" : ""));
                }
                Console.WriteLine($"round {round}, {@case.Label}: {string.Join(", ", line)}");
            }
        }
        total.Stop();
        var loadAfter = Report.LoadAverage();

        var errors = Print(results, sides, server.Description, total.Elapsed, loadBefore, loadAfter, seconds, rounds, streamLength);
        await PrintSizesAsync(server.DataSource);
        if (args.Contains("--trace"))
            await CommandTrace.RunAsync(server, sides);
        BenchSummary.Print("commands", results.Values.Sum(s => s.Sum(x => x.Commands)), errors);
    }

    /// <summary>
    /// The subjects of one case for one side: per writer (or, for one stream, for all writers) <paramref name="targetsPerPool"/>
    /// subjects of <paramref name="streamLength"/> commands each. A registration needs none and set ambition has one (its
    /// writer's year), which take commands until the deadline; in the warm-up (<paramref name="warmup"/>) they too stop
    /// after <paramref name="streamLength"/> commands.
    /// </summary>
    private static async Task<TargetPool[]> PrepareAsync(ICommandSide side, CommandCase @case, int targetsPerPool, int streamLength, bool warmup = false)
    {
        var pools = @case.OneStream ? 1 : @case.Writers;
        if (!@case.Rotates) targetsPerPool = 1;
        var perTarget = @case.Rotates || warmup ? streamLength : int.MaxValue;
        var targets = new Target?[pools, targetsPerPool];
        await Parallel.ForEachAsync(Enumerable.Range(0, pools * targetsPerPool), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            targets[i / targetsPerPool, i % targetsPerPool] = await side.CreateTargetAsync(@case.Kind, i / targetsPerPool, streamLength));
        return [.. Enumerable.Range(0, pools).Select(p => new TargetPool([.. Enumerable.Range(0, targetsPerPool).Select(t => targets[p, t])], perTarget))];
    }

    /// <summary>The writers, each on its own pooled connection, until the deadline (or their subjects are used up).</summary>
    private static async Task<Slice> MeasureAsync(ICommandSide side, CommandCase @case, TargetPool[] pools, TimeSpan duration)
    {
        var attemptsBefore = side.Attempts;
        var cpuBefore = cpu.Now();
        var start = Stopwatch.GetTimestamp();
        var deadline = duration == TimeSpan.MaxValue ? long.MaxValue : start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var writers = await Task.WhenAll(Enumerable.Range(0, @case.Writers).Select(w => Task.Run(async () =>
        {
            var pool = pools[@case.OneStream ? 0 : w];
            var latencies = new List<double>(4096);
            var errors = new List<Outcome>();
            var ok = 0;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                if (pool.Next() is not { } next) return (ok, latencies, errors, Exhausted: duration != TimeSpan.MaxValue);
                var t0 = Stopwatch.GetTimestamp();
                var outcome = await side.RunAsync(@case.Kind, next.Target, next.Index);
                latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                if (outcome.Status == @case.ExpectedStatus) ok++;
                else errors.Add(outcome);
            }
            return (ok, latencies, errors, Exhausted: false);
        })));
        var elapsed = Stopwatch.GetElapsedTime(start);
        var (client, server) = CpuClock.Between(cpuBefore, cpu.Now());
        return new Slice(writers.Sum(w => w.ok), [.. writers.SelectMany(w => w.errors)], elapsed, [.. writers.SelectMany(w => w.latencies)],
            writers.Count(w => w.Exhausted), side.Attempts - attemptsBefore, client, server);
    }

    /// <summary>The table, then every error; answers the number of commands that did not answer as expected.</summary>
    private static long Print(Dictionary<(int, string), List<Slice>> results, ICommandSide[] sides, string database, TimeSpan elapsed,
        string loadBefore, string loadAfter, double seconds, int rounds, int streamLength)
    {
        Console.WriteLine();
        Console.WriteLine($"database: {database}");
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}; measured in {elapsed.TotalSeconds:0} s with the warm-up and the " +
            $"preparation (load average 1/5/15 min: {loadBefore} before the warm-up, {loadAfter} after the last round); {seconds:0.##} s per side per case " +
            $"in {rounds} rounds, at most {streamLength} commands per subject; commands/s is the median of the rounds; ratio = ledger / raw; " +
            "latency over every command of the rounds");
        Console.WriteLine();
        Console.WriteLine($"{"case",-36} {"raw /s",8} {"ledger /s",10} {"ratio",6}  {"raw p50",8} {"p99",7}  {"ledger p50",10} {"p99",7}  " +
            $"{"attempts/cmd raw",16} {"ledger",6}  {"CPU µs/cmd: client raw",23} {"ledger",6} {"server raw",10} {"ledger",6}   rounds: raw | ledger");
        for (var c = 0; c < Cases.Length; c++)
        {
            var (r, l) = (results[(c, "raw")], results[(c, "ledger")]);
            var (rawRate, ledgerRate) = (Median(r.Select(s => s.PerSecond)), Median(l.Select(s => s.PerSecond)));
            Console.WriteLine($"{Cases[c].Label,-36} {rawRate,8:N0} {ledgerRate,10:N0} {ledgerRate / rawRate,6:0.00}  " +
                $"{Percentile(r, 0.50),8:0.00} {Percentile(r, 0.99),7:0.00}  {Percentile(l, 0.50),10:0.00} {Percentile(l, 0.99),7:0.00}  " +
                $"{AttemptsPerCommand(r),16:0.00} {AttemptsPerCommand(l),6:0.00}  " +
                $"{CpuPerCommand(r, s => s.ClientCpu),23:0} {CpuPerCommand(l, s => s.ClientCpu),6:0} {CpuPerCommand(r, s => s.ServerCpu),10:0} {CpuPerCommand(l, s => s.ServerCpu),6:0}   " +
                $"{string.Join(" ", r.Select(s => s.PerSecond.ToString("N0")))} | {string.Join(" ", l.Select(s => s.PerSecond.ToString("N0")))}");
        }
        Console.WriteLine("(latencies in ms; attempts/cmd: commit attempts per command, above 1 when lost races were retried; CPU µs/cmd: " +
            "CPU time of the harness process (client) and of the cluster's processes (server) during the side's slices, per command)");

        var anyErrors = false;
        for (var c = 0; c < Cases.Length; c++)
            foreach (var side in sides)
            {
                var slices = results[(c, side.Name)];
                foreach (var group in slices.SelectMany(s => s.Errors).GroupBy(e => e.Status))
                {
                    anyErrors = true;
                    Console.WriteLine($"errors: {Cases[c].Label}, {side.Name}: {group.Count()} × {group.Key}, e.g. {Shorten(group.First().Text, 300)}");
                }
                if (slices.Sum(s => s.Exhausted) is > 0 and var exhausted)
                    Console.WriteLine($"note: {Cases[c].Label}, {side.Name}: {exhausted} writer-slices ran out of prepared subjects before the deadline");
            }
        var commands = results.Values.Sum(s => s.Sum(x => x.Commands));
        Console.WriteLine(anyErrors ? "" : $"errors: none (every one of {commands:N0} measured commands answered 201/200 as expected)");
        return results.Values.Sum(s => s.Sum(x => x.Errors.Count));
    }

    /// <summary>What the two sides stored: the documents (per table, its indexes) and the events (per type).</summary>
    private static async Task PrintSizesAsync(NpgsqlDataSource db)
    {
        Console.WriteLine();
        await using var tables = db.CreateCommand("""
            SELECT c.relname, (SELECT count(*) FROM pg_index i WHERE i.indrelid = c.oid)
            FROM pg_class c WHERE c.relkind = 'r' AND (c.relname LIKE 'mt_doc_%' OR c.relname = 'bench_documents') ORDER BY c.relname
            """);
        var found = new List<(string Table, long Indexes)>();
        await using (var reader = await tables.ExecuteReaderAsync())
            while (await reader.ReadAsync()) found.Add((reader.GetString(0), reader.GetInt64(1)));
        foreach (var (table, indexes) in found)
        {
            await using var sizes = db.CreateCommand($"""
                SELECT split_part(id::text, '-', 1), count(*), avg(octet_length(data::text))::bigint, max(octet_length(data::text))
                FROM {table} GROUP BY 1 ORDER BY 1
                """);
            await using var reader = await sizes.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                Console.WriteLine($"documents: {table} ({indexes} indexes), {reader.GetString(0)}: {reader.GetInt64(1):N0}, " +
                    $"average {reader.GetInt64(2):N0} bytes, largest {reader.GetInt32(3):N0}");
        }
        foreach (var table in new[] { "mt_events", "bench_events" })
        {
            await using var events = db.CreateCommand($"""
                SELECT type, count(*), avg(octet_length(data::text))::bigint FROM {table} WHERE tenant_id = 'GM0603' GROUP BY type ORDER BY type
                """);
            await using var reader = await events.ExecuteReaderAsync();
            var line = new List<string>();
            while (await reader.ReadAsync()) line.Add($"{reader.GetString(0)} {reader.GetInt64(1):N0} × {reader.GetInt64(2):N0} B");
            Console.WriteLine($"events: {table}: {string.Join("; ", line)}");
        }
    }

    private static double AttemptsPerCommand(List<Slice> slices) =>
        (double)slices.Sum(s => s.Attempts) / Math.Max(1, slices.Sum(s => s.Commands));

    private static double CpuPerCommand(List<Slice> slices, Func<Slice, TimeSpan> of) =>
        slices.Sum(s => of(s).TotalMicroseconds) / Math.Max(1, slices.Sum(s => s.Commands));

    private static double Percentile(List<Slice> slices, double p)
    {
        var all = slices.SelectMany(s => s.Latencies).Order().ToList();
        return all.Count == 0 ? double.NaN : all[Math.Min(all.Count - 1, (int)Math.Ceiling(p * all.Count) - 1)];
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    internal static async Task Execute(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
