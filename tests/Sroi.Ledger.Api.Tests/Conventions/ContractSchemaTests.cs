using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Sroi.Ledger.Api.Tests.Conventions;

/// <summary>
/// The OpenAPI document is the contract a generated client is built from: these tests read it and hold the server to
/// it in both directions. A field declared required is refused when left out (a 400 naming it) and a field not declared
/// required is not; a declared maxLength, pattern, range or enum is exactly what the server checks; every operation
/// lists the problems it can answer. The write bodies are sent to paths with unknown ids: validation comes before any
/// lookup, so a body the server accepts answers 404 there, and a broken one 400.
/// </summary>
[Collection(ApiCollection.Name)]
public class ContractSchemaTests(LedgerApi api)
{
    /// <summary>No other test uses it, so what these requests write stays out of their figures.</summary>
    private const string Municipality = "GM0999";

    /// <summary>A valid body for every write operation, and the role that sends it; the document's own examples are tried too.</summary>
    private static readonly Dictionary<string, (string Role, string Body)> Writes = new()
    {
        ["issueApiKey"] = ("admin", """{"role": "opdrachtnemer", "municipality": "GM0999", "kvkNumber": "12345678", "description": "Schema test"}"""),
        ["addSroiPolicyVersion"] = ("admin", """
            {"municipality": "GM0999", "effectiveFrom": "2024-01-01", "percentage": 5,
             "thresholds": {"werken": 150000, "diensten": 150000, "leveringen": 150000}, "description": "Schema test",
             "reportingIntervalMonths": 6, "repairPeriodMonths": 3}
            """),
        ["addBuildingBlockTable"] = ("wsp", """
            {"municipality": "GM0999", "effectiveFrom": "2024-01-01", "name": "Schema test", "hoursPerFullTimeWeek": 36,
             "blocks": [{"code": "participatiewet", "valuePerYear": 40000, "capMonths": 24}],
             "bonuses": {"age55Plus": 10000, "workLimitation": 10000, "hiredAfterVsoInternship": 25000},
             "socialProcurementShares": [{"recognition": "social-enterprise-nl", "percentage": 50}], "socialActivityPerHour": 25}
            """),
        ["registerContract"] = ("inkoop", """
            {"reference": "SCHEMA-1", "title": "Herinrichting", "category": "werken", "contractValue": 200000,
             "contractor": {"kvkNumber": "12345678", "name": "Bouwbedrijf B.V."}, "awardedOn": "2024-03-01",
             "startsOn": "2024-04-01", "endsOn": "2025-03-31", "scope": "regional", "sroi": {"percentage": 5, "reason": "Beleid"}}
            """),
        ["amendContract"] = ("inkoop", """{"contractValue": 250000, "effectiveOn": "2024-06-01", "reason": "Meerwerk"}"""),
        ["completeContract"] = ("inkoop", """{"completedOn": "2025-03-31"}"""),
        ["settleObligation"] = ("wsp", """{"outcome": "penalty", "amount": 3000, "reason": "Pro rata"}"""),
        // Issue 21: the plan of approach.
        ["submitContractPlan"] = ("inkoop", """{"lines": [{"kind": "bbl", "block": "bbl-level2-or-lower", "from": "2024-04-01", "to": "2024-12-31", "amount": 2}]}"""),
        ["approveContractPlan"] = ("wsp", """{"note": "Akkoord"}"""),
        ["returnContractPlan"] = ("wsp", """{"reason": "Onvolledig"}"""),
        ["reportFulfilment"] = ("wsp", """{"kind": "training", "description": "VCA-opleiding", "cost": 1250, "date": "2024-06-12"}"""),
        ["correctFulfilment"] = ("wsp", """{"kind": "training", "description": "VCA-opleiding", "cost": 1250, "date": "2024-06-12"}"""),
        ["acceptFulfilment"] = ("wsp", """{"note": "Akkoord"}"""),
        ["rejectFulfilment"] = ("wsp", """{"reason": "Onvolledig"}"""),
        ["withdrawFulfilment"] = ("wsp", """{"reason": "Vergissing"}"""),
        ["registerCandidate"] = ("wsp", """
            {"candidateNumber": "SCHEMA-1", "municipality": "GM0999", "registeredOn": "2024-01-10", "trede": 2,
             "targetGroup": "participatiewet", "benefitSince": "2023-06-01"}
            """),
        ["changeTrede"] = ("wsp", """{"trede": 3, "effectiveOn": "2024-03-01", "reason": "Herbeoordeling"}"""),
        ["endBenefit"] = ("wsp", """{"effectiveOn": "2024-05-01", "reason": "work-income"}"""),
        ["changeBenefitAct"] = ("wsp", """{"benefitAct": "ioaw", "effectiveOn": "2024-03-01"}"""),
        ["changeWspService"] = ("wsp", """{"served": false, "effectiveOn": "2024-03-01"}"""),
        ["recordPlacement"] = ("wsp", """
            {"employer": {"kvkNumber": "12345678", "name": "Bouwbedrijf B.V."}, "startedOn": "2024-04-01", "hoursPerWeek": 36,
             "fullTime": true, "kind": "regular", "channel": "wsp"}
            """),
        ["correctPlacement"] = ("wsp", """{"startedOn": "2024-04-02", "hoursPerWeek": 32, "fullTime": false, "reason": "Typefout"}"""),
        ["endPlacement"] = ("wsp", """{"endedOn": "2024-09-30", "reason": "Contract afgelopen"}"""),
        ["withdrawPlacement"] = ("wsp", """{"reason": "Vergissing"}"""),
        ["correctPlacementEnd"] = ("wsp", """{"endedOn": "2024-10-31", "reason": "Verlengd"}"""),
        ["setAmbition"] = ("wsp", """{"municipality": "GM0999", "placements": 100, "sroiPlacements": 10}"""),
        ["createWebhookSubscription"] = ("admin", """{"url": "https://wsp.example.nl/sroi", "types": ["fulfilment.reported"], "municipality": "GM0999"}"""),
        ["rotateWebhookSecret"] = ("admin", """{"changeoverHours": 24}"""),
        // Issue 22: programmes, enrolments, outcomes, day activities.
        ["registerProgramme"] = ("wsp", """
            {"municipality": "GM0999", "code": "schema-test", "name": "Schema test", "startsOn": "2024-01-01", "endsOn": "2024-12-31",
             "outcomes": ["first-talk", "to-work"]}
            """),
        ["amendProgramme"] = ("wsp", """{"name": "Schema test", "endsOn": "2025-06-30", "outcomes": ["first-talk"], "reason": "Verlengd"}"""),
        ["enrolInProgramme"] = ("wsp", """{"enrolledOn": "2024-02-01"}"""),
        ["endProgrammeEnrolment"] = ("wsp", """{"endedOn": "2024-06-30", "reason": "Afgerond"}"""),
        ["recordProgrammeOutcome"] = ("wsp", """{"outcome": "first-talk", "on": "2024-02-01"}"""),
        ["withdrawProgrammeOutcome"] = ("wsp", """{"outcome": "first-talk", "on": "2024-02-01", "reason": "Per vergissing vastgelegd"}"""),
        ["recordDayActivity"] = ("wsp", """{"activity": "working", "effectiveOn": "2024-03-01"}"""),
        // A read with a body: the checkpoint copy to verify against (this one is not a checkpoint, so always a 400).
        ["verifyLedgerAgainstCheckpoint"] = ("admin", """{"payload": "{\"format\": \"sroi-ledger-checkpoint/1\"}", "signature": "AA=="}"""),        // Not the ledger: the caller's own read marker of the notification feed (the start of the feed is always a cursor).
        ["markNotificationsRead"] = ("wsp", """{"cursor": "0-0"}"""),
        // Issue 21: PSO certificates (of KvK 12345678 in GM0999, the wsp key's municipality).
        ["recordPsoCertificate"] = ("wsp", """{"level": "trede1", "validFrom": "2024-01-01", "validTo": "2024-12-31", "certificateNumber": "PSO-1"}"""),
        ["correctPsoCertificate"] = ("wsp", """{"level": "trede2", "validFrom": "2024-01-01", "validTo": "2024-12-31", "reason": "Typefout"}"""),
        ["withdrawPsoCertificate"] = ("wsp", """{"reason": "Vergissing"}"""),
    };

    private readonly Dictionary<string, HttpClient> clients = [];

    [Fact]
    public async Task Every_operation_declares_the_problems_it_can_answer_as_problem_json()
    {
        var document = await DocumentAsync();
        var operations = Operations(document).ToList();
        operations.Should().HaveCountGreaterThan(35);

        foreach (var op in operations)
        {
            var declared = op.Operation["responses"]!.AsObject().Select(r => r.Key).ToList();
            var because = $"{op.Method} {op.Path} ({op.Id})";
            declared.Should().Contain(["400", "401", "403", "429", "503"], because);
            if (op.Body is not null) declared.Should().Contain(["413", "415"], because);
            // Keys, subscriptions and read markers are plain tables, not ledger streams: no version to race for, no business rule;
            // a verification against a posted checkpoint copy writes nothing at all.
            if (op.Body is not null && op.Id is not ("issueApiKey" or "createWebhookSubscription" or "rotateWebhookSecret" or "verifyLedgerAgainstCheckpoint"
                    or "markNotificationsRead"))
                declared.Should().Contain(["409", "412", "422"], because + ": a ledger write");
            if (op.Path.Contains("{id}") || op.Path.Contains("{candidateNumber}")) declared.Should().Contain("404", because);
            foreach (var (status, response) in op.Operation["responses"]!.AsObject().Where(r => r.Key[0] is '4' or '5'))
            {
                var schema = response!["content"]?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>();
                schema.Should().NotBeNull($"{because} {status} is problem+json");
                var resolved = Resolve(document, schema!);
                resolved["required"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Contain(["type", "title", "status"]);
                if (status == "400") resolved["required"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Contain("errors");
                if (status is "429" or "503") response["headers"]!["Retry-After"].Should().NotBeNull(because);
            }
        }
        // Ledger writes say which headers they take.
        var amend = operations.Single(o => o.Id == "amendContract").Operation["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>());
        amend.Should().Contain(["If-Match", "Idempotency-Key", "X-Correlation-ID", "X-Causation-ID"]);
    }

    [Fact]
    public async Task Every_request_body_declares_its_required_fields_and_every_write_is_tried_here()
    {
        var document = await DocumentAsync();
        var bodies = Operations(document).Where(o => o.Body is not null).ToList();

        bodies.Select(o => o.Id).Should().BeEquivalentTo(Writes.Keys, "every write operation has a valid body in this test");
        foreach (var op in bodies)
        {
            // A body of one shape per kind (a report) declares what each kind requires: kind, at least.
            var shapes = op.Body!["oneOf"] is JsonArray branches
                ? branches.Select(b => Resolve(document, b!["$ref"]!.GetValue<string>())).ToList()
                : [op.Body!];
            foreach (var shape in shapes)
            {
                // A body that may be left out altogether (an acceptance without a note) has nothing required.
                if (op.BodyRequired)
                {
                    shape["required"].Should().NotBeNull($"{op.Id} declares what it requires");
                    shape["required"]!.AsArray().Count.Should().BePositive($"{op.Id} declares what it requires");
                }
                else
                    shape["required"].Should().BeNull($"{op.Id}'s body is optional");
            }
        }
    }

    [Fact]
    public async Task A_field_is_refused_when_left_out_exactly_when_the_document_declares_it_required()
    {
        var checkedFields = 0;
        foreach (var (op, body, field) in FieldsOfEveryBody(await DocumentAsync()))
        {
            if (field.Conditional) continue;
            var errors = await ErrorsAsync(op, With(body, field.Segments, null));
            if (field.Required)
                errors.Should().Contain(field.Path, $"{op.Id} declares {field.Path} required");
            else
                errors.Should().NotContain(field.Path, $"{op.Id} declares {field.Path} optional");
            checkedFields++;
        }
        checkedFields.Should().BeGreaterThan(100);
    }

    [Fact]
    public async Task Declared_lengths_patterns_ranges_and_enums_are_what_the_server_checks()
    {
        var checks = 0;
        foreach (var (op, body, field) in FieldsOfEveryBody(await DocumentAsync()))
        {
            var schema = field.Schema;
            async Task Refused(JsonNode value, string what)
            {
                (await ErrorsAsync(op, With(body, field.Segments, value))).Should().Contain(field.Path, $"{op.Id}: {field.Path} {what}");
                checks++;
            }
            async Task Accepted(JsonNode value, string what)
            {
                (await ErrorsAsync(op, With(body, field.Segments, value))).Should().NotContain(field.Path, $"{op.Id}: {field.Path} {what}");
                checks++;
            }
            if (schema["maxLength"]?.GetValue<int>() is { } max && schema["pattern"] is null)
            {
                await Refused(new string('a', max + 1), $"longer than maxLength {max}");
                await Accepted(new string('a', max), $"of maxLength {max}");
            }
            if (schema["pattern"] is not null)
                await Refused("not a match!", $"not matching {schema["pattern"]}");
            if (schema["type"]?.GetValue<string>() == "integer")
            {
                if (schema["maximum"]?.GetValue<long>() is { } maximum) await Refused(maximum + 1, $"above maximum {maximum}");
                if (schema["minimum"]?.GetValue<long>() is { } minimum) await Refused(minimum - 1, $"below minimum {minimum}");
            }
            if (schema["enum"] is JsonArray values)
            {
                foreach (var value in values) await Accepted(value!.DeepClone(), $"= {value}, a declared value");
                await Refused("not-a-value", "not a declared value");
            }
        }
        checks.Should().BeGreaterThan(100);
    }

    private sealed record Op(string Id, string Method, string Path, JsonObject Operation, JsonObject? Body, bool BodyRequired);

    private sealed record Field(string Path, IReadOnlyList<object> Segments, JsonObject Schema, bool Required, bool Conditional);

    private async Task<JsonObject> DocumentAsync() =>
        (await (await api.Client().GetAsync("/api/v1/openapi.json")).ShouldBeAsync(HttpStatusCode.OK)).AsObject();

    private static IEnumerable<Op> Operations(JsonObject document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        foreach (var (method, node) in item!.AsObject())
        {
            var operation = node!.AsObject();
            var body = operation["requestBody"];
            var schema = body?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>();
            // A body without a schema of its own would leave the operation out of every check on bodies, unnoticed.
            if (body is not null) schema.Should().NotBeNull($"{operation["operationId"]}'s request body is a JSON schema by reference");
            yield return new Op(operation["operationId"]!.GetValue<string>(), method.ToUpperInvariant(), path, operation,
                schema is null ? null : Resolve(document, schema), body?["required"]?.GetValue<bool>() ?? false);
        }
    }

    /// <summary>Each field of this test's body for each write and of the document's examples for it.</summary>
    private static IEnumerable<(Op Op, JsonObject Body, Field Field)> FieldsOfEveryBody(JsonObject document) =>
        from op in Operations(document).Where(o => o.Body is not null)
        let examples = op.Operation["requestBody"]!["content"]!["application/json"]!["examples"]?.AsObject()
            .Select(e => e.Value!["value"]!.DeepClone().AsObject()) ?? []
        from body in examples.Prepend(JsonNode.Parse(Writes[op.Id].Body)!.AsObject()).ToList()
        from field in Fields(document, body, op.Body!)
        select (op, body, field);

    /// <summary>Every field present in <paramref name="body"/>, nested objects and the first item of arrays included.</summary>
    private static IEnumerable<Field> Fields(JsonObject document, JsonObject body, JsonObject schema, string prefix = "", IReadOnlyList<object>? segments = null)
    {
        segments ??= [];
        schema = Branch(document, schema, body);
        var required = schema["required"]?.AsArray().Select(n => n!.GetValue<string>()).ToHashSet() ?? [];
        var conditional = schema["x-required-when"]?.AsObject().Select(p => p.Key).ToHashSet() ?? [];
        foreach (var (name, value) in body)
        {
            var property = Follow(document, schema["properties"]![name]!.AsObject());
            var path = prefix + name;
            IReadOnlyList<object> here = [.. segments, name];
            yield return new Field(path, here, property, required.Contains(name), conditional.Contains(name));
            if (value is JsonObject nested)
                foreach (var field in Fields(document, nested, property, path + ".", here)) yield return field;
            if (value is JsonArray { Count: > 0 } array && array[0] is JsonObject first)
            {
                var items = Follow(document, property["items"]!.AsObject());
                foreach (var field in Fields(document, first, items, $"{path}[0].", [.. here, 0])) yield return field;
            }
        }
    }

    /// <summary>A property's schema: its <c>$ref</c>, or the one <c>allOf</c> around a <c>$ref</c> that says it may be null, followed.</summary>
    private static JsonObject Follow(JsonObject document, JsonObject schema)
    {
        if (schema["allOf"] is JsonArray { Count: 1 } all) schema = all[0]!.AsObject();
        return schema["$ref"] is { } reference ? Resolve(document, reference.GetValue<string>()) : schema;
    }

    /// <summary>For a schema of one shape per kind (<c>oneOf</c> with a discriminator), the shape the body's kind names.</summary>
    private static JsonObject Branch(JsonObject document, JsonObject schema, JsonObject body)
    {
        if (schema["discriminator"] is not JsonObject discriminator) return schema;
        var kind = body[discriminator["propertyName"]!.GetValue<string>()]!.GetValue<string>();
        return Resolve(document, discriminator["mapping"]![kind]!.GetValue<string>());
    }

    private static JsonObject Resolve(JsonObject document, string reference) =>
        document["components"]!["schemas"]![reference["#/components/schemas/".Length..]]!.AsObject();

    /// <summary>A copy of the body with the field at <paramref name="segments"/> replaced, or removed when <paramref name="value"/> is null.</summary>
    private static JsonObject With(JsonObject body, IReadOnlyList<object> segments, JsonNode? value)
    {
        var copy = body.DeepClone().AsObject();
        JsonNode parent = copy;
        foreach (var segment in segments.SkipLast(1))
            parent = segment is int index ? parent[index]! : parent[(string)segment]!;
        var last = (string)segments[^1];
        if (value is null) parent.AsObject().Remove(last);
        else parent[last] = value;
        return copy;
    }

    /// <summary>The fields a 400 names (none for any other answer, which must never be a 5xx).</summary>
    private async Task<IReadOnlyList<string>> ErrorsAsync(Op op, JsonObject body)
    {
        var client = await ClientAsync(Writes[op.Id].Role);
        var path = "/api/v1" + op.Path.Replace("{id}", Guid.NewGuid().ToString()).Replace("{fid}", Guid.NewGuid().ToString())
            .Replace("{placementId}", Guid.NewGuid().ToString()).Replace("{candidateNumber}", "SCHEMA-404").Replace("{year}", "2024")
            .Replace("{code}", "schema-test").Replace("{kvk}", "12345678").Replace("{number}", "1");
        using var request = new HttpRequestMessage(new HttpMethod(op.Method), path)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().BeLessThan(500, $"{op.Id} {body.ToJsonString()}: {text}");
        if (response.StatusCode != HttpStatusCode.BadRequest) return [];
        return JsonNode.Parse(text)!["errors"]!.AsObject().Select(e => e.Key).ToList();
    }

    private async Task<HttpClient> ClientAsync(string role)
    {
        if (!clients.TryGetValue(role, out var client))
            clients[role] = client = role == "admin" ? api.Admin() : await api.ClientAsync(role, Municipality);
        return client;
    }
}
