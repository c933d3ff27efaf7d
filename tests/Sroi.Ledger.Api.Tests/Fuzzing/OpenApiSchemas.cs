using System.Text.Json.Nodes;

namespace Sroi.Ledger.Api.Tests.Fuzzing;

// Also compiled into tests/Sroi.Ledger.Hostile, which reads the same document.
/// <summary>The document's component schemas, with <c>$ref</c> (and a lone <c>allOf</c> around one) followed.</summary>
public sealed class OpenApiSchemas(JsonObject components)
{
    public JsonObject Resolve(JsonNode schema)
    {
        var node = schema.AsObject();
        for (var depth = 0; depth < 10; depth++)
        {
            if (node["$ref"]?.GetValue<string>() is { } reference)
                node = components[reference.Split('/')[^1]]!.AsObject();
            else if (node["allOf"] is JsonArray { Count: 1 } all)
                node = all[0]!.AsObject();
            else
                return node;
        }
        return node;
    }

    public static string? Type(JsonObject schema) => schema["type"]?.GetValue<string>();

    public static string? Format(JsonObject schema) => schema["format"]?.GetValue<string>();

    public static IReadOnlyList<string> Enum(JsonObject schema) =>
        schema["enum"]?.AsArray().Select(e => e!.ToString()).ToList() ?? [];
}
