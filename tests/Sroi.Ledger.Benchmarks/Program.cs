using System.Diagnostics;
using Sroi.Ledger.Benchmarks;
using Sroi.Ledger.EventStore;

// Event store vs raw Npgsql, in one run on one database. Usage:
//   dotnet run -c Release --project tests/Sroi.Ledger.Benchmarks [-- --appends 1500 --rounds 3 --reads 3000 --store-auto-prepare 0]
// The placement reports over 100,000 candidates and ~1,000,000 events: a separate mode, see Reports/ReportsBenchmark.cs.
if (args.Contains("--reports"))
{
    await Sroi.Ledger.Benchmarks.Reports.ReportsBenchmark.RunAsync(args);
    return;
}

var options = BenchOptions.Parse(args);
Console.WriteLine($"appends per writer per round: {options.Appends}, rounds: {options.Rounds}, reads: {options.Reads}" +
    (options.StoreAutoPrepare > 0 ? $", store pool with Max Auto Prepare={options.StoreAutoPrepare}" : ""));

await using var server = await BenchDatabase.StartAsync();
await using var dataSource = server.DataSource;
await using var storeDataSource = options.StoreAutoPrepare > 0
    ? LedgerDataSource.Create($"{server.ConnectionString};Max Auto Prepare={options.StoreAutoPrepare};Auto Prepare Min Usages=2")
    : null;
var store = new EventStore(storeDataSource ?? dataSource);
var raw = new RawNpgslAppender(dataSource, prepared: false);
var rawPrepared = new RawNpgslAppender(dataSource, prepared: true);

// The subjects: the issue's baseline (raw, unprepared), the event store, and raw with prepared statements.
(string Name, Func<string, long, Task> Append, Func<string, Task<int>> Read)[] subjects =
[
    (Report.Raw, (stream, version) => raw.AppendAsync(stream, version), raw.ReadAsync),
    (Report.Store, (stream, version) => store.AppendAsync(StoreAppend.Request(stream, version)),
        async stream => (await store.ReadStreamAsync(new StreamId(stream))).Count),
    (Report.RawPrepared, (stream, version) => rawPrepared.AppendAsync(stream, version), rawPrepared.ReadAsync),
];

var results = new List<Measurement>();
var total = Stopwatch.StartNew();
await Warmup();
// Rounds interleave the subjects and alternate their order (raw, store, prepared | prepared, store, raw | …), so
// none always meets the fuller tables, a checkpoint or a warmer cache first.
for (var round = 1; round <= options.Rounds; round++)
{
    var order = round % 2 == 1 ? subjects : subjects.Reverse().ToArray();
    foreach (var writers in new[] { 1, 8 })
        foreach (var subject in order)
            results.Add(await AppendsAsync(subject.Name, writers, round, subject.Append));
    foreach (var subject in order)
        results.Add(await ReadsAsync(subject.Name, round, subject.Read));
}
Report.Print(results, server.Description, total.Elapsed);
return;

// Both paths, on all eight pooled connections the 8-writer case uses: JIT, pool and each session's plan caches.
async Task Warmup()
{
    foreach (var subject in subjects)
    {
        var name = subject.Name.Replace(' ', '-');
        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++)
                await subject.Append($"warm-{name}-{writer}", i);
        })));
        for (var i = 0; i < 200; i++)
            await subject.Read($"warm-{name}-0");
    }
    // The warm-up's rows would otherwise set autovacuum off during round 1's first measurement.
    await using var vacuum = dataSource.CreateCommand("VACUUM ANALYZE");
    await vacuum.ExecuteNonQueryAsync();
    Console.WriteLine("warmed up");
}

async Task<Measurement> AppendsAsync(string subject, int writers, int round, Func<string, long, Task> append)
{
    var prefix = $"{subject.Replace(' ', '-')}-{writers}w-r{round}";
    var stopwatch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
    {
        var stream = $"{prefix}-{writer}";
        for (var version = 0; version < options.Appends; version++)
            await append(stream, version);
    })));
    stopwatch.Stop();
    return Progress(new Measurement($"append, {writers} writer{(writers > 1 ? "s" : "")}", subject, round, writers * options.Appends / stopwatch.Elapsed.TotalSeconds));
}

async Task<Measurement> ReadsAsync(string subject, int round, Func<string, Task<int>> read)
{
    var stream = $"read-{round}-{subject.Replace(' ', '-')}";
    for (var version = 0; version < 10; version++)
        await store.AppendAsync(StoreAppend.Request(stream, version));
    var stopwatch = Stopwatch.StartNew();
    for (var i = 0; i < options.Reads; i++)
        if (await read(stream) != 10) throw new InvalidOperationException("A 10-event stream did not read as 10 events.");
    stopwatch.Stop();
    return Progress(new Measurement("read a 10-event stream", subject, round, options.Reads / stopwatch.Elapsed.TotalSeconds));
}

Measurement Progress(Measurement m)
{
    Console.WriteLine($"round {m.Round}  {m.Case,-24} {m.Subject,-13} {m.PerSecond,8:N0}/s");
    return m;
}
