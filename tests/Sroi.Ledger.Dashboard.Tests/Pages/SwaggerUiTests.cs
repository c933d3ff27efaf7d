using Microsoft.Playwright;
using Sroi.Ledger.Dashboard.Tests.Hosting;

namespace Sroi.Ledger.Dashboard.Tests.Pages;

/// <summary>
/// Swagger UI under its own Content-Security-Policy (Security/SecurityHeaders): it loads in the browser, draws the API's
/// operations from the document and breaks no rule of the policy (Chromium logs every refusal as a console error).
/// </summary>
[Collection(DashboardCollection.Name)]
public class SwaggerUiTests(DashboardSite site)
{
    [Fact]
    public async Task Swagger_ui_loads_and_draws_the_operations_under_its_policy()
    {
        await using var tab = await site.OpenAsync();
        var violations = new List<string>();
        tab.Page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(message.Text);
        };

        var response = await tab.Page.GotoAsync("/api/v1/docs/index.html");
        response!.Headers["content-security-policy"].Should().Contain("frame-ancestors 'none'");
        await tab.Page.Locator(".swagger-ui .opblock").First.WaitForAsync();

        (await tab.Page.Locator(".swagger-ui .opblock").CountAsync()).Should().BeGreaterThan(20);
        (await tab.Page.Locator(".swagger-ui .info .title").InnerTextAsync()).Should().Contain("Sroi.Ledger");
        violations.Should().BeEmpty();
        tab.Errors.Should().BeEmpty();
    }
}
