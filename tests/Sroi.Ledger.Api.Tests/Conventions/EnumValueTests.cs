using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Contracts;

namespace Sroi.Ledger.Api.Tests.Conventions;

/// <summary>
/// Enums reach the API's clients as kebab-case names in bodies, answers and the OpenAPI document's schemas
/// (Swashbuckle reads the JSON options), and a body names a value in exactly one way.
/// </summary>
[Collection(ApiCollection.Name)]
public class EnumValueTests(LedgerApi api)
{
    [Theory]
    [InlineData("werken, diensten")]
    [InlineData("Werken")]
    [InlineData(" werken")]
    [InlineData("1")]
    public async Task A_body_value_that_is_not_exactly_a_name_is_a_400_listing_the_names(string category)
    {
        var inkoop = await api.ClientAsync("inkoop");
        var problem = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration().With("category", category)))
            .ShouldBeAsync(HttpStatusCode.BadRequest);
        problem["errors"]!["category"].Should().NotBeNull(problem.ToJsonString());
        problem["errors"]!["category"]![0]!.GetValue<string>().Should().Be("Expected one of: werken, diensten, leveringen.");
    }

    [Fact]
    public async Task The_openapi_document_lists_enums_by_their_kebab_names()
    {
        var document = await (await api.Client().GetAsync("/api/v1/openapi.json")).ShouldBeAsync(HttpStatusCode.OK);
        // A property's schema is a $ref, or an allOf of one (the document's way to put nullable beside a $ref).
        JsonNode Resolved(JsonNode schema) => schema["$ref"] is { } reference
            ? document["components"]!["schemas"]![reference.GetValue<string>()["#/components/schemas/".Length..]]!
            : schema["allOf"] is JsonArray { Count: 1 } single ? Resolved(single[0]!)
            : schema;

        var registration = Resolved(document["paths"]!["/contracts"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!);
        registration["properties"].Should().NotBeNull();
        var category = Resolved(registration["properties"]!["category"]!);
        category["enum"].Should().NotBeNull(category.ToJsonString());
        category["enum"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Equal("werken", "diensten", "leveringen");

        var enums = document["components"]!["schemas"]!.AsObject().Where(s => s.Value!["enum"] is not null).ToList();
        enums.Should().HaveCountGreaterThan(10);
        foreach (var (name, schema) in enums)
            schema!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).Should().AllSatisfy(v => v.Should().MatchRegex("^[a-z0-9]+(-[a-z0-9]+)*$", name));
    }
}
