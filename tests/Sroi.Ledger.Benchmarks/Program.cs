using System.Diagnostics;
using Npgsql;
using Sroi.Ledger.Benchmarks;
using Sroi.Ledger.EventStore;
using Sroi.Ledger.LocalPostgres;

// Event store vs raw Npgsql, in one run on one database. Usage:
//   dotnet run -c Release --project tests/Sroi.Ledger.Benchmarks [-- --appends 1500 --rounds 3 --reads 3000]
var options = BenchOptions.Parse(args);
Console.WriteLine($"appends per writer per round: {options.Appends}, rounds: {options.Rounds}, reads: {options.Reads}");

await using var server = await BenchDatabase.StartAsync();
await using var dataSource = server.DataSource;
var store = new EventStore(dataSource);
var raw = new RawNpgslAppender(dataSource);

var results = new List<Measurement>();
await Warmup();
for (var round = 1; round <= options.Rounds; round++)
{
    foreach (var writers in new[] { 1, 8 })
    {
        results.Add(await AppendsAsync("raw Npgsql", writers, round, (stream, version) => raw.AppendAsync(stream, version)));
        results.Add(await AppendsAsync("event store", writers, round, (stream, version) => store.AppendAsync(StoreAppend.Request(stream, version))));
    }
    results.Add(await ReadsAsync("raw Npgsql", round, stream => raw.ReadAsync(stream)));
    results.Add(await ReadsAsync("event store", round, async stream => (await store.ReadStreamAsync(new StreamId(stream))).Count));
}
Report.Print(results, server.Description);
return;

async Task Warmup()
{
    for (var i = 0; i < 200; i++)
    {
        await raw.AppendAsync("warm-raw", i);
        await store.AppendAsync(StoreAppend.Request("warm-store", i));
    }
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
    return new Measurement($"append, {writers} writer{(writers > 1 ? "s" : "")}", subject, round, writers * options.Appends / stopwatch.Elapsed.TotalSeconds);
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
    return new Measurement("read a 10-event stream", subject, round, options.Reads / stopwatch.Elapsed.TotalSeconds);
}
