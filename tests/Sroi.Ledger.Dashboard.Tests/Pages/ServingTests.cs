using System.Net;
using Sroi.Ledger.Dashboard.Tests.Hosting;

namespace Sroi.Ledger.Dashboard.Tests.Pages;

/// <summary>
/// The pages are the service's own static files: no key, no rate limit, not in the API's OpenAPI document. The old pages
/// serve the contract page only now (the web app's routes: WebAppServingTests).
/// </summary>
[Collection(DashboardCollection.Name)]
public class ServingTests(DashboardSite site)
{
    [Theory]
    [InlineData("/dashboard/contracten/6f1c1a52-8d7e-4a8e-9d51-3f0e7c1b2a90")]
    public async Task Every_page_is_the_same_document_served_without_a_key(string path)
    {
        var response = await site.Client().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("<html lang=\"nl\">").And.Contain("/dashboard/assets/main.js").And.NotContain("http://").And.NotContain("https://");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().StartWith("default-src 'self'; script-src 'self';");
    }

    [Theory]
    [InlineData("/dashboard/assets/main.js", "text/javascript")]
    [InlineData("/dashboard/assets/dashboard.css", "text/css")]
    [InlineData("/dashboard/assets/vendor/chart.umd.min.js", "text/javascript")]
    public async Task The_assets_come_from_the_service_itself(string path, string type)
    {
        var response = await site.Client().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be(type);
        (await response.Content.ReadAsByteArrayAsync()).Length.Should().BeGreaterThan(100);
    }

    [Fact]
    public async Task An_unknown_page_is_a_problem_404_and_the_openapi_document_lists_no_page()
    {
        var missing = await site.Client().GetAsync("/dashboard/bestaat-niet");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        missing.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");

        var document = await site.Client().GetStringAsync("/api/v1/openapi.json");
        document.Should().NotContain("dashboard");
    }
}
