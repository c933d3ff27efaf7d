using System.Globalization;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.People;

/// <summary>
/// What of a token's <c>name</c> or <c>email</c> claim the people directory keeps. A claim is the identity provider's
/// text, often the person's own (a self-service profile), and it never passes the request screens
/// (<see cref="TextScreen"/>), yet it reaches the histories, their CSV (written without a formula guard, for recorded
/// values) and the dashboard. So it is judged as a body's text is, and refused rather than rewritten: a claim with a
/// control character (PostgreSQL refuses a NUL, which lost the whole directory write), a bidi override (a name that shows
/// as another), a lone surrogate, or a spreadsheet formula's first character (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>: a name
/// an auditor's Excel would run) is not kept, and the history shows "Persoon" instead. A long claim is cut at
/// <see cref="MaxLength"/> on a character boundary (never half a surrogate pair or of a combined character).
/// </summary>
public static class DirectoryText
{
    public const int MaxLength = 200;

    /// <summary>The text to keep, or null (none, blank, or refused).</summary>
    public static string? Of(string? claim)
    {
        if (claim is null || TextScreen.Problem(claim, lines: false) is not null) return null;
        var text = claim.Trim();
        if (TextScreen.IsBlank(text) || text[0] is '=' or '+' or '-' or '@') return null;
        if (text.Length <= MaxLength) return text;
        var end = 0;
        while (end < text.Length)
        {
            var next = StringInfo.GetNextTextElementLength(text.AsSpan(end));
            if (end + next > MaxLength) break;
            end += next;
        }
        return text[..end].TrimEnd();
    }
}
