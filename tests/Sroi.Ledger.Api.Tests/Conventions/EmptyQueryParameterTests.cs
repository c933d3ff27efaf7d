using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Tests.Contracts;

namespace Sroi.Ledger.Api.Tests.Conventions;

/// <summary>
/// A query parameter given empty is a 400 naming it, on every operation and whatever its kind (HttpConventions/
/// QueryStringScreen): <c>?municipality=</c> on the verification answered 200 for every municipality, as if it had been
/// left out, and an empty <c>?asKnownOn=</c> answered today.
/// </summary>
[Collection(ApiCollection.Name)]
public class EmptyQueryParameterTests(LedgerApi api)
{
    [Fact]
    public async Task An_empty_municipality_is_a_400_naming_it_on_every_operation_that_takes_one()
    {
        var document = await (await api.Client().GetAsync("/api/v1/openapi.json")).ShouldBeAsync(HttpStatusCode.OK);
        // Whoever may call each operation: the screen answers after authorization, like every 400.
        var callers = new List<HttpClient> { api.Admin() };
        foreach (var role in new[] { "wsp", "inkoop", "auditor" }) callers.Add(await api.ClientAsync(role));
        callers.Add(await api.ClientAsync("opdrachtnemer", kvkNumber: ContractBodies.UniqueKvk()));

        var checkedOperations = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject())
            {
                var parameters = operation!["parameters"]?.AsArray() ?? [];
                if (!parameters.Any(p => p!["in"]!.GetValue<string>() == "query" && p["name"]!.GetValue<string>() == "municipality")) continue;
                var url = "/api/v1" + Filled(path, parameters) + "?municipality=";
                HttpResponseMessage? response = null;
                foreach (var caller in callers)
                {
                    response = await caller.SendAsync(new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url)
                    {
                        Content = method == "get" ? null : new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
                    });
                    if (response.StatusCode != HttpStatusCode.Forbidden) break;
                }
                var problem = await response!.ShouldBeAsync(HttpStatusCode.BadRequest);
                problem["errors"]!.AsObject().Select(e => e.Key).Should().Contain("municipality", $"{method} {path}");
                checkedOperations.Add($"{method} {path}");
            }

        checkedOperations.Should().Contain(["get /audit/verification", "get /reports/sroi-obligations", "get /worklist", "get /contracts",
            "get /notifications", "get /sroi-policies", "post /audit/checkpoints"]);
    }

    [Theory]
    [InlineData("/api/v1/audit/verification?municipality=", "municipality")]
    [InlineData("/api/v1/audit/verification?municipality=gm0603", "municipality")]
    [InlineData("/api/v1/audit/verification?municipality=GM06030", "municipality")]
    [InlineData("/api/v1/audit/verification?checkpoint=", "checkpoint")]
    [InlineData("/api/v1/contracts?status=", "status")]
    [InlineData("/api/v1/contracts?page=&pageSize=5", "page")]
    [InlineData("/api/v1/contracts?q=", "q")]
    [InlineData("/api/v1/notifications?after=", "after")]
    [InlineData("/api/v1/notifications?limit", "limit")]
    [InlineData("/api/v1/reports/placements?year=2024&asKnownOn=", "asKnownOn")]
    [InlineData("/api/v1/reports/placements?year=2024&knownOn=", "knownOn")]
    public async Task An_empty_or_malformed_parameter_of_any_kind_is_a_400_naming_it(string url, string parameter)
    {
        var problem = await (await api.Admin().GetAsync(url)).ShouldBeAsync(HttpStatusCode.BadRequest);

        problem["errors"]!.AsObject().Select(e => e.Key).Should().Equal(parameter);
    }

    [Fact]
    public async Task The_400_says_what_an_empty_value_should_have_been()
    {
        var municipality = await (await api.Admin().GetAsync("/api/v1/worklist?municipality=")).ShouldBeAsync(HttpStatusCode.BadRequest);
        var page = await (await api.Admin().GetAsync("/api/v1/worklist?page=")).ShouldBeAsync(HttpStatusCode.BadRequest);

        municipality["errors"]!["municipality"]![0]!.GetValue<string>().Should().StartWith("Empty: " + QueryParameters.MunicipalityMessage);
        page["errors"]!.ToJsonString().Should().Be($$"""{"page":["{{QueryStringScreen.EmptyMessage}}"]}""");
    }

    /// <summary>The path with a value for each path parameter that its route accepts.</summary>
    private static string Filled(string path, JsonArray parameters)
    {
        foreach (var parameter in parameters.Where(p => p!["in"]!.GetValue<string>() == "path"))
        {
            var schema = parameter!["schema"]!;
            var value = schema["format"]?.GetValue<string>() == "uuid" ? Guid.NewGuid().ToString()
                : schema["type"]?.GetValue<string>() == "integer" ? "2024"
                : "K-1";
            path = path.Replace("{" + parameter["name"]!.GetValue<string>() + "}", value, StringComparison.Ordinal);
        }
        return path;
    }
}
