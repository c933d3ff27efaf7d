namespace Sroi.Ledger.Domain.Shared;

/// <summary>A Chamber of Commerce (KvK) registration number: exactly eight digits.</summary>
public readonly record struct KvkNumber
{
    /// <summary>What <see cref="TryParse"/> accepts, as the OpenAPI document's pattern.</summary>
    public const string Pattern = "^[0-9]{8}$";

    private KvkNumber(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, out KvkNumber number)
    {
        var valid = text is { Length: 8 } && text.All(char.IsAsciiDigit);
        number = valid ? new KvkNumber(text!) : default;
        return valid;
    }

    public static KvkNumber Parse(string text) =>
        TryParse(text, out var number) ? number : throw new FormatException($"'{text}' is not an 8-digit KvK number.");

    public override string ToString() => Value;
}
