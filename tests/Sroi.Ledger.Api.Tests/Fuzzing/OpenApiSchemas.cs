using System.Text.Json.Nodes;

namespace Sroi.Ledger.Api.Tests.Fuzzing;

// Also compiled into tests/Sroi.Ledger.Hostile, which reads the same document.
/// <summary>
/// The document's component schemas, with <c>$ref</c> (and a lone <c>allOf</c> around one) followed, and a schema of one
/// shape per kind (<c>oneOf</c> with a discriminator: a report) taken as the shape of the value's kind, or its first.
/// </summary>
public sealed class OpenApiSchemas(JsonObject components)
{
    public JsonObject Resolve(JsonNode schema, JsonNode? value = null)
    {
        var node = schema.AsObject();
        for (var depth = 0; depth < 10; depth++)
        {
            if (node["$ref"]?.GetValue<string>() is { } reference)
                node = components[reference.Split('/')[^1]]!.AsObject();
            else if (node["allOf"] is JsonArray { Count: 1 } all)
                node = all[0]!.AsObject();
            else if (node["discriminator"] is JsonObject discriminator && node["oneOf"] is JsonArray { Count: > 0 } shapes)
                node = components[Shape(discriminator, shapes, value).Split('/')[^1]]!.AsObject();
            else
                return node;
        }
        return node;
    }

    /// <summary>The reference of the shape the value's discriminator names; without one, the first shape.</summary>
    private static string Shape(JsonObject discriminator, JsonArray shapes, JsonNode? value)
    {
        if (value is JsonObject body && body[discriminator["propertyName"]!.GetValue<string>()] is JsonValue named
            && named.TryGetValue<string>(out var kind) && discriminator["mapping"] is JsonObject mapping && mapping[kind] is JsonValue target)
            return target.GetValue<string>();
        return shapes[0]!["$ref"]!.GetValue<string>();
    }

    public static string? Type(JsonObject schema) => schema["type"]?.GetValue<string>();

    public static string? Format(JsonObject schema) => schema["format"]?.GetValue<string>();

    public static IReadOnlyList<string> Enum(JsonObject schema) =>
        schema["enum"]?.AsArray().Select(e => e!.ToString()).ToList() ?? [];
}
