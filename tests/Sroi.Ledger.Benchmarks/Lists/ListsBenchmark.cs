extern alias api;

using System.Diagnostics;
using System.Globalization;
using api::Sroi.Ledger.Api.Auth;
using api::Sroi.Ledger.Api.Contracts.ReadingContracts;
using api::Sroi.Ledger.Api.HttpConventions;
using api::Sroi.Ledger.Api.Policies;
using api::Sroi.Ledger.Api.Time;
using api::Sroi.Ledger.Api.Worklist;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;
using Sroi.Ledger.Benchmarks.Commands;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Benchmarks.Lists;

/// <summary>
/// <c>GET /contracts</c> and <c>GET /worklist</c> (issue 23) at a municipality's size, each against its bare SQL in the same
/// run on the same database. Usage:
///   dotnet run -c Release --project tests/Sroi.Ledger.Benchmarks -- --lists [--contracts 1000] [--seconds 4] [--smoke]
/// The contracts are registered through the service's own command path (<see cref="LedgerCommands"/>, on its own host), one
/// in four with a report awaiting review; all end before today, so every one of them is on the worklist (its worst case).
/// Each case runs with 1 and with 8 connections for <c>--seconds</c>, the endpoint and its SQL in turns (endpoint, SQL |
/// SQL, endpoint), and reports p50 and p99 per request. The endpoint is its handler method called as ASP.NET calls it, its
/// typed result executed into a response (JSON included); the bare SQL is the same statements read raw: the list's page of
/// keys and documents and its bounded count; the worklist's <see cref="WorklistQuery"/> command, prepared on its connection as
/// the endpoint sends a WSP's first page (its unprepared text is timed too). For comparison the list's
/// SQL as it was before (<c>count(*) OVER ()</c>) is timed too. <c>--smoke</c>: 40 contracts, 0.2 s per case. With
/// SROI_BENCH_DATABASE only the contracts it still lacks are seeded: a second run measures the same contracts again.
/// </summary>
internal static class ListsBenchmark
{
    private static readonly MunicipalityCode Municipality = MunicipalityCode.Rijswijk;
    private static readonly Caller Inkoop = new("bench-inkoop", Role.Inkoop, Municipality, null);
    private static readonly Caller Wsp = new("bench-wsp", Role.Wsp, Municipality, null);

    private sealed record Case(string Name, Func<Task<bool>> Run);

    public static async Task RunAsync(string[] args)
    {
        double Value(string name, double fallback) =>
            Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length
            && double.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;
        var smoke = BenchOptions.Smoke(args);
        var contracts = (int)Value("--contracts", smoke ? 40 : 1000);
        var seconds = Value("--seconds", smoke ? 0.2 : 4);
        int[] connections = smoke ? [1, 2] : [1, 8];
        Console.WriteLine($"lists: {contracts} contracts in {Municipality}, {seconds:0.##} s per case and connection count");

        await using var server = await BenchDatabase.StartAsync(durable: !smoke);
        var saves = new SaveCounter();
        await using var host = new LedgerHost(server.ConnectionString, saves);
        var ledger = new LedgerCommands(host.Services, saves);
        var seeding = Stopwatch.StartNew();
        // Only the contracts still missing: a SROI_BENCH_DATABASE seeded by an earlier run is measured again as it is, so
        // a change to the reads is timed before and after on the same 10,000 contracts without minutes of seeding each time.
        long present;
        await using (var count = server.DataSource.CreateCommand("SELECT count(*) FROM mt_doc_contract WHERE tenant_id = $1"))
        {
            count.Parameters.Add(new NpgsqlParameter { Value = Municipality.Value });
            present = (long)(await count.ExecuteScalarAsync())!;
        }
        if (present > 0) Console.WriteLine($"{present} contracts already in the database");
        await SeedAsync(ledger, contracts - (int)Math.Min(present, contracts));
        await using (var analyze = server.DataSource.CreateCommand("VACUUM ANALYZE mt_doc_contract")) await analyze.ExecuteNonQueryAsync();
        Console.WriteLine($"seeded up to {contracts} contracts in {seeding.Elapsed.TotalSeconds:0.0} s");

        var services = host.Services;
        var db = services.GetRequiredService<NpgsqlDataSource>();
        var store = services.GetRequiredService<IDocumentStore>();
        var clock = services.GetRequiredService<IClock>();
        // The worklist's SQL exactly as the endpoint sends it for a WSP: with the regional contracts its municipality takes
        // part in (issue 21), so every municipality's policy in scope. Before, the bare SQL here left those out and so timed
        // a narrower statement than the endpoint's.
        var takingPart = api::Sroi.Ledger.Api.Contracts.ContractParticipants.ReadsParticipations(Wsp);
        var policies = await api::Sroi.Ledger.Api.EventLog.MunicipalityDocuments.OneOrAllAsync<SroiPolicyDocument>(
            store, takingPart ? null : Municipality, PolicyEvents.StreamOf, default);
        var withTakingPart = new WorklistQuery(BusinessCalendar.Today(clock), Municipality, null, 1, 20, [.. policies.Select(p => p.History)])
        {
            TakingPart = takingPart,
        };
        // As the endpoint sends it: without the taking-part arm when the municipality takes part in no regional contract
        // (the harness's Rijswijk leads all of its own; session 38). The statement with the arm is timed below too.
        WorklistQuery worklistQuery;
        await using (var connection = await db.OpenConnectionAsync()) worklistQuery = await withTakingPart.WithoutIdleArmsAsync(connection, default);
        Console.WriteLine($"worklist: the taking-part arm {(worklistQuery.TakingPart ? "sent" : "left out")}");

        var cases = new (Case Endpoint, Case Sql)[]
        {
            (new("GET /contracts", () => ExecuteAsync(services, Inkoop, async user =>
                    (await ContractQueries.ListAsync(new ContractListQuery(), user, db, store, clock, default)).Result)),
             new("list SQL (page + bounded count)", () => ListSqlAsync(db, withWindowCount: false))),
            (new("GET /worklist", () => ExecuteAsync(services, Wsp, async user =>
                    (await WorklistEndpoint.GetAsync(new MunicipalityQuery(), new ListPageQuery(), new WorklistKindQuery(), user, db, store, clock, default)).Result)),
             new("worklist SQL", () => PreparedAsync(db, worklistQuery))),
        };
        // The statements the two replaced, timed in the same run: the list's window count, and the worklist's scan of every
        // contract of the municipality (issue 23; an admin's list of every municipality still sends it).
        Case[] befores =
        [
            new("list SQL before (count(*) OVER ())", () => ListSqlAsync(db, withWindowCount: true)),
            new("worklist SQL before (every contract read)", () => ReadAllAsync(worklistQuery.ScanCommandOn(db))),
            // The arms as sent before they were prepared (session 36): parsed, analysed and planned at every call.
            new("worklist SQL unprepared (arms)", () => ReadAllAsync(worklistQuery.CommandOn(db))),
            // The taking-part arm sent whatever the municipality (before session 38), prepared as the endpoint sends it.
            new("worklist SQL with the taking-part arm", () => PreparedAsync(db, withTakingPart)),
        ];

        // The worklist's statements before and after issue 23's arms, as PostgreSQL runs them on this data: buffers and rows
        // do not depend on the machine's load, unlike the timings below.
        await ExplainAsync(db, "worklist SQL (arms)", worklistQuery.CommandOn(db));
        await ExplainAsync(db, "worklist SQL before (every contract read)", worklistQuery.ScanCommandOn(db));

        // CPU per request, the harness's (the endpoint's own work, or Npgsql's for the bare SQL) and PostgreSQL's: unlike the
        // latencies it hardly depends on what else the machine runs. PostgreSQL's is read from /proc (a cluster on this
        // machine: the harness's own, or SROI_BENCH_DATABASE's when its data directory is readable here).
        var cpuClock = new CpuClock(server.DataDirectory ?? await DataDirectoryAsync(db));
        var loadBefore = Report.LoadAverage();
        long operations = 0, errors = 0;
        Console.WriteLine();
        Console.WriteLine("| case | connections | requests | p50 ms | p99 ms | p50 / SQL's | CPU ms / request: harness | PostgreSQL |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (endpoint, sql) in cases)
        {
            foreach (var n in connections)
            {
                await MeasureAsync(endpoint, n, 0.05, cpuClock); await MeasureAsync(sql, n, 0.05, cpuClock); // warm
                var first = await MeasureAsync(endpoint, n, seconds / 2, cpuClock);
                var bare = await MeasureAsync(sql, n, seconds / 2, cpuClock);
                var second = await MeasureAsync(endpoint, n, seconds / 2, cpuClock);
                var bare2 = await MeasureAsync(sql, n, seconds / 2, cpuClock);
                var e = first + second;
                var s = bare + bare2;
                Row(endpoint.Name, n, e, P(s.Latencies, 50));
                Row(sql.Name, n, s, P(s.Latencies, 50));
                operations += e.Latencies.Count + s.Latencies.Count;
                errors += e.Latencies.Count(x => x < 0) + s.Latencies.Count(x => x < 0);
            }
        }
        foreach (var before in befores)
            foreach (var n in connections)
            {
                var old = await MeasureAsync(before, n, seconds / 2, cpuClock);
                Row(before.Name, n, old, null);
                operations += old.Latencies.Count;
                errors += old.Latencies.Count(x => x < 0);
            }
        Console.WriteLine();
        Console.WriteLine($"load average before: {loadBefore}, after: {Report.LoadAverage()}; database: {server.Description}");
        BenchSummary.Print("lists", operations, errors);
    }

    /// <summary>One in four contracts gets a report awaiting review: an item of its own on the worklist.</summary>
    private static async Task SeedAsync(LedgerCommands ledger, int contracts)
    {
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var i && i <= contracts)
            {
                var registered = await ledger.RunAsync(CommandKind.RegisterContract, null, 0);
                if (registered.Status != 201) throw new InvalidOperationException($"seeding: {registered.Status} {registered.Text}");
                if (i % 4 != 0) continue;
                using var json = System.Text.Json.JsonDocument.Parse(registered.Response!.ToArray());
                var report = await ledger.RunAsync(CommandKind.ReportFulfilment, new Target(Contract: json.RootElement.GetProperty("id").GetGuid()), 0);
                if (report.Status != 201) throw new InvalidOperationException($"seeding: {report.Status} {report.Text}");
            }
        }));
    }

    private static void Row(string name, int connections, Measured measured, double? sqlP50)
    {
        var ok = measured.Latencies.Where(x => x >= 0).ToList();
        var ratio = sqlP50 is { } s && s > 0 ? (P(ok, 50) / s).ToString("0.00", CultureInfo.InvariantCulture) + "×" : "";
        var requests = Math.Max(1, measured.Latencies.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {connections} | {ok.Count} | {P(ok, 50):0.00} | {P(ok, 99):0.00} | {ratio} | " +
            $"{measured.Client.TotalMilliseconds / requests:0.00} | {measured.Server.TotalMilliseconds / requests:0.00} |"));
    }

    /// <summary>A case's latencies in ms (an error is -1) and the CPU the harness and PostgreSQL spent meanwhile.</summary>
    private sealed record Measured(List<double> Latencies, TimeSpan Client, TimeSpan Server)
    {
        public static Measured operator +(Measured a, Measured b) => new([.. a.Latencies, .. b.Latencies], a.Client + b.Client, a.Server + b.Server);
    }

    /// <summary>The server's data directory, when it is on this machine (else null: no server CPU is read).</summary>
    private static async Task<string?> DataDirectoryAsync(NpgsqlDataSource db)
    {
        try
        {
            await using var show = db.CreateCommand("SHOW data_directory");
            return await show.ExecuteScalarAsync() is string directory && Directory.Exists(directory) ? directory : null;
        }
        catch (PostgresException) { return null; } // not allowed to read it: a role without pg_read_all_settings
    }

    private static double P(List<double> values, int percentile)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Where(x => x >= 0).Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }

    /// <summary>Latencies in ms of the requests <paramref name="connections"/> loops made in the time; an error is -1.</summary>
    private static async Task<Measured> MeasureAsync(Case subject, int connections, double seconds, CpuClock clock)
    {
        var cpu = clock.Now();
        var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var all = await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            var mine = new List<double>();
            do
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await subject.Run();
                mine.Add(ok ? Stopwatch.GetElapsedTime(started).TotalMilliseconds : -1);
            } while (Stopwatch.GetTimestamp() < until);
            return mine;
        }));
        var (client, server) = CpuClock.Between(cpu, clock.Now());
        return new([.. all.SelectMany(x => x)], client, server);
    }

    private static async Task<bool> ExecuteAsync(IServiceProvider services, Caller caller, Func<System.Security.Claims.ClaimsPrincipal, Task<IResult>> handler)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        http.Response.Body = new MemoryStream();
        http.User = caller.ToPrincipal();
        await (await handler(http.User)).ExecuteAsync(http);
        return http.Response.StatusCode == 200 && http.Response.Body.Length > 0;
    }

    // The list's SQL as ContractQueries sends it for the default page (newest award first, 20) in one municipality.
    private static readonly string Order = ContractSortQuery.Default;

    private static async Task<bool> ListSqlAsync(NpgsqlDataSource db, bool withWindowCount)
    {
        var page = withWindowCount
            ? $"SELECT data #- '{{state,fulfilments}}', total FROM (SELECT tenant_id, id, count(*) OVER () AS total FROM mt_doc_contract " +
              $"WHERE true AND tenant_id = $1 ORDER BY {Order} LIMIT 20 OFFSET 0) AS page JOIN mt_doc_contract USING (tenant_id, id) ORDER BY {Order}"
            : $"SELECT data #- '{{state,fulfilments}}' FROM (SELECT tenant_id, id FROM mt_doc_contract " +
              $"WHERE true AND tenant_id = $1 ORDER BY {Order} LIMIT 20 OFFSET 0) AS page JOIN mt_doc_contract USING (tenant_id, id) ORDER BY {Order}";
        var command = db.CreateCommand(page);
        command.Parameters.Add(new NpgsqlParameter { Value = Municipality.Value });
        if (!await ReadAllAsync(command)) return false;
        if (withWindowCount) return true;
        await using var connection = await db.OpenConnectionAsync();
        var (total, _) = await ContractCount.CountAsync(connection, "true AND tenant_id = $1", [Municipality.Value], 20, default);
        return total > 0;
    }

    // The worklist's statement as the endpoint sends a WSP's first page: prepared on its pooled connection (WorklistQuery.Prepared).
    private static async Task<bool> PreparedAsync(NpgsqlDataSource db, WorklistQuery query)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await ReadAllAsync(await query.PreparedOnAsync(connection, default));
    }

    /// <summary>EXPLAIN (ANALYZE, BUFFERS) of a statement with its parameters, printed whole (after a first run to warm the cache).</summary>
    private static async Task ExplainAsync(NpgsqlDataSource db, string name, NpgsqlCommand statement)
    {
        await using (statement)
        {
            await ReadAllAsync(Copy(statement, ""));
            await using var explain = Copy(statement, "EXPLAIN (ANALYZE, BUFFERS) ");
            await using var reader = await explain.ExecuteReaderAsync();
            Console.WriteLine();
            Console.WriteLine($"EXPLAIN (ANALYZE, BUFFERS) {name}:");
            while (await reader.ReadAsync()) Console.WriteLine("    " + reader.GetString(0));
        }

        NpgsqlCommand Copy(NpgsqlCommand command, string prefix)
        {
            var copy = db.CreateCommand(prefix + command.CommandText);
            foreach (NpgsqlParameter parameter in command.Parameters) copy.Parameters.Add(new NpgsqlParameter { Value = parameter.Value });
            return copy;
        }
    }

    private static async Task<bool> ReadAllAsync(NpgsqlCommand command)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync();
            var rows = 0;
            while (await reader.ReadAsync())
            {
                rows++;
                for (var i = 0; i < reader.FieldCount; i++)
                    if (!reader.IsDBNull(i)) _ = reader.GetValue(i);
            }
            return rows > 0;
        }
    }
}
