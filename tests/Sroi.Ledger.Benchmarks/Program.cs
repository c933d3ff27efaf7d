extern alias api;

using System.Diagnostics;
using api::Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Benchmarks;

// The ledger's event log (LedgerEvents on Marten) vs raw Npgsql, in one run on one database. Usage:
//   dotnet run -c Release --project tests/Sroi.Ledger.Benchmarks [-- --appends 1500 --rounds 3 --reads 3000 --slices 1 --store-auto-prepare 0]
// The modes: this one (appends and reads), --reports, --audit, --startup, --http, --signing, --commands [--trace], --lists, --import [--rows N], --contract-size. Each
// takes --smoke: a tiny size (seconds) whose figures mean nothing, run by CI (tests/Sroi.Ledger.Benchmarks.Tests) so that
// a change that breaks the harness fails there. Every mode ends with "summary: mode=… operations=N errors=N" (BenchSummary).
// The placement reports over 100,000 candidates and ~1,000,000 events: a separate mode, see Reports/ReportsBenchmark.cs.
// The service binary's start-up (--startup) and its HTTP path under load (--http): see Http/.
// The bare ASP.NET Core + Npgsql app that --startup starts as its floor (Http/BareApp.cs): first, before anything else loads.
if (args.Contains(Sroi.Ledger.Benchmarks.Http.BareApp.Mode))
{
    await Sroi.Ledger.Benchmarks.Http.BareApp.RunAsync(args);
    return;
}
// The reports mode's flag is also the contract-size mode's option (--reports N): that mode first.
if (args.Contains("--reports") && !args.Contains("--contract-size"))
{
    await Sroi.Ledger.Benchmarks.Reports.ReportsBenchmark.RunAsync(args);
    return;
}
// Rebuild, verification and CSV export over ~1,000,000 events, with the peak memory of each: Audit/AuditBenchmark.cs.
if (args.Contains("--audit"))
{
    await Sroi.Ledger.Benchmarks.Audit.AuditBenchmark.RunAsync(args);
    return;
}
// The real service binary as a separate process: production start-up and idle memory (--startup), HTTP under wrk (--http).
if (args.Contains("--startup"))
{
    await Sroi.Ledger.Benchmarks.Http.StartupBenchmark.RunAsync(args);
    return;
}
if (args.Contains("--http"))
{
    await Sroi.Ledger.Benchmarks.Http.HttpBenchmark.RunAsync(args);
    return;
}
// GET /contracts and GET /worklist at a municipality's size against their bare SQL (issue 23): Lists/ListsBenchmark.cs.
if (args.Contains("--lists"))
{
    await Sroi.Ledger.Benchmarks.Lists.ListsBenchmark.RunAsync(args);
    return;
}
// One key's flood of GET /worklist beside another key's balance reads, without and with the per-caller limits (issue 23):
// Fairness/FairnessBenchmark.cs.
if (args.Contains("--fairness"))
{
    await Sroi.Ledger.Benchmarks.Fairness.FairnessBenchmark.RunAsync(args);
    return;
}
// What signing every commit costs the append path, signing on and off in one run: Signing/SigningBenchmark.cs.
if (args.Contains("--signing"))
{
    await Sroi.Ledger.Benchmarks.Signing.SigningBenchmark.RunAsync(args);
    return;
}
// The full command path per command type (the endpoints' handlers, no HTTP) against raw Npgsql: Commands/CommandsBenchmark.cs.
if (args.Contains("--commands"))
{
    await Sroi.Ledger.Benchmarks.Commands.CommandsBenchmark.RunAsync(args);
    return;
}
// A contract's write cost by its size (issue 23): one contract, 2,100 reports, timed per window of 100: ContractSize/.
if (args.Contains("--contract-size"))
{
    await Sroi.Ledger.Benchmarks.ContractSize.ContractSizeBenchmark.RunAsync(args);
    return;
}
// A sheet of 10,000 rows through the import (issue 21), and again: Import/ImportBenchmark.cs.
if (args.Contains("--import"))
{
    await Sroi.Ledger.Benchmarks.Import.ImportBenchmark.RunAsync(args);
    return;
}

var options = BenchOptions.Parse(args);
Console.WriteLine($"appends per writer per round: {options.Appends}, rounds: {options.Rounds}, reads: {options.Reads}, slices: {options.Slices}" +
    (options.StoreAutoPrepare > 0 ? $", ledger pool with Max Auto Prepare={options.StoreAutoPrepare}" : ""));

await using var server = await BenchDatabase.StartAsync(durable: !BenchOptions.Smoke(args));
var dataSource = server.DataSource;
// The experiment: the ledger (Marten and its reads) on a pool of its own that auto-prepares; the baselines are unchanged.
await using var preparingDataSource = options.StoreAutoPrepare > 0
    ? LedgerDataSource.Create($"{server.ConnectionString};Max Auto Prepare={options.StoreAutoPrepare};Auto Prepare Min Usages=2")
    : null;
using var preparingMarten = preparingDataSource is null ? null
    : LedgerStoreOptions.CreateStore(preparingDataSource, new api::Sroi.Ledger.Api.Auditing.CommitSignatures.CommitSigner(() => server.Key));
var ledger = preparingDataSource is null ? server.Events : new LedgerEvents(preparingMarten!, preparingDataSource);
var raw = new RawNpgslAppender(dataSource, prepared: false);
var rawPrepared = new RawNpgslAppender(dataSource, prepared: true);

// The subjects: the issue's baseline (raw, unprepared), the ledger, and raw with prepared statements.
(string Name, Func<string, long, Task> Append, Func<string, Task<int>> Read)[] subjects =
[
    (Report.Raw, raw.AppendAsync, raw.ReadAsync),
    (Report.Ledger, (stream, version) => ledger.AppendAsync(BenchEvent.Append(stream, version)),
        async stream => (await ledger.ReadStreamAsync(BenchEvent.Tenant, new StreamId(stream))).Count),
    (Report.RawPrepared, rawPrepared.AppendAsync, rawPrepared.ReadAsync),
];

var results = new List<Measurement>();
var loadBefore = Report.LoadAverage();
var total = Stopwatch.StartNew();
await Warmup();
// Rounds interleave the subjects and alternate their order (raw, ledger, prepared | prepared, ledger, raw | …), so
// none always meets the fuller tables, a checkpoint or a warmer cache first. With --slices N each case of a round is
// cut into N slices that take turns the same way, so a burst of other work on a shared machine hits every subject.
for (var round = 1; round <= options.Rounds; round++)
{
    foreach (var writers in new[] { 1, 8 })
        results.AddRange(await AppendsAsync(writers, round));
    results.AddRange(await ReadsAsync(round));
}
total.Stop();
Report.Print(results, server.Description, total.Elapsed, loadBefore, Report.LoadAverage());
var errors = await Report.PrintStoredAsync(dataSource, server.Events) + await Report.PrintConflictProbeAsync(dataSource, server.Events);
// Per round: every subject's appends with 1 and 8 writers, and its reads.
BenchSummary.Print("appends", (long)options.Rounds * subjects.Length * ((1 + 8) * options.Appends + options.Reads), errors);
return;

// Every path, on all eight pooled connections the 8-writer case uses: JIT, pool, Marten's first use of its
// storage, each session's plan caches.
async Task Warmup()
{
    foreach (var subject in subjects)
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var stream = NewStream();
            for (var i = 0; i < options.WarmupAppends; i++)
                await subject.Append(stream, i);
        })));
        var read = NewStream();
        for (var i = 0; i < 10; i++)
            await subject.Append(read, i);
        for (var i = 0; i < 2 * options.WarmupAppends; i++)
            await subject.Read(read);
    }
    // The warm-up's rows would otherwise set autovacuum off during round 1's first measurement.
    await using var vacuum = dataSource.CreateCommand("VACUUM ANALYZE");
    await vacuum.ExecuteNonQueryAsync();
    Console.WriteLine("warmed up");
}

// The subjects in the order of one slice of one round.
IEnumerable<(int Index, string Name, Func<string, long, Task> Append, Func<string, Task<int>> Read)> Order(int round, int slice) =>
    (round + slice) % 2 == 1
        ? subjects.Select((s, i) => (i, s.Name, s.Append, s.Read))
        : subjects.Select((s, i) => (i, s.Name, s.Append, s.Read)).Reverse();

// Slice i of n of a count: the counts of all slices add up to it.
int SliceOf(int count, int slice) => count * (slice + 1) / options.Slices - count * slice / options.Slices;

// Each subject appends to fresh streams of its own (one per writer), slice after slice, timed slice by slice.
async Task<IEnumerable<Measurement>> AppendsAsync(int writers, int round)
{
    var streams = subjects.Select(_ => Enumerable.Range(0, writers).Select(_ => NewStream()).ToArray()).ToArray();
    var elapsed = new TimeSpan[subjects.Length];
    var version = 0;
    for (var slice = 0; slice < options.Slices; slice++)
    {
        var count = SliceOf(options.Appends, slice);
        foreach (var subject in Order(round, slice))
        {
            var stopwatch = Stopwatch.StartNew();
            await Task.WhenAll(streams[subject.Index].Select(stream => Task.Run(async () =>
            {
                for (var v = version; v < version + count; v++)
                    await subject.Append(stream, v);
            })));
            elapsed[subject.Index] += stopwatch.Elapsed;
        }
        version += count;
    }
    var name = $"append, {writers} writer{(writers > 1 ? "s" : "")}";
    return Order(round, 0).Select(s => Progress(new Measurement(name, s.Name, round, writers * options.Appends / elapsed[s.Index].TotalSeconds))).ToList();
}

// Each subject reads a 10-event stream it wrote itself: the baselines read their own table, the ledger mt_events.
async Task<IEnumerable<Measurement>> ReadsAsync(int round)
{
    var streams = new string[subjects.Length];
    foreach (var (index, _, append, _) in Order(round, 0))
    {
        streams[index] = NewStream();
        for (var version = 0; version < 10; version++)
            await append(streams[index], version);
    }
    var elapsed = new TimeSpan[subjects.Length];
    for (var slice = 0; slice < options.Slices; slice++)
    {
        var count = SliceOf(options.Reads, slice);
        foreach (var subject in Order(round, slice))
        {
            var stopwatch = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
                if (await subject.Read(streams[subject.Index]) != 10) throw new InvalidOperationException("A 10-event stream did not read as 10 events.");
            elapsed[subject.Index] += stopwatch.Elapsed;
        }
    }
    return Order(round, 0).Select(s => Progress(new Measurement("read a 10-event stream", s.Name, round, options.Reads / elapsed[s.Index].TotalSeconds))).ToList();
}

// A contract's stream, named as the service names it (contract-<uuid>): the keys both sides index are the same length.
static string NewStream() => $"contract-{Guid.NewGuid()}";

static Measurement Progress(Measurement m)
{
    Console.WriteLine($"round {m.Round}  {m.Case,-24} {m.Subject,-13} {m.PerSecond,8:N0}/s");
    return m;
}
