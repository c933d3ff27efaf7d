using System.Net;
using System.Text.Json.Nodes;

namespace Sroi.Ledger.Api.Tests.Conventions;

/// <summary>
/// A query parameter is declared as the JSON type it stands for (an integer with its default, a date, a UUID, a code's
/// pattern, an enum's names), not as the text it binds from: a generated client types <c>page</c> as a number.
/// </summary>
[Collection(ApiCollection.Name)]
public class QueryParameterSchemaTests(LedgerApi api)
{
    [Fact]
    public async Task Query_values_are_declared_as_the_json_types_they_stand_for()
    {
        var document = await (await api.Client().GetAsync("/api/v1/openapi.json")).ShouldBeAsync(HttpStatusCode.OK);
        JsonNode Parameter(string path, string method, string name) =>
            document["paths"]![path]![method]!["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == name)!["schema"]!;

        var page = Parameter("/webhook-subscriptions", "get", "page");
        page["type"]!.GetValue<string>().Should().Be("integer");
        page["default"]!.GetValue<int>().Should().Be(1);
        Parameter("/webhook-subscriptions", "get", "pageSize")["default"]!.GetValue<int>().Should().Be(20);
        Parameter("/webhook-subscriptions", "get", "municipality")["pattern"]!.GetValue<string>().Should().NotBeEmpty();
        Parameter("/webhook-subscriptions/{id}/deliveries", "get", "state")["enum"]!.AsArray().Select(v => v!.GetValue<string>())
            .Should().Equal("pending", "delivered", "failed", "cancelled");
        Parameter("/audit/verification", "get", "checkpoint")["format"]!.GetValue<string>().Should().Be("uuid");
        Parameter("/contracts", "get", "category")["enum"]!.AsArray().Should().NotBeEmpty();
        Parameter("/contracts", "get", "status")["enum"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Contain(["active", "behind"]);
    }
}
