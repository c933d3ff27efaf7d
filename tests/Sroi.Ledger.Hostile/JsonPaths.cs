using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sroi.Ledger.Hostile;

/// <summary>A property (or first array element) somewhere in a body, with its schema and its parent's.</summary>
internal sealed record Property(IReadOnlyList<object> Path, JsonNode? Value, JsonObject? Schema, JsonObject? ParentSchema)
{
    public string Name => string.Concat(Path.Select((p, i) => p is int n ? $"[{n}]" : (i == 0 ? "" : ".") + p));
}

internal static class JsonPaths
{
    /// <summary>Non-ASCII text as raw UTF-8, as a hostile client would send it (control characters are still escaped: JSON requires it).</summary>
    private static readonly JsonSerializerOptions Raw = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Bytes(JsonNode body) => Encoding.UTF8.GetBytes(body.ToJsonString(Raw));

    /// <summary>Every property of the body that is there, depth first, nested objects and the first element of arrays.</summary>
    public static IEnumerable<Property> Walk(OpenApi api, JsonNode node, JsonObject? schema, IReadOnlyList<object>? at = null)
    {
        at ??= [];
        if (at.Count > 4) yield break;
        IEnumerable<(object Step, JsonNode? Child)> children = node switch
        {
            JsonObject o => o.Select(p => ((object)p.Key, p.Value)),
            JsonArray { Count: > 0 } a => [(0, a[0])],
            _ => [],
        };
        foreach (var (step, child) in children)
        {
            var childSchema = api.Child(schema, step);
            IReadOnlyList<object> path = [.. at, step];
            yield return new Property(path, child, childSchema, schema);
            if (child is JsonObject or JsonArray)
                foreach (var nested in Walk(api, child, childSchema, path)) yield return nested;
        }
    }

    public static JsonObject With(JsonObject body, IReadOnlyList<object> path, JsonNode? value)
    {
        var copy = body.DeepClone().AsObject();
        var parent = Parent(copy, path);
        switch (path[^1])
        {
            case string name: parent.AsObject()[name] = value?.DeepClone(); break;
            case int index: parent.AsArray()[index] = value?.DeepClone(); break;
        }
        return copy;
    }

    public static JsonObject Without(JsonObject body, IReadOnlyList<object> path)
    {
        var copy = body.DeepClone().AsObject();
        if (path[^1] is string name) Parent(copy, path).AsObject().Remove(name);
        return copy;
    }

    private static JsonNode Parent(JsonNode root, IReadOnlyList<object> path)
    {
        var node = root;
        foreach (var step in path.Take(path.Count - 1))
            node = step is string name ? node[name]! : node[(int)step]!;
        return node;
    }
}
