using System.Net;

namespace Sroi.Ledger.Api.Tests.Health;

/// <summary>The probes: public, outside /api/v1, JSON; the database away is the fault test's (tests/Sroi.Ledger.Reliability.Tests).</summary>
[Collection(ApiCollection.Name)]
public class HealthEndpointsTests(LedgerApi api)
{
    [Fact]
    public async Task Live_answers_without_a_key()
    {
        var live = await (await api.Client().GetAsync("/health/live")).ShouldBeAsync(HttpStatusCode.OK);

        live["status"]!.GetValue<string>().Should().Be("live");
    }

    [Fact]
    public async Task Ready_reports_the_database_and_that_every_projection_is_inline_so_none_lags()
    {
        var response = await api.Client().GetAsync("/health/ready");
        var ready = await response.ShouldBeAsync(HttpStatusCode.OK);

        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        ready["status"]!.GetValue<string>().Should().Be("ready");
        ready["database"]!["status"]!.GetValue<string>().Should().Be("up");
        ready["database"]!["lastEventSequence"]!.GetValue<long>().Should().BePositive("the shipped policy and table are events");
        ready["projections"]!["inline"]!.GetValue<int>().Should().Be(10, "seven, the programmes' documents (issue 22), the PSO certificates' documents (issue 21) and the report documents (issue 23)");
        ready["projections"]!["async"]!.AsArray().Should().BeEmpty();
        ready["projections"]!["maxLagEvents"]!.GetValue<long>().Should().Be(0);
        ready["projections"]!["rebuilding"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task The_probes_are_not_in_the_OpenAPI_document_of_api_v1()
    {
        var document = await (await api.Client().GetAsync("/api/v1/openapi.json")).ShouldBeAsync(HttpStatusCode.OK);

        document["paths"]!.AsObject().Select(p => p.Key).Should().NotContain(path => path.Contains("health"));
    }
}
