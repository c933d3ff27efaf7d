using Sroi.Ledger.Dashboard.Tests.Hosting;

namespace Sroi.Ledger.Dashboard.Tests.Pages;

[Collection(DashboardCollection.Name)]
public class SigningInTests(DashboardSite site)
{
    [Fact]
    public async Task The_key_is_kept_in_session_storage_and_never_in_the_address()
    {
        await using var tab = await site.OpenAsync();
        await tab.Page.GotoAsync("/dashboard");
        await tab.Page.GetByLabel("API-sleutel").WaitForAsync();
        (await tab.Page.TitleAsync()).Should().Be("Inloggen — SROI-dashboard");
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("inloggen");

        await tab.SignInAsync(site.Ledger.InkoopKey);

        tab.Page.Url.Should().Be($"{site.Address.ToString().TrimEnd('/')}/dashboard").And.NotContain(site.Ledger.InkoopKey);
        (await tab.Page.EvaluateAsync<string>("() => sessionStorage.getItem('sroi-ledger.api-key')")).Should().Be(site.Ledger.InkoopKey);
        (await tab.Page.EvaluateAsync<string>("() => localStorage.length + document.cookie")).Should().Be("0");
        (await tab.TextAsync("h1")).Should().Be("Overzicht GM0603");

        await tab.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        await tab.Page.GetByLabel("API-sleutel").WaitForAsync();
        (await tab.Page.EvaluateAsync<int>("() => sessionStorage.length")).Should().Be(0);
        tab.Errors.Should().BeEmpty();
        // Signing in asks whether the key may list keys (only an administrator may): the one refused request.
        tab.Refused.Should().Equal("403 /api/v1/api-keys");
    }

    [Fact]
    public async Task An_unknown_key_is_told_so_and_not_kept()
    {
        await using var tab = await site.OpenAsync();
        await tab.Page.GotoAsync("/dashboard");
        await tab.Page.GetByLabel("API-sleutel").FillAsync("geen-geldige-sleutel-0000000000");
        await tab.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();

        await tab.Page.GetByRole(Microsoft.Playwright.AriaRole.Alert).WaitForAsync();
        (await tab.TextAsync("[role=alert]")).Should().Be("Deze API-sleutel is onbekend of ingetrokken. Log opnieuw in.");
        (await tab.Page.EvaluateAsync<int>("() => sessionStorage.length")).Should().Be(0);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().Equal("401 /api/v1/contracts");
    }
}
