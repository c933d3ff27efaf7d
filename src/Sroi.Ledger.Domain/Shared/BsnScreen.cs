using System.Globalization;
using System.Text;

namespace Sroi.Ledger.Domain.Shared;

/// <summary>
/// Finds citizen service numbers (BSN) in text a person typed, however they are written: events are immutable, so a
/// BSN that slips through can never be removed again. The text is normalised first, so that the usual ways of writing a
/// number (or of dodging a check) all look the same:
/// <list type="bullet">
/// <item>every Unicode decimal digit counts as its ASCII digit (full-width ３, Arabic-Indic ٣, mathematical 𝟑, …);</item>
/// <item>digits separated only by spaces of any kind, dots, hyphens, slashes, commas, brackets, invisible format
/// characters or other punctuation and symbols belong to one run of digit groups; a letter ends a run.</item>
/// </list>
/// Any consecutive groups of a run with nine digits in total that pass the elfproef are a BSN: "111-222-333",
/// "1112-22333", "1 1 1 2 2 2 3 3 3", "ref 2024/111222333". A longer group (a 12-digit number) is not split, so long
/// account or invoice numbers are not mistaken for one.
/// </summary>
public static class BsnScreen
{
    public static bool ContainsBsn(string text)
    {
        foreach (var run in DigitRuns(text))
            if (HasNineDigitWindow(run))
                return true;
        return false;
    }

    /// <summary>The runs of digit groups in the text: each group as ASCII digits.</summary>
    private static IEnumerable<List<string>> DigitRuns(string text)
    {
        var run = new List<string>();
        var group = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.DecimalDigitNumber)
            {
                group.Append((char)('0' + (int)Rune.GetNumericValue(rune)));
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

    /// <summary>Letters (and other numbers such as Ⅻ or ½) end a run; everything else only separates groups.</summary>
    private static bool EndsRun(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        _ => false,
    };

    private static bool HasNineDigitWindow(List<string> groups)
    {
        for (var first = 0; first < groups.Count; first++)
        {
            var digits = 0;
            for (var last = first; last < groups.Count && digits < 9; last++)
            {
                digits += groups[last].Length;
                if (digits == 9 && Elfproef.Passes(string.Concat(groups.Skip(first).Take(last - first + 1))))
                    return true;
            }
        }
        return false;
    }
}
