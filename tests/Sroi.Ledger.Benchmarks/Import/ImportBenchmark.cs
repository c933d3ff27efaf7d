extern alias api;

using System.Diagnostics;
using System.Globalization;
using System.Text;
using api::Sroi.Ledger.Api.Importing;
using Sroi.Ledger.Domain.Shared;
using Microsoft.Extensions.DependencyInjection;
using Sroi.Ledger.Benchmarks.Commands;

namespace Sroi.Ledger.Benchmarks.Import;

/// <summary>
/// Issue 21: a sheet of N rows imported through the service's own importer (the endpoints' handlers and the write path,
/// in the service's host, <see cref="LedgerHost"/>), then imported again (every row already there). The issue's bar: a
/// 10,000-row sheet in under a minute on this machine. Usage:
///   dotnet run -c Release --project tests/Sroi.Ledger.Benchmarks -- --import [--rows 10000] [--smoke]
/// (<c>--smoke</c>: 50 rows). The sheet is a candidates CSV (one new stream per row) followed by a placements CSV (an
/// append to each of those streams), each once and again; a line per phase with rows per second.
/// </summary>
internal static class ImportBenchmark
{
    private static readonly MunicipalityCode Municipality = MunicipalityCode.Parse("GM0603");

    public static async Task RunAsync(string[] args)
    {
        var smoke = BenchOptions.Smoke(args);
        var at = Array.IndexOf(args, "--rows");
        var rows = at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : smoke ? 50 : 10_000;
        Console.WriteLine($"import: {rows:N0} rows per sheet, load average {File.ReadAllText("/proc/loadavg").Trim()}");

        await using var server = await BenchDatabase.StartAsync(durable: !smoke);
        await using var host = new LedgerHost(server.ConnectionString, new SaveCounter());
        var importer = host.Services.GetRequiredService<Importer>();
        var run = Guid.NewGuid().ToString("N")[..6].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))).ToArray();
        var numbers = Enumerable.Range(0, rows).Select(i => $"B-{new string(run)}-{Letters(i)}").ToList();

        var candidates = Sheet("Kandidaatnummer;Registratiedatum;Trede;Doelgroep;Uitkering sinds",
            numbers.Select(n => $"{n};06-01-2020;2;participatiewet;01-11-2019"));
        var placements = Sheet("Kandidaatnummer;KvK-nummer werkgever;Naam werkgever;Startdatum;Uren per week;Soort;Kanaal",
            numbers.Select(n => $"{n};87654321;Hoveniersbedrijf Groen B.V.;01-03-2021;32,5;regular;wsp"));

        long operations = 0, errors = 0;
        foreach (var (kind, sheet, phase) in new[]
        {
            (ImportKind.Candidates, candidates, "candidates"), (ImportKind.Candidates, candidates, "candidates again"),
            (ImportKind.Placements, placements, "placements"), (ImportKind.Placements, placements, "placements again"),
        })
        {
            var clock = Stopwatch.StartNew();
            var result = await importer.RunAsync(new ImportRequest(kind, "bench.csv", new MemoryStream(sheet), Municipality, DryRun: false),
                read => Console.WriteLine($"  {read:N0} rows ({clock.Elapsed.TotalSeconds:0.0} s)"), CancellationToken.None);
            clock.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{phase,-18} {clock.Elapsed.TotalSeconds,7:0.0} s  {result.Read / clock.Elapsed.TotalSeconds,8:0} rows/s  {result.Summary()}"));
            var expectedWritten = phase.EndsWith("again", StringComparison.Ordinal) ? 0 : rows;
            operations += result.Read;
            errors += result.Refused + Math.Abs(result.Written - expectedWritten);
            foreach (var error in result.Errors.Take(5)) Console.WriteLine($"  refused row {error.Row}: {error.Field}: {error.ApiMessage} {error.Error}");
        }
        BenchSummary.Print("import", operations, errors);
    }

    private static byte[] Sheet(string header, IEnumerable<string> lines)
    {
        var text = new StringBuilder(header).Append("\r\n");
        foreach (var line in lines) text.Append(line).Append("\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A row's index in letters: candidate numbers are screened for a BSN, and digits could pass the elfproef.</summary>
    private static string Letters(int index)
    {
        var letters = new StringBuilder();
        do { letters.Insert(0, (char)('a' + index % 26)); index /= 26; } while (index > 0);
        return letters.ToString();
    }
}
