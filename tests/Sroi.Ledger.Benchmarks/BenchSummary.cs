using System.Globalization;

namespace Sroi.Ledger.Benchmarks;

/// <summary>
/// The last line of every mode, for a reader and for the smoke test (tests/Sroi.Ledger.Benchmarks.Tests), which runs every
/// mode at <c>--smoke</c> size in CI: "summary: mode=NAME operations=N errors=N". A mode that measured nothing or saw an
/// error also exits with code 1, so a harness that rots fails loudly instead of printing a table of zeros.
/// </summary>
internal static class BenchSummary
{
    public static void Print(string mode, long operations, long errors)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"summary: mode={mode} operations={operations} errors={errors}"));
        if (operations <= 0 || errors > 0) Environment.ExitCode = 1;
    }
}
