using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;

namespace Sroi.Ledger.Api.Importing;

/// <summary>
/// A cell as the JSON value the endpoint reads, or the reason (in Dutch) it cannot be one. Only the shape is judged
/// here — what a date or an amount is as written in a Dutch sheet; whether the value is allowed (two decimals, a trede
/// from 1 to 6, an end after the start) the endpoint judges, with its own messages. Nothing is rounded: a number is
/// read exactly, a number cell through its shortest round-trip text, so 1234,567 reaches the endpoint as 1234.567 and is
/// refused there.
/// </summary>
public static partial class CellValues
{
    private static readonly LocalDatePattern DutchDate = LocalDatePattern.CreateWithInvariantCulture("d-M-uuuu");
    private static readonly LocalDatePattern IsoDate = LocalDatePattern.Iso;

    public const string DateMessage = "Geen datum: schrijf dd-mm-jjjj (31-12-2025) of jjjj-mm-dd (2025-12-31).";
    public const string NumberMessage = "Geen getal: schrijf 1.234,56 (komma voor de decimalen, punten tussen duizendtallen) of 1234.56 (punt voor de decimalen, zonder scheidingstekens).";
    public const string YesNoMessage = "Schrijf ja of nee.";
    public const string PrecisionMessage = "Te veel cijfers: dit getal kan niet exact worden gelezen en wordt niet afgerond. Schrijf het met ten hoogste 28 cijfers (een bedrag heeft ten hoogste twee decimalen).";

    /// <summary>The JSON value (null: the cell is empty, the field is left out), or the Dutch error.</summary>
    public static (JsonNode? Value, string? Error) Read(object? cell, CellFormat format)
    {
        if (cell is null || cell is string blank && string.IsNullOrWhiteSpace(blank)) return (null, null);
        return format switch
        {
            CellFormat.Date => Date(cell),
            CellFormat.Number => Number(cell),
            CellFormat.YesNo => YesNo(TextOf(cell)),
            CellFormat.Value => (JsonValue.Create(TextOf(cell).ToLowerInvariant()), null),
            _ => (JsonValue.Create(TextOf(cell)), null),
        };
    }

    /// <summary>
    /// A cell as text: a number cell as its shortest round-trip digits (a KvK number typed as a number). A workbook stores
    /// every number as a binary double, and the reader hands it over as one: "R" writes back exactly the digits the sheet
    /// shows (1234.56, not 1234.5599999999999), and the text is then read as a decimal with the import's own rules (a third
    /// decimal refused, never rounded). No amount is computed in floating point.
    /// </summary>
    public static string TextOf(object cell) => cell switch
    {
        string text => text.Trim(),
        StoredNumber stored => stored.Text,
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        float number => number.ToString("R", CultureInfo.InvariantCulture),
        DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString()?.Trim() ?? "",
    };

    private static (JsonNode?, string?) Date(object cell)
    {
        if (cell is DateTime dateTime)
            return dateTime.TimeOfDay == TimeSpan.Zero
                ? (JsonValue.Create(LocalDate.FromDateTime(dateTime).ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)), null)
                : (null, "Een datum zonder tijd.");
        var text = TextOf(cell);
        var parsed = text.Contains('-') && text.IndexOf('-') == 4 ? IsoDate.Parse(text) : DutchDate.Parse(text);
        return parsed.Success && parsed.Value.Year is >= 1900 and <= 2999
            ? (JsonValue.Create(parsed.Value.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)), null)
            : (null, DateMessage);
    }

    private static (JsonNode?, string?) Number(object cell)
    {
        if (cell is decimal exact) return (JsonValue.Create(Plain(exact)), null);
        if (cell is int or long) return (JsonValue.Create(Convert.ToDecimal(cell, CultureInfo.InvariantCulture)), null);
        var text = TextOf(cell);
        // Only typed text is ambiguous: a number cell's digits are the number itself (1.125 is one and an eighth).
        if (cell is string && AmbiguousThousands().IsMatch(Compact(text))) return (null, AmbiguousMessage(Compact(text)));
        return TryParseNumber(text, out var value) ? (JsonValue.Create(Plain(value)), null)
            : IsNumberShaped(text) ? (null, PrecisionMessage)
            : (null, NumberMessage);
    }

    /// <summary>
    /// "250.000" is how a Dutch sheet writes two hundred and fifty thousand, and how an English one writes 250 with three
    /// decimals: read either way it would be wrong a thousandfold for the other, without a word (trailing zeros being no
    /// precision, 250.000 passed as 250). So a single group of three digits after a point, behind one to three digits
    /// that do not start with 0, is refused with both ways of writing it. 0.500 is no thousands group and stays a half.
    /// </summary>
    public static string AmbiguousMessage(string text) =>
        $"Dubbelzinnig getal {text}: duizendtallen of decimalen? Schrijf {text.Replace(".", "", StringComparison.Ordinal)} of {text},00 " +
        $"voor een getal in duizendtallen, of {text.Replace('.', ',')} voor een getal met decimalen.";

    /// <summary>
    /// The number without trailing zeros after the point (250000.00 → 250000), which is the same value: so a sheet written
    /// with 32,5 or 32,50 makes the same request, and a corrected copy finds the row it imported before.
    /// </summary>
    private static decimal Plain(decimal value) => value / 1.0000000000000000000000000000m;

    private static string Compact(string text) =>
        text.Replace("€", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal);

    /// <summary>
    /// "1.234,56" (Dutch: a comma before the decimals, optional points between groups of three) or "1234.56" (a point
    /// before the decimals, no separators); a euro sign and spaces are ignored. "1.234" typed as text is refused
    /// by <see cref="Number"/> as ambiguous before it gets here (a number cell's 1.234 is read as written); 1.234.567 (two or
    /// more groups) is a million and more. A number cell's text
    /// in exponent form (1E-05) is read too. False as well for a number a decimal cannot hold exactly (more than 28
    /// significant digits, or beyond its range): <c>decimal.TryParse</c> would round it without a word.
    /// </summary>
    public static bool TryParseNumber(string text, out decimal value)
    {
        value = 0;
        var t = Invariant(text);
        return t is not null
            && decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out value)
            && SameNumber(t, value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Whether <paramref name="text"/> is written as a number, whether or not a decimal holds it exactly.</summary>
    private static bool IsNumberShaped(string text) => Invariant(text) is not null;

    /// <summary>The number in invariant notation (a point before the decimals, no separators), or null when it is none.</summary>
    private static string? Invariant(string text)
    {
        var t = Compact(text);
        if (DutchNumber().IsMatch(t)) return t.Replace(".", "", StringComparison.Ordinal).Replace(',', '.');
        return PlainNumber().IsMatch(t) ? t : null;
    }

    /// <summary>
    /// Whether two numbers in invariant notation (a sign, digits, a point, an exponent) are the same value, digit for digit:
    /// 1E-05 and 0.00001 are, 2.50 and 2.5 are, 1234.560000000000000001 and 1234.56 are not.
    /// </summary>
    public static bool SameNumber(string a, string b) => Canonical(a) == Canonical(b);

    /// <summary>The value as its significant digits (no leading or trailing zeros) and a power of ten; zero has no digits.</summary>
    private static (bool Negative, string Digits, long Exponent) Canonical(string number)
    {
        var negative = number.StartsWith('-');
        var s = number.TrimStart('-', '+');
        long exponent = 0;
        if (s.IndexOfAny(['e', 'E']) is var e and >= 0)
        {
            // An exponent too large for a long is no number anything here holds: it never equals another.
            if (!long.TryParse(s[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
                return (negative, s, long.MinValue);
            s = s[..e];
        }
        if (s.IndexOf('.') is var point and >= 0)
        {
            exponent -= s.Length - point - 1;
            s = s.Remove(point, 1);
        }
        var digits = s.TrimStart('0');
        if (digits.Length == 0) return (false, "", 0);
        var significant = digits.TrimEnd('0');
        return (negative, significant, exponent + digits.Length - significant.Length);
    }

    private static (JsonNode?, string?) YesNo(string text) => text.ToLowerInvariant() switch
    {
        "ja" or "j" or "true" or "waar" or "1" or "yes" => (JsonValue.Create(true), null),
        "nee" or "n" or "false" or "onwaar" or "0" or "no" => (JsonValue.Create(false), null),
        _ => (null, YesNoMessage),
    };

    [GeneratedRegex(@"^-?(\d{1,3}(\.\d{3})+|\d+),\d+$|^-?\d{1,3}(\.\d{3}){2,}$")]
    private static partial Regex DutchNumber();

    [GeneratedRegex(@"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")]
    private static partial Regex PlainNumber();

    [GeneratedRegex(@"^-?[1-9]\d{0,2}\.\d{3}$")]
    private static partial Regex AmbiguousThousands();
}

/// <summary>
/// A number cell's digits as the workbook stores them (<c>&lt;v&gt;</c>), where the binary double MiniExcel reads would
/// not keep them all (more than 17 significant digits, which Excel never writes but another program may): read from the
/// text, exactly, or refused (<see cref="XlsxScreen"/> finds them).
/// </summary>
public sealed record StoredNumber(string Text);
