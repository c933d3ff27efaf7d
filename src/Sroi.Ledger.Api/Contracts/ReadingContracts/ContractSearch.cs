using System.Globalization;
using System.Text;

namespace Sroi.Ledger.Api.Contracts.ReadingContracts;

/// <summary>
/// The text <c>?q=</c> searches in: a contract's reference, title, contractor name and KvK number, folded once on write
/// into a duplicated column (<see cref="ContractDocument.SearchText"/>, trigram-indexed in <see cref="ContractStorage"/>)
/// and the query folded the same way, so that "Cafe" finds "Café" and "DEN HAAG" finds "Den Haag". The fold is done here,
/// not in SQL: PostgreSQL's unaccent() is not immutable (no index could use it) and needs an extension of its own; one
/// function for both sides cannot drift.
/// </summary>
public static class ContractSearch
{
    public const int MinLength = 2;
    public const int MaxLength = 100;

    public static string Text(string reference, string title, string contractorName, string kvk) =>
        Fold($"{reference} {title} {contractorName} {kvk}");

    /// <summary>
    /// Lower case, without diacritics (é → e, ĳ → ij, ß → ss), whitespace runs as one space. By table, not by Unicode
    /// decomposition: the service runs with invariant globalization, where string.Normalize leaves "é" as it is. The table
    /// covers Latin-1 and Latin Extended-A (Dutch, German, French, Scandinavian, Polish, Czech, Turkish names); a letter
    /// beyond it is only lowered, and a combining mark sent on its own (e + U+0301) is dropped.
    /// </summary>
    public static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark) continue;
            if (char.IsWhiteSpace(c)) { space = folded.Length > 0; continue; }
            if (space) { folded.Append(' '); space = false; }
            if (c is < LatinStart or > LatinEnd) folded.Append(char.ToLowerInvariant(c));
            else if (Latin[c - LatinStart] is var plain and not '\0') folded.Append(plain);
            else folded.Append(Ligature(c));
        }
        return folded.ToString();
    }

    private const char LatinStart = '\u00C0';
    private const char LatinEnd = '\u017F';

    /// <summary>U+00C0 to U+017F, each letter lowered and without its marks; \0 where it becomes two letters (<see cref="Ligature"/>).</summary>
    private const string Latin =
        "aaaaaa\0ceeeeiiiidnooooo\u00d7ouuuuy\0\0aaaaaa\0ceeeeiiiidnooooo\u00f7ouuuuy\0y" +
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii\0\0jjkkklllllll" +
        "lllnnnnnnnnnoooooo\0\0rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

    private static string Ligature(char c) => c switch
    {
        '\u00C6' or '\u00E6' => "ae",
        '\u00DE' or '\u00FE' => "th",
        '\u00DF' => "ss",
        '\u0132' or '\u0133' => "ij",
        '\u0152' or '\u0153' => "oe",
        _ => char.ToLowerInvariant(c).ToString(),
    };

    /// <summary>A LIKE pattern matching the folded text anywhere (its own %, _ and \ taken literally).</summary>
    public static string ContainsPattern(string folded) =>
        "%" + folded.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";
}
