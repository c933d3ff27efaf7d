namespace Sroi.Ledger.Domain.Shared;

/// <summary>A municipality by its CBS code: "GM" and four digits, e.g. GM0603 for Rijswijk.</summary>
public readonly record struct MunicipalityCode
{
    public static readonly MunicipalityCode Rijswijk = new("GM0603");

    /// <summary>What <see cref="TryParse"/> accepts, as the OpenAPI document's pattern.</summary>
    public const string Pattern = "^GM[0-9]{4}$";

    private MunicipalityCode(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, out MunicipalityCode code)
    {
        var valid = text is { Length: 6 } && text.StartsWith("GM", StringComparison.Ordinal) && text[2..].All(char.IsAsciiDigit);
        code = valid ? new MunicipalityCode(text!) : default;
        return valid;
    }

    public static MunicipalityCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"'{text}' is not a CBS municipality code (GM0000).");

    public override string ToString() => Value;
}
