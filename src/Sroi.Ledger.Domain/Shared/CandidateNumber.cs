namespace Sroi.Ledger.Domain.Shared;

/// <summary>
/// A candidate (kandidaat) as the ledger knows them: a pseudonymous number issued by the WSP. 1 to 20 letters,
/// digits or hyphens; a value whose digits form a nine-digit number that passes the elfproef is rejected as a
/// citizen service number, because events are immutable and such a number may never enter them.
/// </summary>
public readonly record struct CandidateNumber
{
    public const int MaxLength = 20;

    /// <summary>The shape <see cref="TryParse"/> accepts, as the OpenAPI document's pattern (the elfproef comes on top).</summary>
    public const string Pattern = "^[A-Za-z0-9-]{1,20}$";

    private CandidateNumber(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, out CandidateNumber number)
    {
        var valid = text is { Length: > 0 and <= MaxLength }
            && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            && !LooksLikeBsn(text);
        number = valid ? new CandidateNumber(text!) : default;
        return valid;
    }

    public static CandidateNumber Parse(string text) =>
        TryParse(text, out var number) ? number : throw new FormatException($"'{text}' is not a pseudonymous candidate number.");

    /// <summary>Why <paramref name="text"/> is refused, in words for a 400; null when it is a valid number.</summary>
    public static string? Problem(string? text) =>
        text is null or { Length: 0 } ? "Required."
        : text.Length > MaxLength ? $"At most {MaxLength} characters."
        : !text.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? "Letters, digits and hyphens only."
        : LooksLikeBsn(text) ? "This looks like a BSN (9 digits passing the elfproef, leading zeros ignored); use the pseudonymous number the WSP issued."
        : null;

    /// <summary>
    /// The digits of the value (hyphens and letters ignored) form a nine-digit number passing the elfproef, also when
    /// padded with leading zeros: "0123456782" is the BSN 123456782 (and would otherwise become part of a stream id).
    /// </summary>
    public static bool LooksLikeBsn(string text)
    {
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length > 9 && digits[..^9].All(c => c == '0'))
            digits = digits[^9..];
        return Elfproef.Passes(digits);
    }

    public override string ToString() => Value;
}

/// <summary>The elfproef: 9×d1 + 8×d2 + … + 2×d8 − 1×d9 is divisible by 11 (and the number is not all zeros).</summary>
public static class Elfproef
{
    public static bool Passes(string nineDigits)
    {
        if (nineDigits.Length != 9 || !nineDigits.All(char.IsAsciiDigit) || nineDigits.All(c => c == '0'))
            return false;
        var sum = 0;
        for (var i = 0; i < 8; i++)
            sum += (9 - i) * (nineDigits[i] - '0');
        sum -= nineDigits[8] - '0';
        return sum % 11 == 0;
    }
}
