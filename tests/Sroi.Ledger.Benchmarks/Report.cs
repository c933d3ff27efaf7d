namespace Sroi.Ledger.Benchmarks;

internal sealed record Measurement(string Case, string Subject, int Round, double PerSecond);

/// <summary>Median of the rounds per case and subject, and the store's ratio to the raw baseline of the same run.</summary>
internal static class Report
{
    public static void Print(IReadOnlyList<Measurement> results, string database)
    {
        Console.WriteLine();
        Console.WriteLine($"database: {database}; {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"case",-26} {"raw Npgsql /s",14} {"event store /s",15} {"ratio",7}   rounds (raw | store)");
        foreach (var group in results.GroupBy(r => r.Case))
        {
            var raw = group.Where(r => r.Subject == "raw Npgsql").Select(r => r.PerSecond).ToList();
            var store = group.Where(r => r.Subject == "event store").Select(r => r.PerSecond).ToList();
            Console.WriteLine($"{group.Key,-26} {Median(raw),14:N0} {Median(store),15:N0} {Median(store) / Median(raw),7:0.00}   " +
                $"{string.Join(" ", raw.Select(v => v.ToString("N0")))} | {string.Join(" ", store.Select(v => v.ToString("N0")))}");
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
