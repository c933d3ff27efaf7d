using System.Globalization;
using Microsoft.OpenApi;

namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>
/// <c>?contractValue=1234.56</c>: a plain decimal (digits, at most one point, no sign, no exponent, no grouping), read as a
/// decimal on its text, so that nothing is rounded on the way (as <see cref="TextScreen"/> does for a body's numbers).
/// </summary>
public readonly record struct QueryDecimal(string Text) : IQueryValue
{
    public static OpenApiSchema Schema() => new() { Type = JsonSchemaType.Number, Format = "decimal" };

    public const string Message = "Expected a number such as 1234.56 (a point before the decimals, no grouping).";

    public static bool TryParse(string? text, IFormatProvider? provider, out QueryDecimal value) { value = new(text ?? ""); return true; }

    /// <summary>The number, or null after adding the error under <paramref name="name"/>.</summary>
    public decimal? Read(string name, FieldErrors errors)
    {
        var point = Text.IndexOf('.');
        var (whole, fraction) = point < 0 ? (Text, "") : (Text[..point], Text[(point + 1)..]);
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
        return decimal.Parse(Text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }
}

/// <summary><c>?exempted=true</c>: true or false.</summary>
public readonly record struct QueryFlag(string Text) : IQueryValue
{
    public static OpenApiSchema Schema() => new() { Type = JsonSchemaType.Boolean };

    public static bool TryParse(string? text, IFormatProvider? provider, out QueryFlag value) { value = new(text ?? ""); return true; }

    public bool? Read(string name, FieldErrors errors)
    {
        if (Text == "true") return true;
        if (Text == "false") return false;
        errors.Add(name, "true or false.");
        return null;
    }
}
