extern alias api;

using System.Diagnostics;
using System.Globalization;
using api::Sroi.Ledger.Api.Importing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sroi.Ledger.Benchmarks.Commands;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Benchmarks.Import;

/// <summary>
/// Issue 21's bar: "a 10,000-row sheet imports in under a minute on this machine". Workbooks (.xlsx, made here with
/// MiniExcel as a municipality's Excel would save them: typed date and number cells) of every kind the placements and
/// fulfilments need, imported through the service's own <see cref="Importer"/> (what the <c>import</c> command and the
/// admin endpoint run: the sheet read, every row through its endpoint's handler and the write path, in the service's
/// own host, <see cref="LedgerHost"/>) on the harness's durable cluster; then the two big sheets again (every row
/// already there). Against it, in the same run on the same database: the same number of events appended with raw
/// Npgsql (<see cref="RawNpgslAppender"/>, one transaction per event, one after another, as the import writes one row
/// after another) to the same shape of streams. Usage:
///   dotnet run -c Release --project tests/Sroi.Ledger.Benchmarks -- --import [--rows 10000] [--contracts N] [--lanes 4] [--smoke]
/// (<c>--lanes 1</c>: one row after another, as the import ran before it had lanes.)
/// (<c>--smoke</c>: 50 rows). The sheets, in the order a municipality moves in: <c>rows / 50</c> contracts (at least
/// one; <c>--contracts N</c> for another number), <c>rows</c> fulfilments (social procurement, 50 invoices per contract), <c>rows</c> candidates and <c>rows</c>
/// placements (one per candidate; every other one an SROI placement on a contract named by its kenmerk, which by then
/// has its 50 fulfilments).
/// </summary>
internal static class ImportBenchmark
{
    private static readonly MunicipalityCode Municipality = MunicipalityCode.Parse("GM0603");

    /// <summary>Fulfilment rows per contract: a contract's few years of invoices, so its stream grows as a real one does.</summary>
    private const int RowsPerContract = 50;

    /// <summary>The issue's bar for a sheet of 10,000 rows.</summary>
    private const double BarSecondsPer10000 = 60;

    private sealed record Phase(string Name, ImportKind Kind, byte[] Workbook, bool Again, int RawStreams);

    private sealed record Measured(Phase Phase, ImportResult Result, TimeSpan Import, long Events, TimeSpan Raw);

    public static async Task RunAsync(string[] args)
    {
        var smoke = BenchOptions.Smoke(args);
        var rows = BenchOptions.Positive(args, "--rows", smoke ? 50 : 10_000);
        // --contracts: a contracts sheet of its own size (a municipality moving in years of contracts), the fulfilments then
        // spread over them.
        var contracts = BenchOptions.Positive(args, "--contracts", Math.Max(1, rows / RowsPerContract));
        var lanes = BenchOptions.Positive(args, "--lanes", Importer.Lanes);
        var loadBefore = Report.LoadAverage();
        Console.WriteLine($"import: {rows:N0} rows per big sheet ({contracts:N0} contracts), {lanes} lane(s), load average {loadBefore}");

        var run = ImportWorkbooks.Run();
        var made = Stopwatch.StartNew();
        var sheets = new ImportWorkbooks(run, rows, contracts);
        Phase[] phases =
        [
            new("contracts", ImportKind.Contracts, sheets.Contracts(), Again: false, RawStreams: contracts),
            new("fulfilments", ImportKind.Fulfilments, sheets.Fulfilments(), Again: false, RawStreams: contracts),
            new("candidates", ImportKind.Candidates, sheets.Candidates(), Again: false, RawStreams: rows),
            new("placements", ImportKind.Placements, sheets.Placements(), Again: false, RawStreams: rows),
        ];
        phases = [.. phases, .. phases.Where(p => p.Kind is ImportKind.Placements or ImportKind.Fulfilments).Select(p => p with { Name = p.Name + " again", Again = true })];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"workbooks made in {made.Elapsed.TotalSeconds:0.0} s: {string.Join(", ", phases.Where(p => !p.Again).Select(p => $"{p.Name} {p.Workbook.Length / 1024.0:N0} KiB"))}"));

        await using var server = await BenchDatabase.StartAsync(durable: !smoke);
        Console.WriteLine(server.Description);
        await using var host = new LedgerHost(server.ConnectionString, new SaveCounter(), server.KeyFile);
        var importer = host.Services.GetRequiredService<Importer>();
        var raw = new RawNpgslAppender(server.DataSource, prepared: false);
        // The service's start, JIT and first use of every path: a sheet of a few rows of every kind, untimed, on its own
        // contracts and candidates (another run's letters), and the baseline's few appends.
        await WarmUpAsync(importer, raw);

        var results = new List<Measured>();
        long operations = 0, errors = 0;
        // The baseline's streams: its own, of the same shape (a candidate's stream per candidate, a contract's per contract).
        var rawStreams = new Dictionary<ImportKind, (string[] Streams, long[] Versions)>();
        foreach (var phase in phases)
        {
            var eventsBefore = await CountEventsAsync(server.DataSource);
            var clock = Stopwatch.StartNew();
            var result = await importer.RunAsync(new ImportRequest(phase.Kind, $"bench-{phase.Name.Replace(' ', '-')}.xlsx",
                new MemoryStream(phase.Workbook), Municipality, DryRun: false, lanes),
                read => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {phase.Name}: {read:N0} rows ({clock.Elapsed.TotalSeconds:0.0} s)")),
                CancellationToken.None);
            clock.Stop();
            var events = await CountEventsAsync(server.DataSource) - eventsBefore;

            // The same number of events, raw, one after another: candidates and placements on one stream per
            // candidate (placements appending to the candidates'), fulfilments on one per contract.
            var rawTime = TimeSpan.Zero;
            if (events > 0)
            {
                var target = phase.Kind is ImportKind.Placements ? ImportKind.Candidates : phase.Kind;
                if (!rawStreams.TryGetValue(target, out var streams))
                    rawStreams[target] = streams = (Enumerable.Range(0, phase.RawStreams).Select(_ => $"{(target == ImportKind.Candidates ? "candidate" : "contract")}-{Guid.NewGuid()}").ToArray(),
                        new long[phase.RawStreams]);
                var rawClock = Stopwatch.StartNew();
                for (var i = 0; i < events; i++)
                {
                    var s = i % streams.Streams.Length;
                    await raw.AppendAsync(streams.Streams[s], streams.Versions[s]++);
                }
                rawTime = rawClock.Elapsed;
            }

            var item = new Measured(phase, result, clock.Elapsed, events, rawTime);
            results.Add(item);
            Console.WriteLine(Line(item));
            operations += result.Read;
            var expected = phase.Again ? 0 : result.Read;
            errors += result.Refused + Math.Abs(result.Written - expected) + (phase.Again ? result.Read - result.AlreadyThere + events : 0);
            foreach (var error in result.Errors.Take(5)) Console.WriteLine($"  refused row {error.Row}: {error.Field}: {error.ApiMessage} {error.Error}");
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"sheet",-20} {"rows",7} {"events",7} {"import s",9} {"rows/s",8} {"raw s",7} {"raw ev/s",9} {"×raw",6}  per 10,000 rows"));
        foreach (var r in results) Console.WriteLine(Row(r));
        foreach (var big in results.Where(r => r.Phase.Kind != ImportKind.Contracts))
        {
            var per10000 = big.Import.TotalSeconds * 10_000 / Math.Max(1, big.Result.Read);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bar: {big.Phase.Name,-20} {per10000,6:0.0} s per 10,000 rows: {(per10000 < BarSecondsPer10000 ? "under" : "OVER")} a minute"));
        }
        Console.WriteLine($"{server.Description}; load average before {loadBefore}, after {Report.LoadAverage()}");
        errors += await VerifyAsync(host);
        BenchSummary.Print("import", operations, errors);
    }

    private static string Line(Measured m) => string.Create(CultureInfo.InvariantCulture,
        $"{m.Phase.Name,-20} {m.Import.TotalSeconds,7:0.0} s  {m.Result.Read / m.Import.TotalSeconds,7:0} rows/s  {m.Result.Summary()}; " +
        $"raw {m.Events:N0} events {m.Raw.TotalSeconds:0.0} s");

    private static string Row(Measured m)
    {
        var rawPerSecond = m.Raw > TimeSpan.Zero ? m.Events / m.Raw.TotalSeconds : double.NaN;
        var ratio = m.Raw > TimeSpan.Zero ? m.Import / m.Raw : double.NaN;
        var per10000 = m.Import.TotalSeconds * 10_000 / Math.Max(1, m.Result.Read);
        return string.Create(CultureInfo.InvariantCulture,
            $"{m.Phase.Name,-20} {m.Result.Read,7:N0} {m.Events,7:N0} {m.Import.TotalSeconds,9:0.0} {m.Result.Read / m.Import.TotalSeconds,8:0} " +
            $"{m.Raw.TotalSeconds,7:0.0} {rawPerSecond,9:0} {ratio,6:0.0}  {per10000:0.0} s");
    }

    private static async Task WarmUpAsync(Importer importer, RawNpgslAppender raw)
    {
        var warm = new ImportWorkbooks(ImportWorkbooks.Run(), rows: 3, contracts: 1);
        foreach (var (kind, sheet) in new[] { (ImportKind.Contracts, warm.Contracts()), (ImportKind.Candidates, warm.Candidates()),
                     (ImportKind.Placements, warm.Placements()), (ImportKind.Fulfilments, warm.Fulfilments()) })
        {
            var result = await importer.RunAsync(new ImportRequest(kind, "warm-up.xlsx", new MemoryStream(sheet), Municipality, DryRun: false), null, CancellationToken.None);
            if (result.Refused > 0)
                throw new InvalidOperationException($"The warm-up's {kind} sheet was refused: {string.Join("; ", result.Errors.Select(e => $"row {e.Row} {e.Field}: {e.ApiMessage}"))}");
        }
        var stream = $"candidate-{Guid.NewGuid()}";
        for (var v = 0; v < 5; v++) await raw.AppendAsync(stream, v);
        Console.WriteLine("warmed up");
    }

    private static async Task<long> CountEventsAsync(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand("SELECT count(*) FROM mt_events");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The ledger the import wrote verifies (the hash chain, the signed commits): 0 errors, or 1.</summary>
    private static async Task<long> VerifyAsync(LedgerHost host)
    {
        var verifier = host.Services.GetRequiredService<api::Sroi.Ledger.Api.Auditing.Verification.LedgerVerifier>();
        var report = await verifier.VerifyAsync(null, CancellationToken.None);
        Console.WriteLine($"ledger verified: {(report.Ok ? "ok" : $"BROKEN, {report.Discrepancies[0]}")}, {report.Events:N0} events");
        return report.Ok ? 0 : 1;
    }
}
