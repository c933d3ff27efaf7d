using System.Globalization;
using System.Text;

namespace Sroi.Ledger.Domain.Shared;

/// <summary>
/// Finds citizen service numbers (BSN) in text a person typed, however they are written: events are immutable, so a
/// BSN that slips through can never be removed again. The text is normalised first, so that the usual ways of writing a
/// number (or of dodging a check) all look the same:
/// <list type="bullet">
/// <item>Unicode NFKC folds compatibility forms to plain digits: superscript ¹²³, subscript ₁₂₃, circled ①②③ and
/// parenthesised ⑴ digits, "⒈" (digit full stop), ⑫ (becomes "12");</item>
/// <item>every character that still has a digit value 0–9 counts as that ASCII digit: decimal digits of any script
/// (full-width ３, Arabic-Indic ٣, Devanagari ३, mathematical 𝟑, …) and digit-like symbols NFKC leaves alone
/// (dingbat ❸, double-circled ⓷), and the invisible tag digits;</item>
/// <item>digits separated only by spaces of any kind, dots, hyphens, slashes, commas, brackets, invisible format
/// characters, combining marks or other punctuation and symbols belong to one run of digit groups; a letter ends a
/// run.</item>
/// </list>
/// Any consecutive groups of a run with nine digits in total that pass the elfproef are a BSN: "111-222-333",
/// "1112-22333", "1 1 1 2 2 2 3 3 3", "ref 2024/111222333". Leading zeros do not hide one: "0111222333" and
/// "000-111-222-333" are the BSN 111222333 padded. A longer group that is not zero-padded (a 12-digit number) is not
/// split, so long account or invoice numbers are not mistaken for one.
/// </summary>
public static class BsnScreen
{
    public static bool ContainsBsn(string text)
    {
        foreach (var run in DigitRuns(Normalised(text)))
            if (HasNineDigitWindow(run))
                return true;
        return false;
    }

    /// <summary>
    /// The text in NFKC, or as it is when it cannot be normalised (a lone surrogate: such text is refused by the HTTP
    /// screen before it gets here, and its digits are still read one by one below).
    /// </summary>
    private static string Normalised(string text)
    {
        try { return text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC); }
        catch (ArgumentException) { return text; }
    }

    /// <summary>
    /// The digit 0–9 a character stands for, or -1: any script's decimal digits, digit-valued symbols, and the invisible
    /// tag digits U+E0030–U+E0039 (a BSN written in them would be stored unseen).
    /// </summary>
    private static int DigitValue(Rune rune)
    {
        if (rune.Value is >= 0xE0030 and <= 0xE0039) return rune.Value - 0xE0030;
        var value = Rune.GetNumericValue(rune);
        if (value is >= 0 and <= 9 && value == Math.Floor(value))
        {
            // A letter with a numeric value (a Roman numeral Ⅴ, a Han numeral) stays a letter: it ends a run.
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.OtherNumber)
                return (int)value;
        }
        return -1;
    }

    /// <summary>The runs of digit groups in the text: each group as ASCII digits.</summary>
    private static IEnumerable<List<string>> DigitRuns(string text)
    {
        var run = new List<string>();
        var group = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (DigitValue(rune) is var digit and >= 0)
            {
                group.Append((char)('0' + digit));
                continue;
            }
            if (group.Length > 0) { run.Add(group.ToString()); group.Clear(); }
            if (EndsRun(rune) && run.Count > 0)
            {
                yield return run;
                run = [];
            }
        }
        if (group.Length > 0) run.Add(group.ToString());
        if (run.Count > 0) yield return run;
    }

    /// <summary>Letters (and numbers that are no digit, such as Ⅻ or ½) end a run; everything else only separates groups.</summary>
    private static bool EndsRun(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        _ => false,
    };

    /// <summary>
    /// Whether consecutive groups hold nine digits passing the elfproef, or more digits of which all but nine are leading
    /// zeros (a BSN padded to fit a ten-digit field, or to dodge the nine-digit check).
    /// </summary>
    private static bool HasNineDigitWindow(List<string> groups)
    {
        var digits = new StringBuilder();
        for (var first = 0; first < groups.Count; first++)
        {
            digits.Clear();
            for (var last = first; last < groups.Count; last++)
            {
                digits.Append(groups[last]);
                var significant = SignificantDigits(digits);
                if (significant > 9) break;
                if (digits.Length == 9 && Elfproef.Passes(digits.ToString()))
                    return true;
                if (digits.Length > 9 && Elfproef.Passes(digits.ToString()[(digits.Length - 9)..]))
                    return true;
            }
        }
        return false;
    }

    /// <summary>The number of digits after the leading zeros.</summary>
    private static int SignificantDigits(StringBuilder digits)
    {
        var zeros = 0;
        while (zeros < digits.Length && digits[zeros] == '0') zeros++;
        return digits.Length - zeros;
    }
}
