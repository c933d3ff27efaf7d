namespace Sroi.Ledger.Benchmarks;

/// <summary>Bounded by default: about a minute and a half on a 2-core machine.</summary>
/// <param name="StoreAutoPrepare">
/// 0 (default): the store runs on the pool exactly as <c>LedgerDataSource</c> configures it. N: the store's pool
/// also gets Npgsql's <c>Max Auto Prepare=N</c>, to measure what preparing the store's statements would buy.
/// </param>
internal sealed record BenchOptions(int Appends, int Rounds, int Reads, int StoreAutoPrepare)
{
    public static BenchOptions Parse(string[] args)
    {
        int Value(string name, int fallback, int min = 1)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) && value >= min ? value : fallback;
        }
        return new BenchOptions(Value("--appends", 1500), Value("--rounds", 3), Value("--reads", 3000), Value("--store-auto-prepare", 0, min: 0));
    }
}
