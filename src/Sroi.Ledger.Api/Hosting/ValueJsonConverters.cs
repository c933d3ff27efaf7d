using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Hosting;

// Hand-written because NodaTime.Serialization.SystemTextJson is not served by this registry (DESIGN.md).
// A value that does not parse throws JsonException; System.Text.Json adds the path, which becomes the
// field named in the 400 response.

public sealed class LocalDateJsonConverter : JsonConverter<LocalDate>
{
    public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        var result = LocalDatePattern.Iso.Parse(text ?? "");
        return result.Success ? result.Value : throw new JsonException("Expected a date as yyyy-MM-dd.");
    }

    public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options) =>
        writer.WriteStringValue(LocalDatePattern.Iso.Format(value));
}

public sealed class InstantJsonConverter : JsonConverter<Instant>
{
    public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        var result = InstantPattern.ExtendedIso.Parse(text ?? "");
        return result.Success ? result.Value : throw new JsonException("Expected an instant as yyyy-MM-ddTHH:mm:ssZ.");
    }

    public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
        writer.WriteStringValue(InstantPattern.ExtendedIso.Format(value));
}

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
        var text = reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number when reader.TryGetInt64(out var digits) && digits >= 0 => digits.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        };
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
