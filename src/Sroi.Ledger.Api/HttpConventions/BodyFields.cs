using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Sroi.Ledger.Api.HttpConventions;

/// <summary>
/// A JSON body read field by field against the request record's shape (its properties with their JSON names, nested
/// records, lists and string-keyed dictionaries walked into), so that one 400 names every field whose value has the wrong JSON type or format, each
/// with the message of the field's type (<see cref="FieldMessages"/>). System.Text.Json alone stops at the first such
/// field and describes it in CLR terms. The fields that parse make up the value; a wrong one is left out of it (null, or
/// the default) and named in the errors, which are settled (<see cref="FieldErrors.Settle"/>) so that the endpoint's
/// validation does not name it again as missing.
/// </summary>
public static class BodyFields
{
    /// <summary>
    /// The value with the fields that parsed and the errors of those that did not; or a refusal: JSON that is not
    /// well-formed (one error under <c>body</c> naming where it breaks), a body that is not an object, or a refused
    /// property name of the body itself. The JSON screen's errors (<see cref="TextScreen.Problems"/>) are among the
    /// errors, their fields left out of the value like the others.
    /// </summary>
    public static (T? Value, FieldErrors Errors, ProblemHttpResult? Refusal) Read<T>(ReadOnlyMemory<byte> json, JsonSerializerOptions options)
        where T : class
    {
        // Most bodies are fine: read whole, as System.Text.Json reads any body. Only one that fails is walked field by field.
        var errors = TextScreen.Problems(json.Span);
        if (!errors.Any)
        {
            try
            {
                if (JsonSerializer.Deserialize<T>(json.Span, options) is { } value) return (value, errors, null);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or OverflowException or ArgumentException)
            {
                // Named below, field by field (or as JSON that is not well-formed).
            }
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions
            {
                MaxDepth = options.MaxDepth,
                AllowTrailingCommas = options.AllowTrailingCommas,
                CommentHandling = options.ReadCommentHandling,
            });
        }
        catch (JsonException e)
        {
            return Refused<T>(FieldErrors.One("body", FieldMessages.Malformed(e)));
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return Refused<T>(FieldErrors.One("body", FieldMessages.NotAnObject));
            // A refused property name of the body itself ends the screen's walk, so what follows it is unjudged: refused whole.
            if (errors.Covers("body")) return Refused<T>(errors);

            var shape = options.GetTypeInfo(typeof(T));
            if (!Walked(shape))
                return errors.Any ? Refused<T>(errors) : Whole<T>(json, options, errors);
            var parsed = new ArrayBufferWriter<byte>(json.Length + 2);
            using (var writer = new Utf8JsonWriter(parsed, new JsonWriterOptions { SkipValidation = true }))
            using (var walk = new Walk(options, errors))
                walk.Object(document.RootElement, shape, "", writer);
            return Whole<T>(parsed.WrittenMemory, options, errors);
        }
    }

    private static (T?, FieldErrors, ProblemHttpResult?) Refused<T>(FieldErrors errors) where T : class =>
        (null, errors, Problems.BadRequest(errors));

    /// <summary>
    /// Deserialises what is left once every wrong field is out. It parses: each field was tried on its own. Should a
    /// rule between fields still throw, that is named too and the body refused, with every error found so far.
    /// </summary>
    private static (T?, FieldErrors, ProblemHttpResult?) Whole<T>(ReadOnlyMemory<byte> json, JsonSerializerOptions options, FieldErrors errors)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json.Span, options) is { } value
                ? (value, errors.Settle(), null)
                : Refused<T>(FieldErrors.One("body", FieldMessages.NotAnObject));
        }
        catch (JsonException e)
        {
            errors.Add(RequestBody.FieldOf(e.Path), Describe(e));
            return Refused<T>(errors);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            errors.Add("body", FieldMessages.WrongType);
            return Refused<T>(errors);
        }
    }

    /// <summary>For an error whose field's type is not known here (the fallback of <see cref="Whole{T}"/>).</summary>
    private static string Describe(JsonException e)
    {
        if (e.InnerException is null && e.Message.StartsWith("Expected", StringComparison.Ordinal))
            return e.Message;
        if (e.Message.Contains("could not be mapped", StringComparison.Ordinal))
            return FieldMessages.UnknownField;
        return FieldMessages.WrongType;
    }

    /// <summary>
    /// Records, lists and dictionaries keyed by text (<c>byKind: {"beschut-werk": 15}</c>) are walked into; anything with a
    /// converter of its own (a value type, a polymorphic shape) is one value. A dictionary read whole named only itself,
    /// "Expected an object.", for one entry that was not its value type, and hid every other bad entry.
    /// </summary>
    private static bool Walked(JsonTypeInfo shape) =>
        (shape.Kind is JsonTypeInfoKind.Object or JsonTypeInfoKind.Enumerable
         || shape.Kind == JsonTypeInfoKind.Dictionary && shape.KeyType == typeof(string))
        && shape.PolymorphismOptions is null;

    private static JsonValueKind KindOf(JsonTypeInfo shape) =>
        shape.Kind is JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary ? JsonValueKind.Object : JsonValueKind.Array;

    /// <summary>
    /// The walk: copies the body to <c>writer</c> without the fields that fail (each tried alone, with the options and
    /// converters the whole body is read with), and names each in <c>errors</c>.
    /// </summary>
    private sealed class Walk(JsonSerializerOptions options, FieldErrors errors) : IDisposable
    {
        private readonly StringComparison names = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

        /// <summary>One field at a time, as <c>{"name": value}</c>: one buffer for all of them.</summary>
        private readonly ArrayBufferWriter<byte> probe = new(256);
        private readonly Utf8JsonWriter probeWriter = new(Stream.Null, new JsonWriterOptions { SkipValidation = true });

        public void Dispose() => probeWriter.Dispose();

        public void Object(JsonElement body, JsonTypeInfo shape, string path, Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            // The members given so far: System.Text.Json keeps the last of two (any spelling the binder matches), so a
            // field sent twice would silently lose its first value.
            var given = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in body.EnumerateObject())
            {
                var sent = Join(path, property.Name);
                var member = MemberOf(shape, property.Name);
                if (member is null)
                {
                    if ((shape.UnmappedMemberHandling ?? options.UnmappedMemberHandling) == JsonUnmappedMemberHandling.Disallow && !errors.Covers(sent))
                        errors.Add(sent, FieldMessages.UnknownField);
                    continue;
                }
                var at = Join(path, member.Name);
                if (!given.Add(member.Name))
                {
                    if (!errors.Covers(at)) errors.Add(at, FieldMessages.Duplicate);
                    continue;
                }
                // Already named (the screen refused its text or number, or an earlier duplicate of it did not parse).
                if (errors.Covers(at) || errors.Covers(sent)) continue;
                Member(property.Value, member, shape, at, writer);
            }
            writer.WriteEndObject();
        }

        private JsonPropertyInfo? MemberOf(JsonTypeInfo shape, string name)
        {
            foreach (var member in shape.Properties)
                if (!member.IsExtensionData && string.Equals(member.Name, name, names))
                    return member;
            return null;
        }

        private void Member(JsonElement value, JsonPropertyInfo member, JsonTypeInfo declaring, string at, Utf8JsonWriter writer)
        {
            var shape = options.GetTypeInfo(member.PropertyType);
            if (member.CustomConverter is null && Walked(shape) && value.ValueKind != JsonValueKind.Null)
            {
                if (value.ValueKind != KindOf(shape))
                {
                    errors.Add(at, FieldMessages.For(member.PropertyType, options));
                    return;
                }
                writer.WritePropertyName(member.Name);
                Container(value, shape, at, writer);
                return;
            }
            // Tried as the only member of its record, so that the property's own converter and number handling apply.
            probe.ResetWrittenCount();
            probeWriter.Reset(probe);
            probeWriter.WriteStartObject();
            probeWriter.WritePropertyName(member.Name);
            probeWriter.WriteRawValue(JsonMarshal.GetRawUtf8Value(value), skipInputValidation: true);
            probeWriter.WriteEndObject();
            probeWriter.Flush();
            if (Parses(probe.WrittenSpan, declaring, member.PropertyType, at))
            {
                writer.WritePropertyName(member.Name);
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(value), skipInputValidation: true);
            }
        }

        private void Container(JsonElement value, JsonTypeInfo shape, string at, Utf8JsonWriter writer)
        {
            if (shape.Kind == JsonTypeInfoKind.Object)
            {
                Object(value, shape, at, writer);
                return;
            }
            if (shape.Kind == JsonTypeInfoKind.Dictionary)
            {
                Entries(value, shape, at, writer);
                return;
            }
            var elementType = shape.ElementType!;
            var element = options.GetTypeInfo(elementType);
            writer.WriteStartArray();
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                var itemAt = $"{at}[{index++}]";
                if (errors.Covers(itemAt)) Placeholder(elementType, writer);
                else if (Walked(element) && item.ValueKind != JsonValueKind.Null)
                {
                    if (item.ValueKind == KindOf(element)) Container(item, element, itemAt, writer);
                    else
                    {
                        errors.Add(itemAt, FieldMessages.For(elementType, options));
                        Placeholder(elementType, writer);
                    }
                }
                else
                {
                    var raw = JsonMarshal.GetRawUtf8Value(item);
                    if (Parses(raw, element, elementType, itemAt)) writer.WriteRawValue(raw, skipInputValidation: true);
                    else Placeholder(elementType, writer);
                }
            }
            writer.WriteEndArray();
        }

        /// <summary>
        /// A dictionary's entries, each named <c>{at}.{key}</c> as its record's fields are: an entry whose value does not
        /// parse as the dictionary's value type is named and left out, as is a key given twice (System.Text.Json keeps the last).
        /// </summary>
        private void Entries(JsonElement value, JsonTypeInfo shape, string at, Utf8JsonWriter writer)
        {
            var valueType = shape.ElementType!;
            var element = options.GetTypeInfo(valueType);
            var given = new HashSet<string>(StringComparer.Ordinal);
            writer.WriteStartObject();
            foreach (var entry in value.EnumerateObject())
            {
                var entryAt = Join(at, entry.Name);
                if (!given.Add(entry.Name))
                {
                    if (!errors.Covers(entryAt)) errors.Add(entryAt, FieldMessages.Duplicate);
                    continue;
                }
                if (errors.Covers(entryAt)) continue;
                if (Walked(element) && entry.Value.ValueKind != JsonValueKind.Null)
                {
                    if (entry.Value.ValueKind != KindOf(element))
                    {
                        errors.Add(entryAt, FieldMessages.For(valueType, options));
                        continue;
                    }
                    writer.WritePropertyName(entry.Name);
                    Container(entry.Value, element, entryAt, writer);
                    continue;
                }
                var raw = JsonMarshal.GetRawUtf8Value(entry.Value);
                if (Parses(raw, element, valueType, entryAt))
                {
                    writer.WritePropertyName(entry.Name);
                    writer.WriteRawValue(raw, skipInputValidation: true);
                }
            }
            writer.WriteEndObject();
        }

        private bool Parses(ReadOnlySpan<byte> json, JsonTypeInfo shape, Type field, string at)
        {
            try
            {
                JsonSerializer.Deserialize(json, shape);
                return true;
            }
            catch (JsonException e)
            {
                errors.Add(at, FieldMessages.Of(e, field, options));
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or OverflowException or ArgumentException)
            {
                // A converter that let a parse error escape: still a wrong value, not a 500.
                errors.Add(at, FieldMessages.For(field, options));
            }
            return false;
        }

        /// <summary>
        /// Where a list's element did not parse: null, so the elements after it keep their index (the endpoint names a
        /// null element itself); an element that cannot be null is left out.
        /// </summary>
        private static void Placeholder(Type elementType, Utf8JsonWriter writer)
        {
            if (!elementType.IsValueType || Nullable.GetUnderlyingType(elementType) is not null)
                writer.WriteNullValue();
        }

        private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
    }
}
