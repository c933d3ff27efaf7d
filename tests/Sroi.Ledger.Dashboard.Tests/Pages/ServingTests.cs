using System.Net;
using Sroi.Ledger.Dashboard.Tests.Hosting;

namespace Sroi.Ledger.Dashboard.Tests.Pages;

/// <summary>
/// The pages are the service's own static files: no key, no rate limit, not in the API's OpenAPI document. Every page is
/// the web app's now (WebAppServingTests); of the old vanilla pages only the sign-in page's stylesheet is left.
/// </summary>
[Collection(DashboardCollection.Name)]
public class ServingTests(DashboardSite site)
{
    [Fact]
    public async Task The_sign_in_pages_stylesheet_comes_from_the_service_itself_and_the_old_pages_scripts_are_gone()
    {
        var css = await site.Client().GetAsync("/dashboard/assets/dashboard.css");
        css.StatusCode.Should().Be(HttpStatusCode.OK);
        css.Content.Headers.ContentType!.MediaType.Should().Be("text/css");
        (await css.Content.ReadAsByteArrayAsync()).Length.Should().BeGreaterThan(100);

        foreach (var old in new[] { "/dashboard/assets/main.js", "/dashboard/assets/contract.js", "/dashboard/assets/vendor/chart.umd.min.js" })
            (await site.Client().GetAsync(old)).StatusCode.Should().Be(HttpStatusCode.NotFound, old);
    }

    [Fact]
    public async Task An_unknown_page_is_a_404_page_and_the_openapi_document_lists_no_page()
    {
        // The app's page with 404, whose router says "Pagina niet gevonden" in Dutch (NavigationTests); /api keeps
        // its problem+json 404.
        var missing = await site.Client().GetAsync("/dashboard/bestaat-niet");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        missing.Content.Headers.ContentType!.MediaType.Should().Be("text/html");

        var document = await site.Client().GetStringAsync("/api/v1/openapi.json");
        document.Should().NotContain("dashboard");
    }
}
