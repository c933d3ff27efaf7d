extern alias api;

using api::Sroi.Ledger.Api.Notifications;
using System.Security.Cryptography;

namespace Sroi.Ledger.Benchmarks.Http;

/// <summary>
/// Production start to the first 200, and the memory at idle, of the real service binary (issue 8: first 200 within
/// 3 s, under 200 MB resident at idle; issue 23: within 1 s on a ledger of 1,000,000 events). One unmeasured start per
/// binary applies its schema; then each run starts the binary as a normal restart, polls <c>GET /api/v1/sroi-policies</c>
/// (admin key) every 20 ms until it answers 200, waits without a request, reads VmRSS from /proc/&lt;pid&gt;/status and
/// stops it with SIGTERM. With <c>--compare-api-dll PATH</c> (another build, e.g. main's before a change) and
/// <c>--bare</c> (<see cref="BareApp"/>: ASP.NET Core and one Npgsql query, the floor) the subjects take turns within
/// each run, so before, after and the floor are measured in one sitting; each build on a copy of the seeded ledger of its
/// own (<see cref="ServiceDatabase.CopyLedgerAsync"/>), so each start is a restart of the build the database was prepared by.
/// <c>--ledger-events N</c> seeds the ledger after the first start (<see cref="StartupLedger"/>), with <c>--scheduled N</c>
/// scheduled envelopes (default 10,000 when seeding); each run also reports the rows of Wolverine's envelope table
/// that were updated between its start and its stop.
/// Usage: dotnet run -c Release --project tests/Sroi.Ledger.Benchmarks -- --startup [--runs 5] [--idle-seconds 10] [--api-dll PATH]
///        [--compare-api-dll PATH] [--bare] [--ledger-events N] [--scheduled N] [--service-env NAME=VALUE ...] [--keep-database DIR] [--smoke]
///        (<c>--keep-database DIR</c>: the cluster kept in DIR, seeded once, measured again as it is; <c>--smoke</c>: one run, 1 s idle, the bare app, 1,000 events and 50 scheduled envelopes)
/// </summary>
internal static class StartupBenchmark
{
    private sealed record Subject(string Label, string Dll, IReadOnlyList<string> Arguments, bool IsService);

    private sealed record Result(string Subject, double FirstOkMs, double? FirstLineMs, double? ListeningMs, double RssAtOkMiB, double RssIdleMiB,
        double PeakMiB, double CpuS, double StopMs, int Exit, long EnvelopeUpdates, bool PreparedFully);

    public static async Task RunAsync(string[] args)
    {
        var smoke = BenchOptions.Smoke(args);
        var runs = Options.Int(args, "--runs", smoke ? 1 : 5);
        var idle = TimeSpan.FromSeconds(Options.Int(args, "--idle-seconds", smoke ? 1 : 10));
        var ledgerEvents = Options.Int(args, "--ledger-events", smoke ? 1_000 : 0);
        var scheduled = Array.IndexOf(args, "--scheduled") >= 0 ? Options.Int(args, "--scheduled", 0) : smoke ? 50 : ledgerEvents > 0 ? 10_000 : 0;
        var subjects = new List<Subject> { new("this build", ServiceProcess.FindApiDll(args), [], true) };
        if (Array.IndexOf(args, "--compare-api-dll") is var at and >= 0 && at + 1 < args.Length)
            subjects.Add(new Subject("compared build", Path.GetFullPath(args[at + 1]), [], true));
        if (smoke || args.Contains("--bare"))
            subjects.Add(new Subject("bare ASP.NET Core + Npgsql", typeof(BareApp).Assembly.Location, [BareApp.Mode], false));
        var adminKey = "bench_admin_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var work = Directory.CreateTempSubdirectory("sroi-startup-").FullName;
        var logFile = Path.Combine(work, "service.log");
        foreach (var subject in subjects)
            Console.WriteLine($"{subject.Label}: {(subject.IsService ? ServiceProcess.Describe(subject.Dll) : subject.Dll + " " + string.Join(' ', subject.Arguments))}");
        Console.WriteLine($"service log: {logFile}");

        // --keep-database DIR: the cluster (and the seeded ledger) stays in DIR; a later run seeds only what it lacks.
        await using var database = await ServiceDatabase.StartAsync(durable: !smoke, BenchOptions.KeptDatabase(args));
        Console.WriteLine($"database: {database.Description}");
        var environment = Options.ServiceEnvironment(args, database.Environment(adminKey));
        await WarmUpHttpClientAsync();

        // Each build's first start creates or checks its schema, the chain, the read tables and the seeds: not a restart.
        // The ledger is seeded after the first build's (which made the schema). Every other build starts on a copy of the
        // seeded ledger of its own, made just before its first start (which then prepares fully over it, as an upgrade
        // does): a restart skips the preparation only where the database's recorded schema is its own build's
        // (Database/PreparedSchema), and until session 41 two builds taking turns on one database each prepared it fully
        // at every start, so the turns measured full preparations, not restarts.
        var first = true;
        // Each build's database (null: the ledger's) and its configuration, made once; the bare app's are the ledger's.
        var placeOf = new Dictionary<Subject, (string? Database, IReadOnlyDictionary<string, string> Environment)>();
        foreach (var subject in subjects.Where(s => s.IsService))
        {
            placeOf[subject] = (null, environment);
            if (!first)
            {
                var copy = $"{Sroi.Ledger.LocalPostgres.LocalLedgerDatabase.DatabaseName}_{placeOf.Count - 1}";
                var copying = System.Diagnostics.Stopwatch.StartNew();
                await database.CopyLedgerAsync(copy);
                Console.WriteLine($"{subject.Label}: on a copy of the ledger of its own, database {copy} (copied in {copying.Elapsed.TotalSeconds:0.0} s)");
                placeOf[subject] = (copy, Options.ServiceEnvironment(args, database.Environment(adminKey, copy), quiet: true));
            }
            await using (var service = ServiceProcess.Start(subject.Dll, placeOf[subject].Environment, ServicePort(), logFile, subject.Arguments))
            {
                var (ok, _) = await service.WaitForFirstOkAsync(adminKey, TimeSpan.FromSeconds(600));
                var (stopped, exit) = await service.StopAsync();
                Console.WriteLine($"{subject.Label}, first start ({(first ? "empty database, applies the schema" : "prepares its schema over the seeded ledger")}; not counted): " +
                    $"first 200 after {ok.TotalMilliseconds:N0} ms; stopped in {stopped.TotalMilliseconds:N0} ms, exit code {exit}");
            }
            if (first && (ledgerEvents > 0 || scheduled > 0) && !await StartupLedger.IsSeededAsync(database.OwnerConnectionString, ledgerEvents, scheduled))
                await StartupLedger.SeedAsync(database.OwnerConnectionString, ledgerEvents, scheduled);
            first = false;
        }

        var loadBefore = Report.LoadAverage();
        var results = new List<Result>();
        for (var run = 1; run <= runs; run++)
            foreach (var subject in subjects)
            {
                // The bare app's database is the ledger's (it runs one query); each build's is its own (above).
                var (copy, configuration) = placeOf.GetValueOrDefault(subject, (null, environment));
                var owner = database.OwnerConnectionStringOf(copy);
                var updatesBefore = await EnvelopeUpdatesAsync(owner);
                var logFrom = File.Exists(logFile) ? new FileInfo(logFile).Length : 0;
                await using var service = ServiceProcess.Start(subject.Dll, configuration, ServicePort(), logFile, subject.Arguments);
                var (ok, polls) = await service.WaitForFirstOkAsync(adminKey, TimeSpan.FromSeconds(60));
                var rssAtOk = service.MemoryMiB("VmRSS");
                var cpuToOk = service.CpuTime();
                await Task.Delay(idle);
                var rssIdle = service.MemoryMiB("VmRSS");
                var peak = service.MemoryMiB("VmHWM");
                var (stopped, exit) = await service.StopAsync();
                var updates = await EnvelopeUpdatesAsync(owner) - updatesBefore;
                var listening = service.ListeningAt?.TotalMilliseconds;
                var firstLine = service.FirstLineAt?.TotalMilliseconds;
                var prepared = subject.IsService && PreparedFully(logFile, logFrom);
                results.Add(new Result(subject.Label, ok.TotalMilliseconds, firstLine, listening, rssAtOk, rssIdle, peak, cpuToOk.TotalSeconds, stopped.TotalMilliseconds, exit, updates, prepared));
                Console.WriteLine($"run {run}, {subject.Label}: first 200 after {ok.TotalMilliseconds,6:N0} ms ({polls} polls; first log line at " +
                    $"{(firstLine is { } f ? $"{f:N0} ms" : "?")}, Kestrel listening at {(listening is { } l ? $"{l:N0} ms" : "?")}; {cpuToOk.TotalSeconds:0.00} s CPU until then), resident {rssAtOk:N0} MiB at the first 200, " +
                    $"{rssIdle:N0} MiB after {idle.TotalSeconds:0} s idle (peak {peak:N0} MiB); SIGTERM → exit {exit} in {stopped.TotalMilliseconds:N0} ms; " +
                    $"{updates:N0} envelope rows updated meanwhile{(prepared ? "; NOT A RESTART: it prepared the schema fully" : "")}");
            }
        var loadAfter = Report.LoadAverage();

        Console.WriteLine();
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}; load average 1/5/15 min: {loadBefore} before run 1, {loadAfter} after run {runs}");
        var floor = subjects.FirstOrDefault(s => !s.IsService) is { } bare ? Median(results.Where(r => r.Subject == bare.Label).Select(r => r.FirstOkMs)) : (double?)null;
        foreach (var subject in subjects)
        {
            var mine = results.Where(r => r.Subject == subject.Label).ToList();
            var median = Median(mine.Select(r => r.FirstOkMs));
            Console.WriteLine($"{subject.Label}, median of {mine.Count}: first 200 after {median:N0} ms{(floor is { } b && subject.IsService ? $" ({median / b:0.00}x the bare app)" : "")}, " +
                $"range {mine.Min(r => r.FirstOkMs):N0}–{mine.Max(r => r.FirstOkMs):N0} ms; resident after {idle.TotalSeconds:0} s idle {Median(mine.Select(r => r.RssIdleMiB)):N0} MiB " +
                $"({mine.Min(r => r.RssIdleMiB):N0}–{mine.Max(r => r.RssIdleMiB):N0}); envelope rows updated per run {Median(mine.Select(r => (double)r.EnvelopeUpdates)):N0}" +
                (subject.IsService ? $"; starts that prepared the schema fully {mine.Count(r => r.PreparedFully)} of {mine.Count}" : ""));
        }
        // A start that never answered has thrown; a stop that did not exit 0 is an error.
        BenchSummary.Print("startup", results.Count, results.Count(r => r.Exit != 0));
    }

    /// <summary>
    /// Whether the start logged from <paramref name="from"/> on in the service log prepared the schema fully rather than
    /// finding it its own (the service logs one or the other before it listens): a measured start should be a restart.
    /// </summary>
    private static bool PreparedFully(string logFile, long from)
    {
        using var file = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        file.Seek(from, SeekOrigin.Begin);
        using var reader = new StreamReader(file);
        return !reader.ReadToEnd().Contains("nothing to prepare", StringComparison.Ordinal);
    }

    /// <summary>Rows of Wolverine's incoming envelopes (where scheduled messages wait) updated so far, by PostgreSQL's statistics.</summary>
    private static async Task<long> EnvelopeUpdatesAsync(string ownerConnectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            $"SELECT coalesce(sum(n_tup_upd), 0) FROM pg_stat_user_tables WHERE schemaname = '{MessageStorage.Schema}' AND relname = 'wolverine_incoming_envelopes'",
            connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
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
    /// <param name="quiet">Said once already (the same experiment for another database): not printed again.</param>
    public static IReadOnlyDictionary<string, string> ServiceEnvironment(string[] args, IReadOnlyDictionary<string, string> configuration, bool quiet = false)
    {
        var environment = new Dictionary<string, string>(configuration);
        for (var i = 0; i + 1 < args.Length; i++)
            if (args[i] == "--service-env" && args[i + 1].Split('=', 2) is [{ Length: > 0 } name, var value])
            {
                environment[name] = value;
                if (!quiet) Console.WriteLine($"experiment: the service runs with {name}={value}");
            }
        return environment;
    }
}
