using System.Text.Json.Nodes;

namespace Sroi.Ledger.Api.Tests.Fuzzing;

/// <summary>One POST/PUT/DELETE of the served OpenAPI document: its route, its path parameters and its body's schema.</summary>
public sealed record WriteOperation(string Method, string Path, string OperationId, IReadOnlyList<string> PathParameters,
    JsonObject? BodySchema, JsonNode? Example, OpenApiSchemas Schemas)
{
    /// <summary>
    /// Every write operation but the projection rebuild and the on-demand checkpoint: neither takes a body, an If-Match or an
    /// id to malform (any body is ignored), and neither appends an event; the checkpoint's one input, <c>?municipality=</c>,
    /// is read by the same parser as every read's (CheckpointTests and BadInputTests cover it).
    /// </summary>
    public static IReadOnlyList<WriteOperation> From(JsonNode document)
    {
        var schemas = new OpenApiSchemas(document["components"]!["schemas"]!.AsObject());
        var operations = new List<WriteOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is not ("post" or "put" or "delete") || path.StartsWith("/admin/", StringComparison.Ordinal)
                    || path == "/audit/checkpoints") continue;
                var parameters = operation!["parameters"]?.AsArray().Where(p => p!["in"]!.GetValue<string>() == "path")
                    .Select(p => p!["name"]!.GetValue<string>()).ToList() ?? [];
                var json = operation["requestBody"]?["content"]?["application/json"];
                // The first documented example, if any, is the most realistic starting point (and names the shape of a report).
                var example = json?["example"] ?? json?["examples"]?.AsObject().FirstOrDefault().Value?["value"];
                var schema = json?["schema"] is { } s ? schemas.Resolve(s, example) : null;
                operations.Add(new WriteOperation(method.ToUpperInvariant(), path, operation["operationId"]!.GetValue<string>(),
                    parameters, schema, example?.DeepClone(), schemas));
            }
        }
        return operations;
    }

    /// <summary>Whether the operation writes through the ledger (events), so that a stale If-Match stops any write.</summary>
    public bool WritesEvents => !Path.StartsWith("/api-keys", StringComparison.Ordinal);
}
