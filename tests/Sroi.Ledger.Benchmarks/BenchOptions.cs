namespace Sroi.Ledger.Benchmarks;

/// <summary>Bounded by default: about a minute and a half on a 2-core machine.</summary>
/// <param name="StoreAutoPrepare">
/// 0 (default): the ledger runs on the pool exactly as <c>LedgerDataSource</c> configures it. N: the ledger's pool (Marten and its reads)
/// also gets Npgsql's <c>Max Auto Prepare=N</c>, to measure what preparing Marten's statements would buy.
/// </param>
/// <param name="Slices">
/// 1 (default): each subject runs a round's case in one go, as the retired store's figures were measured. N: the case
/// is cut into N slices that the subjects take in turns, so that on a shared machine a burst of other work does not
/// land on one subject only (the totals per subject are the same).
/// </param>
/// <param name="WarmupAppends">Appends per writer in the warm-up (and reads ×2 of one stream): 100, at <c>--smoke</c> size 5.</param>
internal sealed record BenchOptions(int Appends, int Rounds, int Reads, int Slices, int StoreAutoPrepare, int WarmupAppends)
{
    public static BenchOptions Parse(string[] args)
    {
        int Value(string name, int fallback, int min = 1)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) && value >= min ? value : fallback;
        }
        var smoke = Smoke(args);
        return new BenchOptions(Value("--appends", smoke ? 10 : 1500), Value("--rounds", smoke ? 1 : 3), Value("--reads", smoke ? 20 : 3000),
            Value("--slices", 1), Value("--store-auto-prepare", 0, min: 0), smoke ? 5 : 100);
    }

    /// <summary>
    /// <c>--smoke</c>: the mode at a tiny size (seconds), to prove in CI that it still runs end to end; its figures mean
    /// nothing. A size given on the command line still wins over the smoke size.
    /// </summary>
    public static bool Smoke(string[] args) => args.Contains("--smoke");

    /// <summary>
    /// <c>--keep-database DIR</c> (<c>--audit</c>, <c>--startup</c>, <c>--fairness</c>): the cluster's data directory kept, so a ledger seeded
    /// once is measured again in a later sitting; null without it.
    /// </summary>
    public static string? KeptDatabase(string[] args) =>
        Array.IndexOf(args, "--keep-database") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;

    /// <summary>The positive integer after <paramref name="name"/> on the command line, or <paramref name="fallback"/>.</summary>
    public static int Positive(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var v) && v > 0 ? v : fallback;
}
