using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sroi.Ledger.Api.Hosting;

/// <summary>
/// Enums as kebab-case strings (<c>set-by-procurement</c>); an unknown value is an error that lists the
/// allowed ones, so a 400 tells the caller exactly what to send.
/// </summary>
public sealed class KebabEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(KebabEnumConverter<>).MakeGenericType(typeToConvert))!;
}

public sealed class KebabEnumConverter<T> : JsonConverter<T> where T : struct, Enum
{
    private static readonly Dictionary<string, T> ByName =
        Enum.GetValues<T>().ToDictionary(v => NameOf(v), v => v, StringComparer.Ordinal);

    public static string NameOf(T value) => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>Every value's name, in declaration order ("one of …" in error messages).</summary>
    public static IReadOnlyCollection<string> Names => ByName.Keys;

    /// <summary>The value a name stands for (query parameters, read-table columns); false for anything else.</summary>
    public static bool TryParse(string? name, out T value)
    {
        value = default;
        return name is not null && ByName.TryGetValue(name, out value);
    }

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && ByName.TryGetValue(reader.GetString()!, out var value))
            return value;
        throw new JsonException($"Expected one of: {string.Join(", ", ByName.Keys)}.");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(NameOf(value));

    // As dictionary keys too ({"employment": …}), spelt the same way.
    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ByName.TryGetValue(reader.GetString()!, out var value) ? value : throw new JsonException($"Expected one of: {string.Join(", ", ByName.Keys)}.");

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WritePropertyName(NameOf(value));
}
