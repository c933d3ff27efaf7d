using System.Text;
using System.Text.RegularExpressions;

namespace Sroi.Ledger.LocalPostgres;

/// <summary>
/// Finds and replaces the <c>trust</c> method in a pg_hba.conf. A record is
/// <c>local DATABASE USER METHOD [OPTIONS]</c> or <c>host* DATABASE USER ADDRESS [MASK] METHOD [OPTIONS]</c>;
/// comments (from <c>#</c>) are left alone, so is the word in the database or user field.
/// </summary>
internal static partial class PgHba
{
    private const string Trust = "trust";

    /// <summary>True when any record authenticates with trust.</summary>
    public static bool Trusts(string content) =>
        content.Split('\n').Any(line => TrustToken(line) is not null);

    /// <summary><paramref name="content"/> with every record's <c>trust</c> replaced by <paramref name="method"/>.</summary>
    public static string WithoutTrust(string content, string method)
    {
        var lines = content.Split('\n');
        var result = new StringBuilder(content.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (TrustToken(line) is { } token)
            {
                line = string.Concat(line.AsSpan(0, token.Index), method, line.AsSpan(token.Index + token.Length));
            }

            result.Append(line);
            if (i < lines.Length - 1)
            {
                result.Append('\n');
            }
        }

        return result.ToString();
    }

    /// <summary>The record's method token when it is <c>trust</c>, else null.</summary>
    private static Match? TrustToken(string line)
    {
        var comment = line.IndexOf('#', StringComparison.Ordinal);
        var record = comment < 0 ? line : line[..comment];
        var tokens = Token().Matches(record);
        if (tokens.Count < 4)
        {
            return null;
        }

        // host records may give the mask as a field of its own: the method is then one further.
        var type = tokens[0].Value;
        var (first, last) = type == "local" ? (3, 3) : type.StartsWith("host", StringComparison.Ordinal) ? (4, 5) : (-1, -1);
        for (var i = first; i >= 0 && i < tokens.Count && i <= last; i++)
        {
            if (tokens[i].Value == Trust)
            {
                return tokens[i];
            }
        }

        return null;
    }

    [GeneratedRegex(@"\S+")]
    private static partial Regex Token();
}
