using System.Globalization;
using System.Security.Cryptography;

namespace Sroi.Ledger.Benchmarks;

/// <summary>
/// The references, invoice numbers and run tags the harness sends, built so that the ledger's BSN screen
/// (<c>BsnScreen.ContainsBsn</c>: digit groups joined across separators, leading zeros ignored, a letter ends a run)
/// can never read nine digits in them, whatever the random tag or the counter: a head without digits, then each
/// number as its own group of at most eight digits behind a letter ("HBQXKMRA-N12-N3"). A hex tag followed by a
/// counter ("HB1A2345-0012") could join into nine digits that pass the elfproef, and the ledger refused it (400).
/// </summary>
internal static class BenchReferences
{
    /// <summary>The largest number a group may hold: eight digits, one short of a BSN.</summary>
    public const long MaxNumber = 99_999_999;

    /// <summary>"HB" and six random letters: unique per run (26⁶ tags), no digit.</summary>
    public static string Tag(string prefix = "HB") =>
        prefix + string.Concat(RandomNumberGenerator.GetBytes(6).Select(b => (char)('A' + b % 26)));

    /// <summary>
    /// "R-" and the id's 32 hex digits with each decimal digit written as a letter (0 → g … 9 → p): unique per id, as long
    /// as the "R-{id:N}" it replaces (the raw baseline's bytes unchanged), and no digit at all, where a hex id could hold
    /// nine decimal digits in a row that pass the elfproef.
    /// </summary>
    public static string OfId(Guid id) =>
        "R-" + string.Concat(id.ToString("N").Select(c => char.IsAsciiDigit(c) ? (char)('g' + (c - '0')) : c));

    /// <summary>
    /// <paramref name="head"/> (letters and hyphens only) followed by "-N&lt;number&gt;" per number. The wrk script writes its
    /// invoice numbers the same way (<c>Http/wrk-ledger.lua</c>: "%s-N%d-N%d" after a head made here).
    /// </summary>
    public static string Of(string head, params ReadOnlySpan<long> numbers)
    {
        if (head.Length == 0 || !head.All(c => char.IsAsciiLetter(c) || c == '-'))
            throw new ArgumentException($"A head of ASCII letters and hyphens only, not \"{head}\".", nameof(head));
        var text = head;
        foreach (var number in numbers)
        {
            if (number is < 0 or > MaxNumber)
                throw new ArgumentOutOfRangeException(nameof(numbers), number, $"At most {MaxNumber:N0}: nine digits could pass the elfproef.");
            text += "-N" + number.ToString(CultureInfo.InvariantCulture);
        }
        return text;
    }
}
