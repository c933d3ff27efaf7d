namespace Sroi.Ledger.Benchmarks;

/// <summary>Bounded by default: about a minute and a half on a 2-core machine.</summary>
internal sealed record BenchOptions(int Appends, int Rounds, int Reads)
{
    public static BenchOptions Parse(string[] args)
    {
        int Value(string name, int fallback)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) && value > 0 ? value : fallback;
        }
        return new BenchOptions(Value("--appends", 1500), Value("--rounds", 3), Value("--reads", 3000));
    }
}
