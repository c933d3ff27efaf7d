using System.Net;

namespace Sroi.Ledger.Api.Tests.Conventions;

[Collection(ApiCollection.Name)]
public class HttpConventionTests(LedgerApi api)
{
    [Fact]
    public async Task Every_response_carries_the_API_version()
    {
        var ok = await api.Client(LedgerApi.AdminKey).GetAsync("/api/v1/contracts");
        var unauthorized = await api.Client().GetAsync("/api/v1/contracts");
        var notFound = await api.Admin().GetAsync($"/api/v1/contracts/{Guid.NewGuid()}");

        foreach (var response in new[] { ok, unauthorized, notFound })
            response.Headers.GetValues("API-Version").Should().Equal("1.0.0");
        unauthorized.Headers.WwwAuthenticate.ToString().Should().Be("Bearer");
        await notFound.ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_OpenAPI_document_is_served_and_describes_the_contracts()
    {
        var document = await (await api.Client().GetAsync("/api/v1/openapi.json")).ShouldBeAsync(HttpStatusCode.OK);

        document["openapi"]!.GetValue<string>().Should().StartWith("3.");
        document["paths"]!.AsObject().Select(p => p.Key).Should().Contain(["/contracts", "/contracts/{id}", "/contracts/{id}/balance",
            "/contracts/{id}/amendments", "/contracts/{id}/completion", "/api-keys", "/sroi-policies"]);
        document["servers"]![0]!["url"]!.GetValue<string>().Should().EndWith("/api/v1");
        (await api.Client().GetAsync("/api/v1/docs/index.html")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
