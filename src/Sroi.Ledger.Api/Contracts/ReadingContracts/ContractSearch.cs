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

    /// <summary>Lower case, without diacritics (é → e, ł stays), whitespace runs as one space.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark) continue;
            if (char.IsWhiteSpace(c)) { space = folded.Length > 0; continue; }
            if (space) { folded.Append(' '); space = false; }
            folded.Append(char.ToLowerInvariant(c));
        }
        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>A LIKE pattern matching the folded text anywhere (its own %, _ and \ taken literally).</summary>
    public static string ContainsPattern(string folded) =>
        "%" + folded.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";
}
