using System.Text.RegularExpressions;

namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>
/// Keeps citizen service numbers (BSN) out of the immutable event log: free text carrying a 9-digit number
/// that passes the elfproef is refused. Events cannot be edited afterwards, so this check is the only chance.
/// </summary>
public static partial class PersonalNumberGuard
{
    public const string Message = "Contains what looks like a BSN (9 digits passing the elfproef); personal numbers are not recorded.";

    public static bool ContainsBsn(string text)
    {
        foreach (Match match in NineDigits().Matches(text))
            if (Domain.Shared.Elfproef.Passes(new string(match.Value.Where(char.IsAsciiDigit).ToArray())))
                return true;
        return false;
    }

    // Nine digits not part of a longer number; dots or spaces between groups (123.456.782) count too.
    [GeneratedRegex(@"(?<!\d)\d{3}[ .]?\d{3}[ .]?\d{3}(?!\d)")]
    private static partial Regex NineDigits();
}
