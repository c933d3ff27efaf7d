extern alias api;

using System.Diagnostics;
using System.Globalization;
using api::Sroi.Ledger.Api.Auditing.Checkpoints;
using api::Sroi.Ledger.Api.Auditing.CommitSignatures;
using api::Sroi.Ledger.Api.EventLog;
using Npgsql;

namespace Sroi.Ledger.Benchmarks.Signing;

/// <summary>
/// What signing every commit costs the append path, signing on and off in one run on one database. Usage:
///   dotnet run -c Release --project tests/Sroi.Ledger.Benchmarks -- --signing [--seconds 6] [--rounds 3] [--smoke]
/// (<c>--smoke</c>: 0.4 s per side per case in one round, a warm-up of 0.2 s instead of 1 s, 200 signatures timed alone.)
/// <para>
/// Two <see cref="LedgerEvents"/> over the same pool, configured as the service configures its store
/// (<see cref="LedgerStoreOptions"/>): one with the service's <see cref="CommitSigner"/> (the service always has it), one
/// without — which only a store built in code can be, so there is no setting to turn signing off in production. Each
/// append is one commit of one event (<see cref="BenchEvent"/>, with its projection statement): the commit is where
/// signing adds its work (a read of the new heads, an ECDSA signature, an insert), so this is the worst case for the
/// ratio; a full command (decide, fold, idempotency, notification) adds the same absolute cost to a longer path. With 1
/// and 8 writers, each on streams of its own (a new stream every 50 appends); the sides take turns in slices of
/// <c>--seconds / --rounds</c>, their order alternating. Also: the cost of one signature alone, in-process.
/// </para>
/// </summary>
internal static class SigningBenchmark
{
    private const int StreamLength = 50;

    private sealed record Slice(int Appends, TimeSpan Elapsed, List<double> Latencies)
    {
        public double PerSecond => Appends / Elapsed.TotalSeconds;
    }

    public static async Task RunAsync(string[] args)
    {
        double Value(string name, double fallback) =>
            Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length
            && double.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;
        var smoke = BenchOptions.Smoke(args);
        var seconds = Value("--seconds", smoke ? 0.4 : 6);
        var rounds = (int)Value("--rounds", smoke ? 1 : 3);
        var warmup = TimeSpan.FromSeconds(smoke ? 0.2 : 1);
        var slice = TimeSpan.FromSeconds(seconds / rounds);
        Console.WriteLine($"signing: {seconds:0.##} s per side per case in {rounds} rounds of {slice.TotalSeconds:0.##} s; one event per commit, a new stream every {StreamLength}");

        var keyFile = Path.Combine(Path.GetTempPath(), $"sroi-bench-checkpoint-key-{Guid.NewGuid():N}.pem");
        using var key = CheckpointKey.ReadOrCreate(keyFile);
        try
        {
            await using var server = await BenchDatabase.StartAsync(durable: !smoke);
            using var signedStore = LedgerStoreOptions.CreateStore(server.DataSource, new CommitSigner(() => key));
            using var unsignedStore = LedgerStoreOptions.CreateStore(server.DataSource);
            (string Name, LedgerEvents Events)[] sides =
                [("signed", new LedgerEvents(signedStore, server.DataSource)), ("unsigned", new LedgerEvents(unsignedStore, server.DataSource))];
            int[] writerCounts = [1, 8];

            var loadBefore = Report.LoadAverage();
            var total = Stopwatch.StartNew();
            var next = 0;
            foreach (var side in sides)
                foreach (var writers in writerCounts)
                    await MeasureAsync(side.Events, $"warm-{side.Name}", writers, warmup, () => Interlocked.Increment(ref next));
            await BenchCommands(server.DataSource, "VACUUM ANALYZE");

            var results = sides.SelectMany(s => writerCounts.Select(w => (s.Name, w))).ToDictionary(k => k, _ => new List<Slice>());
            for (var round = 1; round <= rounds; round++)
                foreach (var writers in writerCounts)
                {
                    var order = (round + writers) % 2 == 1 ? sides : [.. sides.Reverse()];
                    foreach (var (name, events) in order)
                        results[(name, writers)].Add(await MeasureAsync(events, name, writers, slice, () => Interlocked.Increment(ref next)));
                    Console.WriteLine($"round {round}, {writers} writer(s): " +
                        string.Join(", ", order.Select(s => $"{s.Name} {results[(s.Name, writers)][^1].PerSecond:N0}/s")));
                }
            total.Stop();
            var loadAfter = Report.LoadAverage();

            Console.WriteLine();
            Console.WriteLine($"database: {server.Description}");
            Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}; {total.Elapsed.TotalSeconds:0} s with the warm-up " +
                $"(load average 1/5/15 min: {loadBefore} before, {loadAfter} after); appends/s is the median of the rounds; ratio = signed / unsigned");
            Console.WriteLine($"{"writers",8} {"unsigned /s",12} {"signed /s",10} {"ratio",6}  {"unsigned p50",12} {"p99",7}  {"signed p50",10} {"p99",7}   rounds: unsigned | signed");
            foreach (var writers in writerCounts)
            {
                var (u, s) = (results[("unsigned", writers)], results[("signed", writers)]);
                var (unsignedRate, signedRate) = (Median(u.Select(x => x.PerSecond)), Median(s.Select(x => x.PerSecond)));
                Console.WriteLine($"{writers,8} {unsignedRate,12:N0} {signedRate,10:N0} {signedRate / unsignedRate,6:0.00}  " +
                    $"{Percentile(u, 0.5),12:0.00} {Percentile(u, 0.99),7:0.00}  {Percentile(s, 0.5),10:0.00} {Percentile(s, 0.99),7:0.00}   " +
                    $"{string.Join(" ", u.Select(x => x.PerSecond.ToString("N0")))} | {string.Join(" ", s.Select(x => x.PerSecond.ToString("N0")))}");
            }
            Console.WriteLine("(latencies in ms per append, over every append of the rounds)");

            // One signature alone: what the key costs, apart from the round trips.
            var payload = System.Text.Encoding.UTF8.GetBytes(SignedHead.SignedText("commit", "GM0603", "contract-0192f1c4-7a1e-7cbe-9a61-0d3c8a0b2f11", 12, new byte[32]));
            for (var i = 0; i < 200; i++) key.Sign(payload);
            var watch = Stopwatch.StartNew();
            var signatures = smoke ? 200 : 5_000;
            for (var i = 0; i < signatures; i++) key.Sign(payload);
            Console.WriteLine($"one ECDSA P-256 signature: {watch.Elapsed.TotalMicroseconds / signatures:0.0} µs ({signatures:N0} in-process)");

            // Every signed commit left exactly one signed head; the unsigned side none.
            await using var check = server.DataSource.CreateCommand("""
                SELECT (SELECT count(*) FROM mt_events WHERE stream_id LIKE 'sign-signed-%'),
                       (SELECT count(*) FROM sroi_commit_signatures WHERE stream_id LIKE 'sign-signed-%'),
                       (SELECT count(*) FROM sroi_commit_signatures WHERE stream_id LIKE 'sign-unsigned-%')
                """);
            await using var reader = await check.ExecuteReaderAsync();
            await reader.ReadAsync();
            Console.WriteLine($"check: {reader.GetInt64(0):N0} signed appends, {reader.GetInt64(1):N0} signed heads; {reader.GetInt64(2):N0} heads on the unsigned side");
            // Every signed append leaves exactly one signed head, the unsigned side none: each difference is an error.
            BenchSummary.Print("signing", results.Values.Sum(r => r.Sum(x => x.Appends)),
                Math.Abs(reader.GetInt64(0) - reader.GetInt64(1)) + reader.GetInt64(2));
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    /// <summary>The writers, each appending to streams of its own until the deadline.</summary>
    private static async Task<Slice> MeasureAsync(LedgerEvents events, string name, int writers, TimeSpan duration, Func<int> nextStream)
    {
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var done = await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>(4096);
            string? stream = null;
            long version = 0;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                if (stream is null || version == StreamLength)
                {
                    stream = $"sign-{name}-{nextStream()}";
                    version = 0;
                }
                var t0 = Stopwatch.GetTimestamp();
                await events.AppendAsync(BenchEvent.Append(stream, version));
                latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                version++;
            }
            return latencies;
        })));
        return new Slice(done.Sum(l => l.Count), Stopwatch.GetElapsedTime(start), [.. done.SelectMany(l => l)]);
    }

    private static async Task BenchCommands(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

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
}
