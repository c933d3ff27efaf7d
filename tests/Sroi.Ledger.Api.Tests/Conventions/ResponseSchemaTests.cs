using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Candidates;
using Sroi.Ledger.Api.Tests.Fulfilments;

namespace Sroi.Ledger.Api.Tests.Conventions;

/// <summary>
/// The document's response schemas held to real answers: every property a schema marks <c>required</c> is in the answer
/// (recursively: nested objects, array items, references, the report's <c>oneOf</c> by its <c>kind</c>), and a property
/// is null only where its schema allows null. A generated client types a required field as always there and a
/// non-nullable one as never null; these answers prove both.
/// </summary>
[Collection(ApiCollection.Name)]
public class ResponseSchemaTests(LedgerApi api)
{
    [Fact]
    public async Task Real_answers_hold_every_field_their_schema_requires_and_null_only_where_it_allows_null()
    {
        var document = (await (await api.Client().GetAsync("/api/v1/openapi.json")).ShouldBeAsync(HttpStatusCode.OK)).AsObject();
        var schemas = document["components"]!["schemas"]!.AsObject();
        var contract = await FulfilmentBodies.ContractAsync(api);
        var admin = api.Admin();
        var answers = new List<(string OperationId, string Status, JsonNode Body)>();
        async Task<JsonNode> Answer(string operationId, HttpStatusCode status, Task<HttpResponseMessage> request)
        {
            var body = await (await request).ShouldBeAsync(status);
            answers.Add((operationId, ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), body));
            return body;
        }

        // Reports of every kind, so that each branch of the report's oneOf meets a real answer.
        var reports = new List<JsonNode>();
        foreach (var body in new[]
                 {
                     FulfilmentBodies.Employment(), FulfilmentBodies.Internship(), FulfilmentBodies.Bbl(),
                     new JsonObject { ["kind"] = "training", ["description"] = "VCA-opleiding", ["cost"] = 1250 },
                     new JsonObject { ["kind"] = "social-activity", ["description"] = "Gastlessen", ["hours"] = 12, ["date"] = "2024-10-03" },
                 })
            reports.Add(await Answer("reportFulfilment", HttpStatusCode.Created, contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments", body)));
        await Answer("acceptFulfilment", HttpStatusCode.OK,
            contract.Wsp.PostJsonAsync($"{contract.Url}/fulfilments/{reports[0]["id"]}/acceptance", new JsonObject { ["note"] = "Akkoord" }));
        await Answer("getContract", HttpStatusCode.OK, contract.Wsp.GetAsync(contract.Url));
        await Answer("listContracts", HttpStatusCode.OK, contract.Wsp.GetAsync("/api/v1/contracts?pageSize=5"));
        await Answer("getContractBalance", HttpStatusCode.OK, contract.Wsp.GetAsync($"{contract.Url}/balance"));
        await Answer("listFulfilments", HttpStatusCode.OK, contract.Wsp.GetAsync($"{contract.Url}/fulfilments"));
        await Answer("getFulfilment", HttpStatusCode.OK, contract.Wsp.GetAsync($"{contract.Url}/fulfilments/{reports[1]["id"]}"));

        var candidate = await contract.Wsp.RegisterAsync();
        await Answer("getCandidate", HttpStatusCode.OK, contract.Wsp.GetAsync($"/api/v1/candidates/{candidate}"));
        // A ww candidate too, so that a list item meets a null benefitAct.
        var ww = await contract.Wsp.RegisterAsync(CandidateBodies.Registration(targetGroup: "ww"));
        await Answer("listCandidates", HttpStatusCode.OK, contract.Wsp.GetAsync($"/api/v1/candidates?q={ww}"));
        await Answer("listCandidates", HttpStatusCode.OK, contract.Wsp.GetAsync($"/api/v1/candidates?q={candidate}"));

        var subscription = await Answer("createWebhookSubscription", HttpStatusCode.Created, admin.PostJsonAsync("/api/v1/webhook-subscriptions",
            new JsonObject { ["url"] = "https://wsp.example.nl/sroi", ["types"] = new JsonArray("fulfilment.reported"), ["municipality"] = "GM0603" }));
        await Answer("getWebhookSubscription", HttpStatusCode.OK, admin.GetAsync($"/api/v1/webhook-subscriptions/{subscription["id"]}"));
        await Answer("listWebhookSubscriptions", HttpStatusCode.OK, admin.GetAsync("/api/v1/webhook-subscriptions?municipality=GM0603"));
        await Answer("rotateWebhookSecret", HttpStatusCode.OK, admin.PostJsonAsync($"/api/v1/webhook-subscriptions/{subscription["id"]}/secret-rotation", new JsonObject()));
        await Answer("listWebhookDeliveries", HttpStatusCode.OK, admin.GetAsync($"/api/v1/webhook-subscriptions/{subscription["id"]}/deliveries"));

        var key = await Answer("issueApiKey", HttpStatusCode.Created, admin.PostJsonAsync("/api/v1/api-keys",
            new JsonObject { ["role"] = "wsp", ["municipality"] = "GM0603", ["description"] = "Schema test" }));
        await Answer("getApiKey", HttpStatusCode.OK, admin.GetAsync($"/api/v1/api-keys/{key["id"]}"));
        await Answer("listApiKeys", HttpStatusCode.OK, admin.GetAsync("/api/v1/api-keys"));
        await Answer("getCheckpointPublicKey", HttpStatusCode.OK, admin.GetAsync("/api/v1/audit/public-key"));
        await Answer("listCheckpoints", HttpStatusCode.OK, admin.GetAsync("/api/v1/audit/checkpoints"));

        var violations = new List<string>();
        var checkedFields = 0;
        foreach (var (operationId, status, body) in answers)
        {
            Check(schemas, body, ResponseSchema(document, operationId, status), operationId, violations, ref checkedFields);
        }
        violations.Should().BeEmpty();
        checkedFields.Should().BeGreaterThan(300, "the answers above hold that many required fields");
    }

    private static JsonObject ResponseSchema(JsonObject document, string operationId, string status) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(method => method.Value!.AsObject()))
            .Single(operation => operation["operationId"]!.GetValue<string>() == operationId)
            ["responses"]![status]!["content"]!["application/json"]!["schema"]!.AsObject();

    /// <summary>Walks the answer along its schema, adding each required property that is missing and each null the schema does not allow.</summary>
    private static void Check(JsonObject schemas, JsonNode? value, JsonObject schema, string path, List<string> violations, ref int checkedFields)
    {
        if (value is null)
        {
            // A property that may be null says so beside its $ref (allOf [$ref], nullable) or in its own schema.
            if (!AllowsNull(schema) && !AllowsNull(Resolved(schemas, schema))) violations.Add($"{path}: null, but the schema does not allow null");
            return;
        }
        schema = Resolved(schemas, schema);
        if (schema["oneOf"] is JsonArray)
        {
            // The branch the discriminator names: the value's kind.
            var discriminator = schema["discriminator"]!.AsObject();
            var property = discriminator["propertyName"]!.GetValue<string>();
            if (value[property] is not JsonValue kind || discriminator["mapping"]![kind.GetValue<string>()] is not JsonValue target)
            {
                violations.Add($"{path}: {property} names no shape of the oneOf");
                return;
            }
            Check(schemas, value, new JsonObject { ["$ref"] = target.GetValue<string>() }, path, violations, ref checkedFields);
            return;
        }
        if (value is JsonObject obj)
        {
            foreach (var required in schema["required"]?.AsArray().Select(n => n!.GetValue<string>()) ?? [])
            {
                checkedFields++;
                if (!obj.ContainsKey(required)) violations.Add($"{path}.{required}: required, but missing");
            }
            foreach (var (name, child) in obj)
            {
                if (schema["properties"] is JsonObject properties && properties[name] is JsonObject childSchema)
                    Check(schemas, child, childSchema, $"{path}.{name}", violations, ref checkedFields);
                else if (schema["additionalProperties"] is JsonObject values)
                    Check(schemas, child, values, $"{path}.{name}", violations, ref checkedFields);
                else if (schema["properties"] is JsonObject)
                    violations.Add($"{path}.{name}: in the answer, but not in its schema");
            }
        }
        else if (value is JsonArray array && schema["items"] is JsonObject items)
            for (var i = 0; i < array.Count; i++)
                Check(schemas, array[i], items, $"{path}[{i}]", violations, ref checkedFields);
    }

    private static JsonObject Resolved(JsonObject schemas, JsonObject schema)
    {
        for (var depth = 0; depth < 10; depth++)
        {
            if (schema["$ref"]?.GetValue<string>() is { } reference) schema = schemas[reference.Split('/')[^1]]!.AsObject();
            else if (schema["allOf"] is JsonArray { Count: 1 } all) schema = all[0]!.AsObject();
            else break;
        }
        return schema;
    }

    /// <summary>OpenAPI 3.1: null among the types (or a oneOf/anyOf with a null branch); 3.0: <c>nullable: true</c>.</summary>
    private static bool AllowsNull(JsonObject schema) =>
        schema["nullable"]?.GetValue<bool>() == true
        || schema["type"] is JsonArray types && types.Any(t => t!.GetValue<string>() == "null")
        || schema["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && schema["type"]!.GetValue<string>() == "null"
        || (schema["oneOf"] ?? schema["anyOf"]) is JsonArray any && any.Any(s => s!["type"]?.ToString() == "null");
}
