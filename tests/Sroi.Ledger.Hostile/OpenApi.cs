using System.Text.Json.Nodes;

namespace Sroi.Ledger.Hostile;

/// <summary>
/// One operation of the service's own OpenAPI document (/api/v1/openapi.json). <see cref="LedgerWrite"/>: it takes
/// If-Match, so it writes through the ledger's one write path, which checks If-Match after the role, the scope, the
/// validation and the decision and before appending: a stale If-Match lets a request be judged in full without writing.
/// </summary>
internal sealed record Operation(string Method, string Path, string OperationId, IReadOnlyList<string> PathParameters,
    bool LedgerWrite, JsonObject? BodySchema, IReadOnlyList<JsonObject> Examples)
{
    public bool IsWrite => Method is "POST" or "PUT" or "DELETE";

    public override string ToString() => $"{Method} {Path}";
}

/// <summary>The document's operations and its component schemas, with <c>$ref</c> (and a lone <c>allOf</c>) followed.</summary>
internal sealed class OpenApi
{
    private readonly JsonObject components;

    private OpenApi(JsonObject components, IReadOnlyList<Operation> operations)
    {
        this.components = components;
        Operations = operations;
    }

    public IReadOnlyList<Operation> Operations { get; }

    public static OpenApi From(JsonNode document)
    {
        var components = document["components"]?["schemas"]?.AsObject() ?? [];
        var operations = new List<Operation>();
        var api = new OpenApi(components, operations);
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is not ("get" or "post" or "put" or "delete")) continue;
                var parameters = operation!["parameters"]?.AsArray() ?? [];
                var json = operation["requestBody"]?["content"]?["application/json"];
                var examples = new List<JsonObject>();
                if (json?["example"] is JsonObject single) examples.Add(single.DeepClone().AsObject());
                foreach (var (_, example) in json?["examples"]?.AsObject() ?? [])
                    if (example?["value"] is JsonObject value) examples.Add(value.DeepClone().AsObject());
                operations.Add(new Operation(method.ToUpperInvariant(), "/api/v1" + path, operation["operationId"]!.GetValue<string>(),
                    [.. parameters.Where(p => p!["in"]!.GetValue<string>() == "path").Select(p => p!["name"]!.GetValue<string>())],
                    parameters.Any(p => p!["in"]!.GetValue<string>() == "header" && p["name"]!.GetValue<string>() == "If-Match"),
                    json?["schema"] is { } schema ? api.Resolve(schema, examples.FirstOrDefault()) : null, examples));
            }
        }
        return api;
    }

    /// <summary>The schema with <c>$ref</c> (and a lone <c>allOf</c>) followed, as the fuzz test reads it.</summary>
    public JsonObject Resolve(JsonNode schema, JsonNode? value = null) => new Sroi.Ledger.Api.Tests.Fuzzing.OpenApiSchemas(components).Resolve(schema, value);

    /// <summary>The schema of a property of an object schema (of an array's items, for an index), if the document has one.</summary>
    public JsonObject? Child(JsonObject? schema, object step)
    {
        if (schema is null) return null;
        if (step is int) return schema["items"] is { } items ? Resolve(items) : null;
        return schema["properties"]?[(string)step] is { } property ? Resolve(property) : null;
    }

    public static bool IsRequired(JsonObject? parent, object step) =>
        step is string name && parent?["required"] is JsonArray required && required.Any(r => r?.GetValue<string>() == name);

    /// <summary>Free text: a string without a format or an enumeration (a date, an id or a code is judged by its parser).</summary>
    public static bool IsFreeText(JsonObject? schema) =>
        schema is not null && schema["format"] is null && schema["enum"] is null && schema["pattern"] is null;
}
