using System.Security.Cryptography;

namespace Sroi.Ledger.Benchmarks.Http;

/// <summary>
/// Production start to the first 200, and the memory at idle, of the real service binary (issue 8: first 200 within
/// 3 s, under 200 MB resident at idle). One unmeasured start applies the schema to the empty database; then each run
/// starts the binary as a normal restart, polls <c>GET /api/v1/sroi-policies</c> (admin key) every 20 ms until it
/// answers 200, waits 10 s without a request, reads VmRSS from /proc/&lt;pid&gt;/status and stops it with SIGTERM.
/// Usage: dotnet run -c Release --project tests/Sroi.Ledger.Benchmarks -- --startup [--runs 5] [--idle-seconds 10] [--api-dll PATH]
///        [--service-env NAME=VALUE ...] [--smoke] (<c>--smoke</c>: one run, 1 s idle)
/// </summary>
internal static class StartupBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var smoke = BenchOptions.Smoke(args);
        var runs = Options.Int(args, "--runs", smoke ? 1 : 5);
        var idle = TimeSpan.FromSeconds(Options.Int(args, "--idle-seconds", smoke ? 1 : 10));
        var dll = ServiceProcess.FindApiDll(args);
        var adminKey = "bench_admin_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var work = Directory.CreateTempSubdirectory("sroi-startup-").FullName;
        var logFile = Path.Combine(work, "service.log");
        Console.WriteLine($"service binary: {ServiceProcess.Describe(dll)}");
        Console.WriteLine($"service log: {logFile}");

        await using var database = await ServiceDatabase.StartAsync(durable: !smoke);
        Console.WriteLine($"database: {database.Description}");
        var environment = Options.ServiceEnvironment(args, database.Environment(adminKey));
        await WarmUpHttpClientAsync();

        // The first start on the empty database creates Marten's schema, the chain, the read tables and the seeds: not a restart.
        await using (var first = ServiceProcess.Start(dll, environment, ServicePort(), logFile))
        {
            var (ok, _) = await first.WaitForFirstOkAsync(adminKey, TimeSpan.FromSeconds(120));
            var (stopped, exit) = await first.StopAsync();
            Console.WriteLine($"first start (empty database, applies the schema; not counted): first 200 after {ok.TotalMilliseconds:N0} ms; " +
                $"stopped in {stopped.TotalMilliseconds:N0} ms, exit code {exit}");
        }

        var loadBefore = Report.LoadAverage();
        var results = new List<(double FirstOkMs, double? FirstLineMs, double? ListeningMs, double RssAtOkMiB, double RssIdleMiB, double PeakMiB, double CpuS, double StopMs, int Exit)>();
        for (var run = 1; run <= runs; run++)
        {
            await using var service = ServiceProcess.Start(dll, environment, ServicePort(), logFile);
            var (ok, polls) = await service.WaitForFirstOkAsync(adminKey, TimeSpan.FromSeconds(60));
            var rssAtOk = service.MemoryMiB("VmRSS");
            var cpuToOk = service.CpuTime();
            await Task.Delay(idle);
            var rssIdle = service.MemoryMiB("VmRSS");
            var peak = service.MemoryMiB("VmHWM");
            var (stopped, exit) = await service.StopAsync();
            var listening = service.ListeningAt?.TotalMilliseconds;
            var firstLine = service.FirstLineAt?.TotalMilliseconds;
            results.Add((ok.TotalMilliseconds, firstLine, listening, rssAtOk, rssIdle, peak, cpuToOk.TotalSeconds, stopped.TotalMilliseconds, exit));
            Console.WriteLine($"run {run}: first 200 after {ok.TotalMilliseconds,6:N0} ms ({polls} polls; first log line at " +
                $"{(firstLine is { } f ? $"{f:N0} ms" : "?")}, Kestrel listening at {(listening is { } l ? $"{l:N0} ms" : "?")}; {cpuToOk.TotalSeconds:0.00} s CPU until then), resident {rssAtOk:N0} MiB at the first 200, " +
                $"{rssIdle:N0} MiB after {idle.TotalSeconds:0} s idle (peak {peak:N0} MiB); SIGTERM → exit {exit} in {stopped.TotalMilliseconds:N0} ms");
        }
        var loadAfter = Report.LoadAverage();

        Console.WriteLine();
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}; load average 1/5/15 min: {loadBefore} before run 1, {loadAfter} after run {runs}");
        Console.WriteLine($"median of {runs}: first 200 after {Median(results.Select(r => r.FirstOkMs)):N0} ms (aim ≤ 3,000 ms), " +
            $"resident after {idle.TotalSeconds:0} s idle {Median(results.Select(r => r.RssIdleMiB)):N0} MiB (aim < 200 MB = 190.7 MiB); " +
            $"range {results.Min(r => r.FirstOkMs):N0}–{results.Max(r => r.FirstOkMs):N0} ms, {results.Min(r => r.RssIdleMiB):N0}–{results.Max(r => r.RssIdleMiB):N0} MiB");
        // A start that never answered has thrown; a stop that did not exit 0 is an error.
        BenchSummary.Print("startup", results.Count, results.Count(r => r.Exit != 0));
    }

    /// <summary>The harness's own HttpClient is JIT-compiled before the first measured poll (a refused connection suffices).</summary>
    private static async Task WarmUpHttpClientAsync()
    {
        using var client = new HttpClient();
        try { await client.GetAsync(new Uri($"http://127.0.0.1:{ServicePort()}/")); }
        catch (HttpRequestException) { }
    }

    private static int ServicePort() => Sroi.Ledger.LocalPostgres.LocalPostgresCluster.FreePort();

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

internal static class Options
{
    public static int Int(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var v) && v > 0 ? v : fallback;

    /// <summary>
    /// The service's configuration plus every <c>--service-env NAME=VALUE</c> (an experiment, e.g. DOTNET_gcServer=0);
    /// printed, so a figure is never mistaken for the default configuration's.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ServiceEnvironment(string[] args, IReadOnlyDictionary<string, string> configuration)
    {
        var environment = new Dictionary<string, string>(configuration);
        for (var i = 0; i + 1 < args.Length; i++)
            if (args[i] == "--service-env" && args[i + 1].Split('=', 2) is [{ Length: > 0 } name, var value])
            {
                environment[name] = value;
                Console.WriteLine($"experiment: the service runs with {name}={value}");
            }
        return environment;
    }
}
