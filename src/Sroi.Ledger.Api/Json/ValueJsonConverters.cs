using System.Text.Json;
using System.Text.Json.Serialization;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Json;

// The ledger's own value types. A value that does not parse throws JsonException; System.Text.Json adds the path,
// which becomes the field named in the 400 response.

/// <summary>Euros as a JSON number with at most two decimals; a finer amount is refused, never rounded.</summary>
public sealed class MoneyJsonConverter : JsonConverter<Money>
{
    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var euros))
            throw new JsonException("Expected an amount in euros as a number.");
        return Money.TryFromEuros(euros, out var money)
            ? money
            : throw new JsonException("Expected an amount in euros with at most two decimals.");
    }

    // Multiplying by 0.01m keeps a scale of two, so 7500 euros is written as 7500.00.
    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.Cents * 0.01m);
}

public sealed class KvkNumberJsonConverter : JsonConverter<KvkNumber>
{
    public override KvkNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        KvkNumber.TryParse(reader.TokenType == JsonTokenType.String ? reader.GetString() : null, out var kvk)
            ? kvk
            : throw new JsonException("Expected a KvK number of exactly 8 digits.");

    public override void Write(Utf8JsonWriter writer, KvkNumber value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}

public sealed class MunicipalityCodeJsonConverter : JsonConverter<MunicipalityCode>
{
    public override MunicipalityCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        MunicipalityCode.TryParse(reader.TokenType == JsonTokenType.String ? reader.GetString() : null, out var code)
            ? code
            : throw new JsonException("Expected a CBS municipality code such as GM0603.");

    public override void Write(Utf8JsonWriter writer, MunicipalityCode value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}

/// <summary>
/// A pseudonymous candidate number, written as a string. A JSON integer is read too (the WSP's numbers are
/// often plain digits); a value passing the elfproef is rejected with the reason.
/// </summary>
public sealed class CandidateNumberJsonConverter : JsonConverter<CandidateNumber>
{
    public override CandidateNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // A string only: a JSON number cannot hold a leading zero, so a client whose number is "007" would send 7 and
        // silently name another candidate. The OpenAPI document declares a string; anything else is a 400.
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException("Expected a pseudonymous candidate number as a JSON string (\"100234\"), not a " + reader.TokenType.ToString().ToLowerInvariant() + ".");
        var text = reader.GetString();
        return CandidateNumber.TryParse(text, out var number)
            ? number
            : throw new JsonException("Expected a pseudonymous candidate number: " + CandidateNumber.Problem(text));
    }

    public override void Write(Utf8JsonWriter writer, CandidateNumber value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}

/// <summary>A short code that callers may send as a string or a number (an mbo level: "2" or 2); written as a string.</summary>
public sealed class TextOrNumberJsonConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString()!,
        JsonTokenType.Number when reader.TryGetInt32(out var number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new JsonException("Expected a string or a whole number."),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
