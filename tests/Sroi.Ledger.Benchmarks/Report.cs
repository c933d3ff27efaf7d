namespace Sroi.Ledger.Benchmarks;

internal sealed record Measurement(string Case, string Subject, int Round, double PerSecond);

/// <summary>
/// Median of the rounds per case and subject, and the store's ratio to each raw baseline of the same run:
/// unprepared (the issue's baseline) and prepared.
/// </summary>
internal static class Report
{
    public const string Raw = "raw Npgsql";
    public const string Store = "event store";
    public const string RawPrepared = "raw prepared";

    public static void Print(IReadOnlyList<Measurement> results, string database, TimeSpan elapsed)
    {
        Console.WriteLine();
        Console.WriteLine($"database: {database}");
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}; measured in {elapsed.TotalSeconds:0} s; " +
            "medians of the rounds; ratio = store / raw");
        Console.WriteLine();
        Console.WriteLine($"{"case",-24} {"raw /s",8} {"store /s",9} {"ratio",6} {"prepared /s",12} {"ratio",6}   rounds: raw | store | prepared");
        foreach (var group in results.GroupBy(r => r.Case))
        {
            List<double> Of(string subject) => group.Where(r => r.Subject == subject).Select(r => r.PerSecond).ToList();
            var (raw, store, prepared) = (Of(Raw), Of(Store), Of(RawPrepared));
            Console.WriteLine($"{group.Key,-24} {Median(raw),8:N0} {Median(store),9:N0} {Median(store) / Median(raw),6:0.00} " +
                $"{Median(prepared),12:N0} {Median(store) / Median(prepared),6:0.00}   " +
                $"{Rounds(raw)} | {Rounds(store)} | {Rounds(prepared)}");
        }
    }

    private static string Rounds(List<double> values) => string.Join(" ", values.Select(v => v.ToString("N0")));

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
