using System.Globalization;
using Microsoft.OpenApi;

namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>
/// <c>?contractValue=1234.56</c>: a plain decimal (an optional minus, digits, at most one point, no exponent, no grouping), read as a
/// decimal on its text, so that nothing is rounded on the way (as <see cref="TextScreen"/> does for a body's numbers).
/// </summary>
public readonly record struct QueryDecimal(string Text) : IQueryValue
{
    public static OpenApiSchema Schema() => new() { Type = JsonSchemaType.Number, Format = "decimal" };

    public const string Message = "Expected a number such as 1234.56 (a point before the decimals, no grouping).";

    public static bool TryParse(string? text, IFormatProvider? provider, out QueryDecimal value) { value = new(text ?? ""); return text is not null; }

    /// <summary>The number, or null after adding the error under <paramref name="name"/>.</summary>
    public decimal? Read(string name, FieldErrors errors)
    {
        // A minus sign is read, not refused as "not a number": a negative value is a number, and the caller's range check
        // then says what the JSON body's check says of it ("Must be more than 0.").
        var unsigned = Text.StartsWith('-') ? Text[1..] : Text;
        var point = unsigned.IndexOf('.');
        var (whole, fraction) = point < 0 ? (unsigned, "") : (unsigned[..point], unsigned[(point + 1)..]);
        // At most 20 integer digits, as for a body's numbers: decimal's own parser would round beyond its 28 digits.
        if (whole.Length is 0 or > 20 || !whole.All(char.IsAsciiDigit) || (point >= 0 && (fraction.Length == 0 || !fraction.All(char.IsAsciiDigit))))
        {
            errors.Add(name, Message);
            return null;
        }
        if (fraction.Length > 2)
        {
            errors.Add(name, "At most two decimals.");
            return null;
        }
        return decimal.Parse(Text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }
}

/// <summary><c>?exempted=true</c>: true or false.</summary>
public readonly record struct QueryFlag(string Text) : IQueryValue
{
    public static OpenApiSchema Schema() => new() { Type = JsonSchemaType.Boolean };

    public static bool TryParse(string? text, IFormatProvider? provider, out QueryFlag value) { value = new(text ?? ""); return text is not null; }

    public bool? Read(string name, FieldErrors errors)
    {
        if (Text == "true") return true;
        if (Text == "false") return false;
        errors.Add(name, "true or false.");
        return null;
    }
}
