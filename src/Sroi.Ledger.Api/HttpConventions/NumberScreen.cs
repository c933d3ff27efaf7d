namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>
/// The one rule for every number in a request body, whatever field it is in: plain decimal notation, at most
/// <see cref="MaxIntegerDigits"/> digits before the point and <see cref="MaxDecimals"/> significant decimals after it.
/// Applied by <see cref="TextScreen.Problems"/> on the JSON text, before System.Text.Json turns it into a decimal.
/// </summary>
public static class NumberScreen
{
    public const int MaxIntegerDigits = 20;
    public const int MaxDecimals = 2;
    public const string Message =
        "A number is written with at most 20 digits before the decimal point and at most two after it, without an exponent: a finer or larger value is refused, never rounded.";

    /// <summary>
    /// Why a JSON number's text (<see cref="System.Text.Json.Utf8JsonReader.ValueSpan"/>, never escaped) is refused, or
    /// null. Every number a request carries is an amount in euros, hours, a percentage or a whole number, none with more
    /// than two decimals; deciding on the text, before it becomes a
    /// decimal, is the only way to refuse <c>100.00999999999999999999999999999</c> (29 significant digits, which a
    /// decimal would silently round to 100.01) instead of rounding it. Trailing zeros are no precision
    /// (<c>100.000</c> is exactly 100.00); an exponent (<c>1e2</c>, <c>1.0e-3</c>) is refused rather than expanded, and a
    /// number longer than any field allows is refused before it could overflow a decimal. The field's own rule
    /// (whole number, range) comes after this.
    /// </summary>
    public static string? Problem(ReadOnlySpan<byte> number)
    {
        if (number.IndexOfAny((byte)'e', (byte)'E') >= 0) return Message;
        if (number.Length > 0 && number[0] == '-') number = number[1..];
        var point = number.IndexOf((byte)'.');
        var integer = point < 0 ? number : number[..point];
        var fraction = point < 0 ? [] : number[(point + 1)..].TrimEnd((byte)'0');
        return integer.Length > MaxIntegerDigits || fraction.Length > MaxDecimals ? Message : null;
    }
}
