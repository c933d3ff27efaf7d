using System.Text;
using System.Text.Json.Nodes;

namespace Sroi.Ledger.Api.Tests.Fuzzing;

/// <summary>The ids the fuzzed routes point at: seeded resources, so that validation is reached rather than a 404.</summary>
public sealed record FuzzTargets(string ContractId, string FulfilmentId, string CandidateNumber, string PlacementId);

/// <summary>
/// Malformed requests for one write operation, derived from its OpenAPI schema: a starting body (the documented example,
/// else one generated from the schema), then one thing broken at a time — per property (wrong JSON types, missing, null,
/// NUL and control characters, lone surrogates, very long strings, extreme numbers and dates, bad enums, unknown nested
/// properties, odd arrays) and per request (malformed and truncated JSON, deep nesting, oversized bodies, wrong content
/// types, bad path ids, bad If-Match, Idempotency-Key and correlation headers). Deterministic for a seed.
/// </summary>
/// <param name="start">The body to break, when a better one than <see cref="StartingBody"/> is known.</param>
public sealed class Malformations(WriteOperation operation, FuzzTargets targets, Random random, JsonObject? start = null)
{
    private const string LoneSurrogate = "\u2063LONE\u2063";

    private readonly List<FuzzRequest> requests = [];

    public IReadOnlyList<FuzzRequest> All()
    {
        var body = operation.BodySchema is null ? null : BaseBody();
        if (body is not null)
        {
            foreach (var (path, schema) in Properties(operation.BodySchema!, []))
                PropertyCases(body, path, schema);
            BodyCases(body);
        }
        HeaderCases(body);
        PathCases(body);
        return requests;
    }

    /// <summary>The starting body itself, well-formed, with the stale If-Match: not part of the run.</summary>
    public FuzzRequest Start()
    {
        var body = operation.BodySchema is null ? null : Bytes(BaseBody());
        return new FuzzRequest(operation.OperationId, "starting body", operation.Method, Url(), body, body is null ? null : "application/json", [], Netted: true);
    }

    // ---- per property ----

    private void PropertyCases(JsonObject body, IReadOnlyList<object> path, JsonObject schema)
    {
        var type = OpenApiSchemas.Type(schema);
        var format = OpenApiSchemas.Format(schema);
        var enums = OpenApiSchemas.Enum(schema);
        var field = FieldName(path);

        // Refused whatever else the body holds: no net, so a wrongly accepted one would show as a write.
        foreach (var text in new[] { "a\u0000b", "\u0000", "x\u0001y", "\u001b[31m", "del\u007f", LoneSurrogate, "a" + LoneSurrogate + "b" })
            Add(field, $"string {Escape(text)}", With(body, path, JsonValue.Create(text)), netted: false);
        foreach (var wrong in WrongTypes(type, format, enums.Count > 0))
            Add(field, $"wrong type {wrong.ToJsonString()}", With(body, path, wrong), netted: false);
        if (format == "date")
            foreach (var date in new[] { "0001-01-01", "9999-12-31", "1899-12-31", "3000-01-01", "2024-02-30", "2024-13-01", "2024-6-1", "20240601", "2024-06-01T00:00:00Z", "", " 2024-06-01", "+12024-01-01", "-0001-01-01" })
                Add(field, $"date {date}", With(body, path, JsonValue.Create(date)), netted: false);
        if (format == "uuid")
            foreach (var id in new[] { "not-a-uuid", "", "00000000-0000-0000-0000-00000000000g", "{" + Guid.Empty + "}x" })
                Add(field, $"uuid {id}", With(body, path, JsonValue.Create(id)), netted: false);
        if (enums.Count > 0)
            foreach (var bad in new[] { "no-such-value", "", "-", enums[0] + "-x" })
                Add(field, $"enum {bad}", With(body, path, JsonValue.Create(bad)), netted: false);
        if (type == "object")
            Add(field, "unknown nested property", With(body, path, WithUnknown(Generate(schema, Name(path)))), netted: false);

        // Might still be valid: netted.
        Add(field, "missing", Without(body, path), netted: true);
        Add(field, "null", With(body, path, null), netted: true);
        if (type == "string" || enums.Count > 0)
        {
            foreach (var text in new[] { "", " ", "\t\n\r", "😀🏗️", "\u202Eevil", "e\u0301", "\uFFFF", "111222333", "<script>alert(1)</script>", "' OR 1=1 --", "%00", "\\u0000", "GM0603", "12345678" })
                Add(field, $"string {Escape(text)}", With(body, path, JsonValue.Create(text)), netted: true);
            foreach (var length in new[] { 201, 501, 5_000, 100_000 })
                Add(field, $"string of {length}", With(body, path, JsonValue.Create(LongText(length))), netted: true);
            Add(field, "a number for a string", With(body, path, JsonValue.Create(12345)), netted: true);
            if (enums.Count > 0)
            {
                Add(field, "enum in capitals", With(body, path, JsonValue.Create(enums[0].ToUpperInvariant())), netted: true);
                foreach (var other in enums.Skip(1))
                    Add(field, $"enum {other}", With(body, path, JsonValue.Create(other)), netted: true);
            }
        }
        if (type is "number" or "integer")
            foreach (var number in new[] { "0", "-1", "-0.0", "0.001", "1.5", "101", "1e30", "-1e30", "1e-30", "1e308", "79228162514264337593543950336", "9223372036854775808", "2147483648", "100000000000000", "99999999999.99" })
                Add(field, $"number {number}", With(body, path, JsonNode.Parse(number)), netted: true);
        if (format == "date")
            foreach (var date in new[] { "1900-01-01", "2999-12-31", "2000-02-29", "1970-01-01" })
                Add(field, $"date {date}", With(body, path, JsonValue.Create(date)), netted: true);
        if (type == "object")
            Add(field, "empty object", With(body, path, new JsonObject()), netted: true);
        if (type == "array")
        {
            var element = schema["items"] is { } items ? Generate(operation.Schemas.Resolve(items), Name(path)) : JsonValue.Create(1);
            Add(field, "empty array", With(body, path, new JsonArray()), netted: true);
            Add(field, "a null element", With(body, path, new JsonArray(null, element.DeepClone())), netted: true);
            Add(field, "null elements", With(body, path, new JsonArray(null, null)), netted: true);
            Add(field, "an empty element", With(body, path, new JsonArray(new JsonObject())), netted: true);
            Add(field, "500 elements", With(body, path, new JsonArray([.. Enumerable.Range(0, 500).Select(_ => element.DeepClone())])), netted: true);
            Add(field, "duplicate elements", With(body, path, new JsonArray(element.DeepClone(), element.DeepClone())), netted: true);
        }
    }

    private static IEnumerable<JsonNode> WrongTypes(string? type, string? format, bool isEnum)
    {
        JsonNode[] structured = [new JsonObject(), new JsonArray(), JsonValue.Create(true)];
        return type switch
        {
            "number" or "integer" => [JsonValue.Create("12"), .. structured],
            "boolean" => [JsonValue.Create("true"), JsonValue.Create(1), new JsonObject(), new JsonArray()],
            "object" => [JsonValue.Create("x"), JsonValue.Create(5), new JsonArray(), JsonValue.Create(true)],
            "array" => [new JsonObject(), JsonValue.Create("x"), JsonValue.Create(5)],
            _ when format is "date" or "uuid" || isEnum => [JsonValue.Create(20240601), .. structured],
            _ => structured,
        };
    }

    // ---- per request ----

    private void BodyCases(JsonObject body)
    {
        var text = body.ToJsonString();
        foreach (var broken in new[] { " ", "{", "{\"", "[]", "[{}]", "null", "5", "\"text\"", "true", "{}}", "{,}", "{'a':1}", "{\"a\":NaN}", "/*c*/{}", "{\"a\" 1}", text[..^1] + ",}", text + text })
            Add("body", $"JSON {broken}", Encoding.UTF8.GetBytes(broken), netted: false);
        for (var i = 0; i < 5; i++)
        {
            var cut = random.Next(1, Math.Max(2, text.Length - 1));
            Add("body", $"truncated at {cut}", Encoding.UTF8.GetBytes(text[..cut]), netted: false);
        }
        foreach (var depth in new[] { 70, 1_000, 20_000 })
            Add("body", $"nested {depth} deep", Encoding.UTF8.GetBytes(text[..^1] + ",\"zzDeep\":" + new string('[', depth) + new string(']', depth) + "}"), netted: false);
        Add("body", "unknown property", WithUnknown(body), netted: false);
        Add("body", "$type property", Bytes(Copy(body).Also(b => b["$type"] = "System.Object")), netted: false);
        Add("body", "property named with NUL", Encoding.UTF8.GetBytes(text[..^1] + ",\"a\\u0000b\":1}"), netted: false);
        Add("body", "invalid UTF-8 in a string", [.. Encoding.UTF8.GetBytes("{\"zz\":\""), 0xC3, 0x28, 0xFF, .. "\"}"u8], netted: false);
        Add("body", "raw control byte in a string", [.. Encoding.UTF8.GetBytes(text[..^1] + ",\"zz\":\"a"), 0x01, .. "\"}"u8], netted: false);
        foreach (var size in new[] { 300 * 1024, 2 * 1024 * 1024 })
            Add("body", $"{size / 1024} KiB", Encoding.UTF8.GetBytes(text[..^1] + ",\"zzPad\":\"" + new string('a', size) + "\"}"), netted: false);
        foreach (var type in new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json-patch+json", "application/jsonx", "text/json", "application/problem+json", "*/*" })
            Add("Content-Type", type, Bytes(body), netted: false, contentType: type);
        Add("Content-Type", "none", Bytes(body), netted: false, contentType: null);

        Add("body", "empty", [], netted: true);
        Add("body", "duplicate property", Encoding.UTF8.GetBytes(text[..^1] + "," + text[1..]), netted: true);
        Add("body", "byte-order mark", [0xEF, 0xBB, 0xBF, .. Bytes(body)], netted: true);
        Add("Content-Type", "charset latin1", Bytes(body), netted: true, contentType: "application/json; charset=iso-8859-1");
    }

    private void HeaderCases(JsonObject? body)
    {
        // api-keys are not written through the ledger: a stale If-Match would not stop a valid key being issued.
        if (!operation.WritesEvents) return;
        var bytes = body is null ? null : Bytes(body);
        foreach (var tag in new[] { "W/\"1\"", "\"abc\"", "*", "\"0\"", "\"-1\"", "abc", "\"1\", \"2\"", "\"", "\"99999999999999999999999\"", "\"" + new string('9', 3000) + "\"" })
            AddHeader("If-Match", tag, bytes, netted: false);
        foreach (var header in new[] { "Idempotency-Key", "X-Correlation-ID", "X-Causation-ID" })
            foreach (var value in new[] { "", " ", new string('k', 300), new string('k', 5000), "with space", "ключ", "a,b", "%00", "111222333", "../../etc/passwd" })
                AddHeader(header, value, bytes, netted: true);
        AddHeader("Accept", "application/xml", bytes, netted: true);
    }

    private void PathCases(JsonObject? body)
    {
        // A %00 in the path is Kestrel's to refuse (400, before any middleware; see KestrelAnswerTests): the in-memory
        // test server refuses to send it at all.
        var bytes = body is null ? null : Bytes(body);
        foreach (var parameter in operation.PathParameters)
        {
            string[] values = parameter == "year"
                ? ["0", "-5", "99999", "2024.5", "1999", "2101", "abc", "2147483648", "%20", " 2024"]
                : ["x", "0", "-1", "99999999999999999999", new string('9', 300), "%20", "%25", "..", "111222333", "%C3%A9", Guid.NewGuid().ToString(),
                   Guid.Empty.ToString(), "%7Bid%7D", "a%0Ab", "a%01b", new string('a', 5000)];
            foreach (var value in values)
                requests.Add(new FuzzRequest(operation.OperationId, $"path {parameter}={Short(value)}", operation.Method,
                    Url(parameter, value), bytes, bytes is null ? null : "application/json", [], Netted: operation.WritesEvents));
        }
    }

    // ---- building blocks ----

    private void Add(string field, string what, JsonObject? body, bool netted) => Add(field, what, body is null ? null : Bytes(body), netted);

    private void Add(string field, string what, byte[]? body, bool netted, string? contentType = "application/json")
    {
        // A DELETE takes no body; it is malformed by its path and headers only. Without a net (api-keys), only what is
        // refused for sure is sent: a valid key would be issued.
        if (operation.Method == "DELETE" || (netted && !operation.WritesEvents)) return;
        requests.Add(new FuzzRequest(operation.OperationId, $"{field}: {what}", operation.Method, Url(), body, contentType, [],
            Netted: netted && operation.WritesEvents));
    }

    private void AddHeader(string name, string value, byte[]? body, bool netted) =>
        requests.Add(new FuzzRequest(operation.OperationId, $"{name}: {Short(value)}", operation.Method, Url(), body,
            body is null ? null : "application/json", [new(name, value)], Netted: netted));

    private string Url(string? replaced = null, string? value = null)
    {
        var path = operation.Path;
        foreach (var parameter in operation.PathParameters)
            path = path.Replace("{" + parameter + "}", parameter == replaced ? value : Target(parameter));
        return "/api/v1" + path;
    }

    private string Target(string parameter) => parameter switch
    {
        "fid" => targets.FulfilmentId,
        "candidateNumber" => targets.CandidateNumber,
        "placementId" => targets.PlacementId,
        "year" => "2024",
        // DELETE /api-keys/{id}: a key that does not exist, so that nothing is revoked.
        "id" when operation.Path.StartsWith("/api-keys", StringComparison.Ordinal) => Guid.NewGuid().ToString(),
        _ => targets.ContractId,
    };

    private JsonObject BaseBody() => start?.DeepClone().AsObject() ?? StartingBody();

    /// <summary>The documented example, else a body generated from the schema.</summary>
    public JsonObject StartingBody() =>
        operation.Example is JsonObject example ? example.DeepClone().AsObject() : Generate(operation.BodySchema!, "body").AsObject();

    /// <summary>Every property of the schema, nested ones through objects and the first element of arrays.</summary>
    private IEnumerable<(IReadOnlyList<object> Path, JsonObject Schema)> Properties(JsonObject schema, IReadOnlyList<object> at)
    {
        if (at.Count > 6 || schema["properties"] is not JsonObject properties) yield break;
        foreach (var (name, property) in properties)
        {
            var resolved = operation.Schemas.Resolve(property!);
            IReadOnlyList<object> path = [.. at, name];
            yield return (path, resolved);
            foreach (var nested in Properties(resolved, path)) yield return nested;
            if (OpenApiSchemas.Type(resolved) == "array" && resolved["items"] is { } items)
            {
                var element = operation.Schemas.Resolve(items);
                IReadOnlyList<object> first = [.. path, 0];
                foreach (var nested in Properties(element, first)) yield return nested;
            }
        }
    }

    /// <summary>A plausible value for a schema, by its type and format and, for strings, by the property's name.</summary>
    private JsonNode Generate(JsonObject schema, string name)
    {
        if (OpenApiSchemas.Enum(schema) is [var first, ..]) return JsonValue.Create(first);
        return (OpenApiSchemas.Type(schema), OpenApiSchemas.Format(schema)) switch
        {
            ("object", _) => new JsonObject(((schema["properties"] as JsonObject) ?? [])
                .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Generate(operation.Schemas.Resolve(p.Value!), p.Key)))),
            ("array", _) => new JsonArray(schema["items"] is { } items ? Generate(operation.Schemas.Resolve(items), name) : JsonValue.Create(1)),
            ("string", "date") => JsonValue.Create("2024-06-01"),
            ("string", "uuid") => JsonValue.Create(targets.ContractId),
            ("integer", _) => JsonValue.Create(2),
            ("number", _) when name.Contains("percentage", StringComparison.OrdinalIgnoreCase) => JsonValue.Create(5),
            ("number", _) when name.StartsWith("hours", StringComparison.OrdinalIgnoreCase) => JsonValue.Create(20),
            ("number", _) => JsonValue.Create(1000),
            ("boolean", _) => JsonValue.Create(false),
            _ => JsonValue.Create(name switch
            {
                "kvkNumber" => "12345678",
                "municipality" => "GM0603",
                "candidateNumber" => targets.CandidateNumber,
                "reference" => "FZ-" + random.Next(1_000_000),
                _ => "Fuzz " + name,
            }),
        };
    }

    private static JsonObject WithUnknown(JsonNode node) => node is JsonObject o ? Copy(o).Also(c => c["zzUnknown"] = 1) : new JsonObject { ["zzUnknown"] = 1 };

    private static JsonObject With(JsonObject body, IReadOnlyList<object> path, JsonNode? value)
    {
        var copy = Copy(body);
        JsonNode parent = copy;
        for (var i = 0; i < path.Count - 1; i++)
            parent = Step(parent, path[i], path[i + 1] is int ? new JsonArray() : new JsonObject());
        switch (path[^1])
        {
            case string name: parent.AsObject()[name] = value?.DeepClone(); break;
            case int index:
                var array = parent.AsArray();
                while (array.Count <= index) array.Add(new JsonObject());
                array[index] = value?.DeepClone();
                break;
        }
        return copy;
    }

    private static JsonObject Without(JsonObject body, IReadOnlyList<object> path)
    {
        var copy = Copy(body);
        JsonNode? parent = copy;
        foreach (var step in path.Take(path.Count - 1))
            parent = step is string name ? (parent as JsonObject)?[name] : parent is JsonArray { Count: > 0 } a ? a[(int)step] : null;
        if (parent is JsonObject o && path[^1] is string last) o.Remove(last);
        return copy;
    }

    /// <summary>The child at <paramref name="step"/>, made (as <paramref name="empty"/>) when the body lacks it.</summary>
    private static JsonNode Step(JsonNode parent, object step, JsonNode empty)
    {
        if (step is string name)
        {
            var o = parent.AsObject();
            if (o[name] is not JsonObject and not JsonArray) o[name] = empty;
            return o[name]!;
        }
        var array = parent.AsArray();
        var index = (int)step;
        while (array.Count <= index) array.Add(new JsonObject());
        if (array[index] is null) array[index] = empty;
        return array[index]!;
    }

    private static JsonObject Copy(JsonObject body) => body.DeepClone().AsObject();

    /// <summary>The body as UTF-8; the lone-surrogate marker becomes the escape <c>\ud800</c>, which no serializer writes.</summary>
    private static byte[] Bytes(JsonObject body) => Encoding.UTF8.GetBytes(body.ToJsonString().Replace(Escape(LoneSurrogate), "\\ud800"));

    private static string Escape(string text) => JsonValue.Create(text).ToJsonString()[1..^1];

    private string LongText(int length) => new([.. Enumerable.Range(0, length).Select(_ => (char)('a' + random.Next(26)))]);

    private static string FieldName(IReadOnlyList<object> path) =>
        string.Concat(path.Select((p, i) => p is int n ? $"[{n}]" : (i == 0 ? "" : ".") + p));

    private static string Name(IReadOnlyList<object> path) => path.OfType<string>().LastOrDefault() ?? "body";

    private static string Short(string value) => value.Length > 40 ? $"{value[..20]}… ({value.Length} chars)" : value;
}

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject node, Action<JsonObject> change)
    {
        change(node);
        return node;
    }
}
