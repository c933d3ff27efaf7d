using System.Net;
using System.Text.RegularExpressions;
using Sroi.Ledger.Dashboard.Tests.Hosting;

namespace Sroi.Ledger.Dashboard.Tests.WebApp;

/// <summary>
/// The app's page and bundles come from the service's assembly (web/ built by the Api csproj), under the pages'
/// Content-Security-Policy: no inline script or style, nothing from elsewhere, every file it names served here.
/// </summary>
[Collection(DashboardCollection.Name)]
public partial class WebAppServingTests(DashboardSite site)
{
    [Fact]
    public async Task The_contract_list_is_the_apps_page_under_the_pages_policy_and_every_file_it_names_is_served()
    {
        var page = await site.Client().GetAsync("/dashboard/contracten");
        var overview = await site.Client().GetAsync("/dashboard");

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        page.Headers.GetValues("Content-Security-Policy").Single().Should().Be(overview.Headers.GetValues("Content-Security-Policy").Single());
        page.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("<html lang=\"nl\"").And.NotContain("http://").And.NotContain("https://").And.NotContain("<style").And.NotContain(" style=");
        InlineScript().IsMatch(html).Should().BeFalse("every script is a file ('script-src 'self'' runs no inline one)");

        var files = Named().Matches(html).Select(m => m.Groups[1].Value).ToList();
        files.Should().Contain(f => f.EndsWith(".js", StringComparison.Ordinal)).And.Contain(f => f.EndsWith(".css", StringComparison.Ordinal));
        foreach (var file in files.ToList())
        {
            var response = await site.Client().GetAsync(file);
            response.StatusCode.Should().Be(HttpStatusCode.OK, file);
            response.Headers.CacheControl!.ToString().Should().Contain("immutable");
            if (file.EndsWith(".css", StringComparison.Ordinal))
                files.AddRange(Named().Matches(await response.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value));
        }
        files.Should().Contain(f => f.EndsWith(".woff2", StringComparison.Ordinal), "the fonts are bundled, not fetched from elsewhere");
        foreach (var font in files.Where(f => f.EndsWith(".woff2", StringComparison.Ordinal)))
            (await site.Client().GetAsync(font)).StatusCode.Should().Be(HttpStatusCode.OK, font);
    }

    /// <summary>Every route the app draws (WebApp.Routes, with a sample value for each parameter) serves the same page.</summary>
    [Fact]
    public async Task Every_route_of_the_app_is_its_page_served_without_a_key_and_the_old_pages_are_gone()
    {
        var list = await site.Client().GetStringAsync("/dashboard/contracten");
        Sroi.Ledger.Api.Dashboard.WebApp.Routes.Should().Contain(["/dashboard", "/dashboard/plaatsingen", "/dashboard/contracten/{id:guid}"]);
        foreach (var route in Sroi.Ledger.Api.Dashboard.WebApp.Routes)
        {
            var path = Parameter().Replace(route, m => m.Value.Contains(":guid", StringComparison.Ordinal) ? "6f1c1a52-8d7e-4a8e-9d51-3f0e7c1b2a90" : "K-10000001");
            var page = await site.Client().GetAsync(path);

            page.StatusCode.Should().Be(HttpStatusCode.OK, path);
            page.Content.Headers.ContentType!.MediaType.Should().Be("text/html", path);
            page.Headers.GetValues("Content-Security-Policy").Single().Should().StartWith("default-src 'self'; script-src 'self';", path);
            var html = await page.Content.ReadAsStringAsync();
            html.Should().Be(list, path).And.Contain("/dashboard/app/").And.NotContain("/dashboard/assets/main.js");
        }
    }

    [GeneratedRegex("\\{[^}]+\\}")]
    private static partial Regex Parameter();

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>")]
    private static partial Regex InlineScript();

    [GeneratedRegex("(/dashboard/app/[A-Za-z0-9._-]+)")]
    private static partial Regex Named();
}
