using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sroi.Ledger.Api.Json;

/// <summary>
/// Enums written by System.Text.Json's <see cref="JsonStringEnumConverter"/> and read back only when the text is exactly
/// one of the names it writes (<see cref="KebabNames{T}"/>). The converter alone reads more than it writes
/// (dotnet/runtime#122550): <c>"regular, garantiebaan"</c> as the two values OR-ed into a third or into none at all, the
/// C# name <c>"SetByProcurement"</c>, a name with a leading space. Each would be a value the caller did not send; here
/// each is an error that lists the names, which the 400 passes on as the field's message.
/// </summary>
public sealed class ExactEnumNames(JsonStringEnumConverter strings) : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => strings.CanConvert(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Exact<>).MakeGenericType(typeToConvert), strings.CreateConverter(typeToConvert, options))!;

    private sealed class Exact<T>(JsonConverter<T> written) : JsonConverter<T> where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && KebabNames<T>.TryParse(reader.GetString(), out var value) ? value : throw NotAName();

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => written.Write(writer, value, options);

        // As dictionary keys too ({"employment": …}), held to the same names.
        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            KebabNames<T>.TryParse(reader.GetString(), out var value) ? value : throw NotAName();

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            written.WriteAsPropertyName(writer, value, options);

        private static JsonException NotAName() => new($"Expected one of: {string.Join(", ", KebabNames<T>.Names)}.");
    }
}
