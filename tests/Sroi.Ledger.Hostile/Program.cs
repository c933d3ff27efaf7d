using System.Security.Cryptography;
using Sroi.Ledger.Benchmarks.Http;
using Sroi.Ledger.Hostile;
using Sroi.Ledger.LocalPostgres;

// The hostile run (docs/reliability.md, "Hostile run"): bounded, counted categories of hostile requests at a service on
// loopback, and a markdown table of what got through. Usage:
//   dotnet run -c Release --project tests/Sroi.Ledger.Hostile [-- --markdown FILE] [--details FILE] [--label TEXT] [--max-seconds 240]
//       [--api-dll PATH]                                   the service binary to start (default: this checkout's Release build)
//       [--service-env NAME=VALUE ...]                     more settings for the service it starts
//       [--base-url http://127.0.0.1:5080/ --connection-string CS --admin-key KEY]   attack a running service instead
// Exit code: 0 when every "must be 0" figure is 0, 1 when one is not, 2 when the run itself failed.
try
{
    return await RunAsync(args);
}
catch (Exception ex)
{
    Console.Error.WriteLine($"hostile run failed: {ex}");
    return 2;
}

static async Task<int> RunAsync(string[] args)
{
    string? Option(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    var budget = TimeSpan.FromSeconds(int.TryParse(Option("--max-seconds"), out var seconds) && seconds > 0 ? seconds : 240);
    var label = Option("--label") ?? "hostile run";
    var notes = new List<string>();

    ServiceDatabase? database = null;
    ServiceProcess? service = null;
    Target? target = null;
    // One finally for all three: a service that does not start must not leave its cluster (or itself) running.
    try
    {
        if (Option("--base-url") is { } baseUrl)
        {
            var connection = Option("--connection-string") ?? throw new ArgumentException("--base-url needs --connection-string (to count mt_events).");
            var admin = Option("--admin-key") ?? throw new ArgumentException("--base-url needs --admin-key (to issue the run's keys).");
            target = new Target(new Uri(baseUrl), connection, admin, budget);
            notes.Add($"service: {baseUrl} (given; another writer during the run would be counted with the run's requests)");
        }
        else
        {
            var dll = ServiceProcess.FindApiDll(args);
            var adminKey = "hostile_admin_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var work = Directory.CreateTempSubdirectory("sroi-hostile-").FullName;
            var log = Path.Combine(work, "service.log");
            Console.Error.WriteLine($"service binary: {ServiceProcess.Describe(dll)}; its log: {log}");
            database = await ServiceDatabase.StartAsync();
            var environment = new Dictionary<string, string>(database.Environment(adminKey))
            {
                // The seeded webhook subscription points at the discard port on loopback; nothing leaves the machine.
                ["SROI_WEBHOOK_PRIVATE_NETWORKS"] = "allow",
                // Whatever local state the service keeps (keys, key rings) goes to the run's folder, not the binary's.
                ["SROI_LOCAL_DATA"] = Path.Combine(work, "local"),
            };
            // More settings for a later service (a setting it cannot start without): --service-env NAME=VALUE, repeatable.
            for (var i = 0; i + 1 < args.Length; i++)
                if (args[i] == "--service-env" && args[i + 1].Split('=', 2) is [var name, var value])
                    environment[name] = value;
            service = ServiceProcess.Start(dll, environment, LocalPostgresCluster.FreePort(), log);
            await service.WaitForFirstOkAsync(adminKey, TimeSpan.FromSeconds(120));
            target = new Target(service.BaseAddress, database.OwnerConnectionString, adminKey, budget);
            notes.Add($"service: {Path.GetFileName(dll)} built {File.GetLastWriteTimeUtc(dll):yyyy-MM-dd HH:mm} UTC, started by the run in Production " +
                $"on {service.BaseAddress} over a throw-away cluster (the service as its own login role), rate limit off");
        }

        var api = OpenApi.From(await target.GetDocumentAsync("/api/v1/openapi.json"));
        var world = await World.SeedAsync(target);
        var results = new Results();
        var categories = new (string Name, Func<Task> Run)[]
        {
            (Malformed.Category, () => Malformed.RunAsync(target, world, api, results, notes)),
            (BsnDodges.Category, () => BsnDodges.RunAsync(target, world, results, notes)),
            (AccessProbes.Category, () => AccessProbes.RunAsync(target, world, api, results)),
        };
        foreach (var (name, run) in categories)
        {
            var before = await target.EventCountAsync();
            var started = target.Elapsed;
            await run();
            var after = await target.EventCountAsync();
            notes.Add($"{name}: mt_events {before} → {after} in {(target.Elapsed - started).TotalSeconds:0} s");
            Console.Error.WriteLine($"{name}: done, {target.Sent} requests so far, {target.Elapsed.TotalSeconds:0} s");
        }
        notes.Add($"{target.Sent} requests in {target.Elapsed.TotalSeconds:0} s, one at a time" +
            (target.OutOfTime ? $"; CUT SHORT at the {budget.TotalSeconds:0} s budget (--max-seconds): the counts are partial" : ""));
        if (service is not null)
        {
            var errors = service.Entries().Where(e => e.Key.StartsWith("fail", StringComparison.Ordinal) || e.Key.StartsWith("crit", StringComparison.Ordinal));
            notes.Add("service log, error entries: " + (errors.Any() ? string.Join(", ", errors.Select(e => $"{e.Key} ×{e.Value}")) : "none"));
        }

        var markdown = results.Markdown(label, notes);
        Console.WriteLine(markdown);
        if (Option("--markdown") is { } file)
            await File.WriteAllTextAsync(file, markdown);
        if (Option("--details") is { } details)
            await File.WriteAllTextAsync(details, results.Details());
        return results.Rows.Any(r => r.Bad > 0 || r.ServerErrors > 0 || r.EventsByRefused > 0 || r.Reached > 0) ? 1 : 0;
    }
    finally
    {
        if (target is not null) await target.DisposeAsync();
        if (service is not null) await service.DisposeAsync();
        if (database is not null) await database.DisposeAsync();
    }
}
