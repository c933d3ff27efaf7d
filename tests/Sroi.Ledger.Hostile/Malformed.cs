using System.Text;
using System.Text.Json.Nodes;

namespace Sroi.Ledger.Hostile;

/// <summary>
/// Malformed requests over every write operation of the OpenAPI document (but the rebuild and the on-demand checkpoint,
/// which take no input): each starting body broken one thing at a time, sent with a key of a role that may call the
/// operation and aimed at seeded resources, so that validation is what answers. Every one must be refused (4xx).
/// A ledger write (one that takes If-Match) is sent with a stale If-Match: the write path judges the request in full
/// (role, scope, validation, rules) and only then compares versions, so a 412 means "accepted but for the version" and
/// counts as accepted, and no malformed request can change the seeded state that later ones are judged against. The
/// other writes (api-keys, webhook subscriptions) are sent as they are: their 2xx is real.
/// </summary>
internal static class Malformed
{
    public const string Category = "malformed";
    public const string StaleIfMatch = "\"987654321\"";

    /// <summary>Reports that were a 412 behind the net, sent again without it (one per kind): each should be a 201.</summary>
    public const string NetCheck = "malformed, 412 sent again without If-Match";

    private const string Invisible = "\u200b\u200c\u200d\ufeff";

    public static async Task RunAsync(Target target, World world, OpenApi api, Results results, List<string> notes)
    {
        var operations = api.Operations.Where(o => o.IsWrite && o.OperationId is not ("rebuildProjections" or "makeCheckpoints")).ToList();
        var starts = 0;
        var judged = new List<string>();
        var unjudged = new List<string>();
        var resend = new Dictionary<string, (string Url, string Key, byte[] Body, string What)>();
        foreach (var operation in operations)
        {
            var key = world.KeyFor(operation) ?? target.AdminKey;
            KeyValuePair<string, string>[] net = operation.LedgerWrite ? [new("If-Match", StaleIfMatch)] : [];
            var bodies = operation.Method == "DELETE" || operation.BodySchema is null ? [] : Bodies.StartingBodies(operation);
            foreach (var start in bodies)
            {
                starts++;
                // The starting body itself, not counted: it must be accepted, or its malformations prove little.
                var first = await target.SendAsync(operation.Method, world.Url(operation), key, JsonPaths.Bytes(start), headers: net);
                (Accepted(first.Status) ? judged : unjudged).Add($"{operation.OperationId} ({first.Status})");
                foreach (var (kind, what, bytes) in Cases(api, operation, start))
                {
                    if (target.OutOfTime) break;
                    var answer = await target.SendAsync(operation.Method, world.Url(operation), key, bytes, headers: net);
                    results.Row(Category, kind).Count(answer.Status, Accepted(answer.Status), answer.EventsWritten,
                        $"{operation.OperationId} {what}{Why(answer)}");
                    // A report without an invoice number can be made any number of times: the one to send again for real.
                    if (answer.Status == 412 && operation.OperationId == "reportFulfilment" && start["invoiceNumber"] is null)
                        resend.TryAdd(kind, (world.Url(operation), key, bytes, $"{operation.OperationId} {what}"));
                }
            }
            var body = bodies.Count > 0 ? JsonPaths.Bytes(bodies[0]) : null;
            foreach (var parameter in operation.PathParameters)
                foreach (var value in new[] { "x", "99999999999999999999", "%E2%80%AE" + parameter, "%C2%85" })
                {
                    if (target.OutOfTime) break;
                    var answer = await target.SendAsync(operation.Method, world.Url(operation, parameter, value), key, body,
                        body is null ? null : "application/json", net);
                    results.Row(Category, "bad path id").Count(answer.Status, Accepted(answer.Status), answer.EventsWritten,
                        $"{operation.OperationId} {parameter}={value}{Why(answer)}");
                }
        }
        // The net's check: the first report of each kind that was a 412, sent again without If-Match, must be what a 412
        // stands for here: a 201.
        foreach (var (kind, (url, key, body, what)) in resend)
        {
            var answer = await target.SendAsync("POST", url, key, body);
            results.Row(NetCheck, kind).Count(answer.Status, answer.Status is >= 200 and < 300, answer.EventsWritten, what + Why(answer));
        }
        notes.Add($"malformed: {operations.Count} write operations, {starts} starting bodies; accepted as they are (2xx, or 412 behind the stale If-Match): " +
            $"{judged.Count}; not accepted, so their malformations are refused for more than one reason: {unjudged.Count}" +
            (unjudged.Count > 0 ? " (" + string.Join(", ", unjudged.GroupBy(u => u).Select(g => g.Count() > 1 ? $"{g.Key} ×{g.Count()}" : g.Key)) + ")" : "") + ".");
    }

    /// <summary>2xx, or a 412 behind the stale If-Match: the service judged the request acceptable.</summary>
    private static bool Accepted(int status) => status is (>= 200 and < 300) or 412;

    private static IEnumerable<(string Kind, string What, byte[] Body)> Cases(OpenApi api, Operation operation, JsonObject start)
    {
        var text = Encoding.UTF8.GetString(JsonPaths.Bytes(start));
        foreach (var cut in new[] { text.Length / 3, 2 * text.Length / 3, text.Length - 1 }.Distinct())
            yield return ("truncated or broken JSON", $"cut at {cut}", Encoding.UTF8.GetBytes(text[..cut]));
        // An empty body is no body: malformed only where the body has required fields (an acceptance's note is optional).
        var hasRequired = operation.BodySchema?["required"] is JsonArray { Count: > 0 };
        foreach (var broken in new[] { "", "{", "[]", "null", "{\"a\":}" }.Where(b => b.Length > 0 || hasRequired))
            yield return ("truncated or broken JSON", $"body '{broken}'", Encoding.UTF8.GetBytes(broken));

        foreach (var property in JsonPaths.Walk(api, start, operation.BodySchema))
        {
            var name = property.Name;
            var required = OpenApi.IsRequired(property.ParentSchema, property.Path[^1]);
            foreach (var wrong in WrongTypes(property.Value))
                yield return ("wrong type", $"{name}={wrong.ToJsonString()}", JsonPaths.Bytes(JsonPaths.With(start, property.Path, wrong)));
            if (required)
            {
                yield return ("missing or null required field", $"{name} missing", JsonPaths.Bytes(JsonPaths.Without(start, property.Path)));
                yield return ("missing or null required field", $"{name}=null", JsonPaths.Bytes(JsonPaths.With(start, property.Path, null)));
            }
            if (property.Value is JsonValue number && number.GetValueKind() == System.Text.Json.JsonValueKind.Number)
            {
                foreach (var huge in new[] { "1e30", "79228162514264337593543950336", "-1e308" })
                    yield return ("huge number", $"{name}={huge}", With(start, property.Path, huge));
                // The tester's value, and one that fits every range (a percentage ≤ 100, hours a week), so only its decimals are wrong.
                foreach (var excess in new[] { "100.00999999999999999999999999999", "10.00999999999999999999999999999", "1e-3", "12.345" })
                    yield return ("excess decimals", $"{name}={excess}", With(start, property.Path, excess));
            }
            if (property.Value is JsonValue s && s.GetValueKind() == System.Text.Json.JsonValueKind.String && OpenApi.IsFreeText(property.Schema))
            {
                // Required by the schema, or a field of a documented example (a report's description is required for its kind).
                if (required || operation.Examples.Count > 0)
                    yield return ("invisible-only text", $"{name}=\"{Invisible}\"", Text(start, property.Path, Invisible));
                var original = s.GetValue<string>();
                foreach (var c1 in new[] { "\u0085", "\u009b" })
                    yield return ("C1 control", $"{name} with U+{(int)c1[0]:X4}", Text(start, property.Path, original + c1 + "x"));
                yield return ("U+202E (right-to-left override)", $"{name} with U+202E", Text(start, property.Path, "abc\u202edef " + original));
                yield return ("U+FFFE (non-character)", $"{name} with U+FFFE", Text(start, property.Path, original + "\ufffe"));
            }
        }
    }

    private static IEnumerable<JsonNode> WrongTypes(JsonNode? value) => value?.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.String => [JsonValue.Create(12345), JsonValue.Create(true), new JsonObject(), new JsonArray()],
        System.Text.Json.JsonValueKind.Number => [JsonValue.Create("12"), JsonValue.Create(true), new JsonObject()],
        System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => [JsonValue.Create("true"), JsonValue.Create(1)],
        System.Text.Json.JsonValueKind.Object => [JsonValue.Create("x"), JsonValue.Create(5), new JsonArray()],
        System.Text.Json.JsonValueKind.Array => [new JsonObject(), JsonValue.Create("x")],
        _ => [],
    };

    /// <summary>A number as its exact text: JsonNode.Parse keeps the token, so no conversion rounds it before it is sent.</summary>
    private static byte[] With(JsonObject start, IReadOnlyList<object> path, string numberText) =>
        JsonPaths.Bytes(JsonPaths.With(start, path, JsonNode.Parse(numberText)));

    private static byte[] Text(JsonObject start, IReadOnlyList<object> path, string value) =>
        JsonPaths.Bytes(JsonPaths.With(start, path, JsonValue.Create(value)));

    /// <summary>The answer's body where it explains something (a 5xx); an acceptance or a 412 says nothing more than its status.</summary>
    public static string Why(Answer answer) => answer.Status >= 500 ? " → " + (answer.Body.Length > 160 ? answer.Body[..160] + "…" : answer.Body) : "";
}
