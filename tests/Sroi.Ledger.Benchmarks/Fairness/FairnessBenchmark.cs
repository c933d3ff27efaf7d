using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Sroi.Ledger.Benchmarks.Http;

namespace Sroi.Ledger.Benchmarks.Fairness;

/// <summary>
/// Issue 23's "one key cannot slow another": key A (a WSP) floods <c>GET /worklist</c> within its rate limit while key B
/// (another WSP) reads one contract's balance, one request at a time. The real service binary over HTTP, the municipality
/// seeded through the API with <c>--contracts</c> contracts that all ended a month ago (every one on the worklist, its worst
/// case). Measured in one run on one database, each with B alone, then with A's flood, then with A's and a third key C's
/// floods at once: the service as on main (the rate limit only: every in-flight limit 0), with session 37's limits (4 in
/// flight, 2 expensive reads per caller, no node budget), with 1 expensive read per caller and no node budget, and with
/// the limits at their defaults (1 per caller, the node's budget of the cores less one). A and C each flood with
/// <c>--flood</c> concurrent loops (32), each waiting Retry-After after a 429 (a client that obeys the limits); the rate
/// limit is the default 600 a minute (<c>--per-minute</c>); A, B and C are fresh keys in each phase, their buckets full,
/// and B stops at 500 requests, so B's own rate limit never answers it. Reported: B's p50/p99 and their ratio to B alone,
/// A's and C's answers, the service's CPU time per phase and the load average. Usage:
///   dotnet run -c Release --project tests/Sroi.Ledger.Benchmarks -- --fairness [--contracts 10000] [--seconds 10] [--flood 32]
///        [--per-minute 600] [--api-dll PATH] [--keep-database DIR] [--smoke]
/// (<c>--keep-database DIR</c>: the cluster kept in DIR and seeded once; a later run with as many contracts measures it as
/// it is, so repeated runs in one sitting skip the seeding, many minutes under load.)
/// </summary>
internal static class FairnessBenchmark
{
    private const string Municipality = "GM0603";
    private const string ContractorKvk = "12345678";

    /// <summary>B's requests in a phase at most: within a fresh key's bucket (600), so B's own rate limit never answers.</summary>
    private const int BRequests = 500;

    private sealed record Phase(string Limits, int Flooders, List<double> B, int BErrors, int A200, int A429, int AOther, int C200, double ServiceCpuSeconds, string Load);

    /// <summary>
    /// The service's limits in a phase: the per-caller requests in flight, the expensive reads per caller and per node
    /// ("" = the default, "0" = no limit).
    /// </summary>
    private static readonly (string Name, string InFlight, string Expensive, string Node)[] Limits =
    [
        ("main (rate limit only)", "0", "0", "0"),
        ("session 37 (2 expensive per caller, no node budget)", "", "2", "0"),
        ("1 expensive per caller, no node budget", "", "1", "0"),
        ("defaults (1 per caller, node budget cores - 1)", "", "", ""),
    ];

    public static async Task RunAsync(string[] args)
    {
        var smoke = BenchOptions.Smoke(args);
        var contracts = Options.Int(args, "--contracts", smoke ? 40 : 10_000);
        var seconds = Options.Int(args, "--seconds", smoke ? 1 : 10);
        var flood = Options.Int(args, "--flood", smoke ? 4 : 32);
        var perMinute = Options.Int(args, "--per-minute", 600);
        var dll = ServiceProcess.FindApiDll(args);
        var adminKey = "bench_admin_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var tag = BenchReferences.Tag();
        var work = Directory.CreateTempSubdirectory("sroi-fairbench-").FullName;
        Console.WriteLine($"fairness: {contracts} contracts in {Municipality}, {seconds} s per phase, A floods with {flood} loops at {perMinute} a minute");
        Console.WriteLine($"service binary: {ServiceProcess.Describe(dll)}; service logs in {work}");

        var kept = BenchOptions.KeptDatabase(args);
        await using var database = await ServiceDatabase.StartAsync(durable: !smoke, kept);
        Console.WriteLine($"database: {database.Description}");
        var baseEnvironment = Options.ServiceEnvironment(args, database.Environment(adminKey));

        // A kept database remembers, beside its data directory, how many contracts it holds and the one B reads.
        var seededFile = kept is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(kept)) + ".fairness-seeded";
        if (seededFile is not null && File.Exists(seededFile)
            && File.ReadAllText(seededFile).Split(' ') is [var count, var seededContract] && count == contracts.ToString(CultureInfo.InvariantCulture))
        {
            Console.WriteLine($"kept database {kept}: {contracts} contracts seeded by an earlier run, measured as they are");
            await MeasurePhasesAsync(dll, adminKey, baseEnvironment, seededContract, seconds, flood, perMinute, work, database);
            return;
        }

        // Seeding with every limit off (database.Environment): the contracts as fast as the service registers them.
        string balanceContract;
        var seeding = Stopwatch.StartNew();
        await using (var seeder = ServiceProcess.Start(dll, baseEnvironment, Sroi.Ledger.LocalPostgres.LocalPostgresCluster.FreePort(), Path.Combine(work, "seed.log")))
        {
            await seeder.WaitForFirstOkAsync(adminKey, TimeSpan.FromSeconds(120));
            using var api = Api(seeder.BaseAddress);
            var inkoop = await IssueKeyAsync(api, adminKey, "inkoop");
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var next = 0;
            var ids = new string[contracts];
            await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            {
                while (Interlocked.Increment(ref next) is var i && i <= contracts)
                    ids[i - 1] = await RegisterEndedContractAsync(api, inkoop, BenchReferences.Of(tag, i), today);
            }));
            balanceContract = ids[0];
            await seeder.StopAsync();
        }
        Console.WriteLine($"seeded {contracts} contracts through the API in {seeding.Elapsed.TotalSeconds:0.0} s");
        if (seededFile is not null) await File.WriteAllTextAsync(seededFile, $"{contracts} {balanceContract}");
        await MeasurePhasesAsync(dll, adminKey, baseEnvironment, balanceContract, seconds, flood, perMinute, work, database);
    }

    /// <summary>Each of <see cref="Limits"/> on a service of its own: B alone, under A's flood, under A's and C's.</summary>
    private static async Task MeasurePhasesAsync(string dll, string adminKey, IReadOnlyDictionary<string, string> baseEnvironment,
        string balanceContract, int seconds, int flood, int perMinute, string work, ServiceDatabase database)
    {
        var phases = new List<Phase>();
        foreach (var (limits, inFlight, expensive, node) in Limits)
        {
            var environment = new Dictionary<string, string>(baseEnvironment)
            {
                ["SROI_RATE_LIMIT_PER_MINUTE"] = perMinute.ToString(CultureInfo.InvariantCulture),
                ["SROI_REQUESTS_IN_FLIGHT_PER_CALLER"] = inFlight,
                ["SROI_EXPENSIVE_READS_IN_FLIGHT_PER_CALLER"] = expensive,
                ["SROI_EXPENSIVE_READS_IN_FLIGHT_PER_NODE"] = node,
            };
            await using var service = ServiceProcess.Start(dll, environment, Sroi.Ledger.LocalPostgres.LocalPostgresCluster.FreePort(),
                Path.Combine(work, $"service-{phases.Count / 3}.log"));
            await service.WaitForFirstOkAsync(adminKey, TimeSpan.FromSeconds(120));
            using var api = Api(service.BaseAddress);
            await MeasureBAsync(api, await IssueKeyAsync(api, adminKey, "wsp"), balanceContract, 1, CancellationToken.None); // warm
            await MeasureBAsync(api, await IssueKeyAsync(api, adminKey, "wsp"), null, 1, CancellationToken.None);
            foreach (var flooders in new[] { 0, 1, 2 })
            {
                // Fresh keys, full buckets: B stays within its own rate (at most BRequests a phase, below the bucket's 600).
                var b = await IssueKeyAsync(api, adminKey, "wsp");
                var a = await IssueKeyAsync(api, adminKey, "wsp");
                var c = await IssueKeyAsync(api, adminKey, "wsp");
                var cpu0 = service.CpuTime();
                var load = Report.LoadAverage();
                using var stop = new CancellationTokenSource();
                var none = Task.FromResult((0, 0, 0));
                var floodingA = flooders >= 1 ? FloodAsync(api, a, flood, stop.Token) : none;
                var floodingC = flooders >= 2 ? FloodAsync(api, c, flood, stop.Token) : none;
                var (latencies, errors) = await MeasureBAsync(api, b, balanceContract, seconds, CancellationToken.None);
                await stop.CancelAsync();
                var (ok, refused, other) = await floodingA;
                var (okC, refusedC, otherC) = await floodingC;
                var phase = new Phase(limits, flooders, latencies, errors, ok, refused + refusedC, other + otherC, okC,
                    (service.CpuTime() - cpu0).TotalSeconds, load);
                phases.Add(phase);
                Console.WriteLine(Line(phase, phases.FirstOrDefault(p => p.Limits == limits && p.Flooders == 0)));
            }
            await service.StopAsync();
        }

        Console.WriteLine();
        Console.WriteLine("| service | flooding | B's 200s | B's others | B p50 ms | B p99 ms | B max ms | p50 / B alone | p99 / B alone | A 200 | C 200 | A+C 429 | service CPU s | load average at start |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var phase in phases) Console.WriteLine(Line(phase, phases.First(p => p.Limits == phase.Limits && p.Flooders == 0)));
        Console.WriteLine();
        Console.WriteLine($"load average at the end: {Report.LoadAverage()}; database: {database.Description}");
        BenchSummary.Print("fairness", phases.Sum(p => p.B.Count + p.A200 + p.A429 + p.AOther), phases.Sum(p => p.BErrors + p.AOther));
    }

    private static string Line(Phase p, Phase? alone) => string.Create(CultureInfo.InvariantCulture,
        $"| {p.Limits} | {p.Flooders switch { 0 => "none", 1 => "A", _ => "A and C" }} | {p.B.Count} | {p.BErrors} | {P(p.B, 50):0.0} | {P(p.B, 99):0.0} | {(p.B.Count > 0 ? p.B.Max() : double.NaN):0.0} | " +
        $"{(alone is null || alone == p ? "" : $"{P(p.B, 50) / P(alone.B, 50):0.0}×")} | " +
        $"{(alone is null || alone == p ? "" : $"{P(p.B, 99) / P(alone.B, 99):0.0}×")} | {p.A200} | {p.C200} | {p.A429} | {p.ServiceCpuSeconds:0.0} | {p.Load} |");

    private static double P(List<double> values, int percentile)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }

    /// <summary>B: one balance read at a time for <paramref name="seconds"/>; its latencies in ms and how many were not 200.</summary>
    private static async Task<(List<double> Latencies, int Errors)> MeasureBAsync(HttpClient api, string key, string? contract, int seconds, CancellationToken ct)
    {
        var latencies = new List<double>();
        var errors = 0;
        var until = Stopwatch.GetTimestamp() + seconds * Stopwatch.Frequency;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, contract is null ? "worklist" : $"contracts/{contract}/balance");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var started = Stopwatch.GetTimestamp();
            using var response = await api.SendAsync(request, ct);
            await response.Content.LoadIntoBufferAsync(ct);
            if (response.StatusCode == HttpStatusCode.OK) latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            else errors++;
        } while (Stopwatch.GetTimestamp() < until && latencies.Count + errors < BRequests);
        return (latencies, errors);
    }

    /// <summary>A: <paramref name="loops"/> loops of GET /worklist until stopped, each waiting Retry-After after a 429.</summary>
    private static async Task<(int Ok, int Refused, int Other)> FloodAsync(HttpClient api, string key, int loops, CancellationToken stop)
    {
        int ok = 0, refused = 0, other = 0;
        await Task.WhenAll(Enumerable.Range(0, loops).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "worklist");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                try
                {
                    using var response = await api.SendAsync(request, stop);
                    await response.Content.LoadIntoBufferAsync(stop);
                    if (response.StatusCode == HttpStatusCode.OK) Interlocked.Increment(ref ok);
                    else if (response.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        Interlocked.Increment(ref refused);
                        await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), stop);
                    }
                    else Interlocked.Increment(ref other);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // the phase is over: a request still in flight is not counted
                }
            }
        }));
        return (ok, refused, other);
    }

    private static HttpClient Api(Uri service) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(service, "api/v1/"), Timeout = TimeSpan.FromMinutes(2) };

    private static async Task<string> IssueKeyAsync(HttpClient api, string adminKey, string role)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api-keys")
        {
            Content = JsonContent.Create(new JsonObject { ["role"] = role, ["municipality"] = Municipality }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        using var response = await api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"issuing a {role} key: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!["key"]!.GetValue<string>();
    }

    /// <summary>A contract that ended a month ago without a report: on the worklist (behind and overdue).</summary>
    private static async Task<string> RegisterEndedContractAsync(HttpClient api, string inkoop, string reference, DateOnly today)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "contracts")
        {
            Content = JsonContent.Create(new JsonObject
            {
                ["reference"] = reference, ["title"] = "Fairness benchmark", ["category"] = "werken", ["contractValue"] = 2_000_000,
                ["contractor"] = new JsonObject { ["kvkNumber"] = ContractorKvk, ["name"] = "Bouwbedrijf De Vliet B.V." },
                ["awardedOn"] = Date(today.AddDays(-800)), ["startsOn"] = Date(today.AddDays(-760)), ["endsOn"] = Date(today.AddDays(-30)),
                ["scope"] = "regional",
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", inkoop);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"registering {reference}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!["id"]!.GetValue<string>();
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
