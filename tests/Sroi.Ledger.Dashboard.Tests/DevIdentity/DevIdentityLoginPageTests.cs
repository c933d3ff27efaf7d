using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using Sroi.Ledger.Dashboard.Tests.Accessibility;
using Sroi.Ledger.Dashboard.Tests.Browser;
using Sroi.Ledger.DevIdentity;

namespace Sroi.Ledger.Dashboard.Tests.DevIdentity;

/// <summary>
/// The development identity provider's login page in Chromium, as a person meets it: reached through an authorization
/// request, under its own strict Content-Security-Policy, axe-clean before and after a refused attempt.
/// </summary>
public sealed class DevIdentityLoginPageTests : IAsyncLifetime
{
    private const string Password = "browser-test-wachtwoord";
    private IPlaywright playwright = null!;
    private WebApplication client = null!;
    private string callback = "";
    private IBrowser browser = null!;
    private DevIdentityServer idp = null!;

    public async Task InitializeAsync()
    {
        idp = await DevIdentityServer.StartAsync(new DevIdentityOptions { Password = Password });
        // The client's redirect URI (a native client: any loopback port): a page that only says the browser arrived.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        client = builder.Build();
        client.MapGet("/callback", () => Results.Content(
            "<!DOCTYPE html><html lang=\"nl\"><title>Terug bij de client</title><main><h1>Terug</h1></main></html>", "text/html; charset=utf-8"));
        client.MapGet("/favicon.ico", () => Results.NoContent());
        await client.StartAsync();
        callback = client.Urls.Single() + "/callback";
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = DebianChromium.ExecutablePath(), Headless = true, Args = DebianChromium.Flags,
        });
    }

    public async Task DisposeAsync()
    {
        await browser.CloseAsync();
        playwright.Dispose();
        await idp.DisposeAsync();
        await client.DisposeAsync();
    }

    [Fact]
    public async Task A_person_signs_in_on_the_Dutch_login_page_which_passes_axe_before_and_after_a_wrong_password()
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "nl-NL" });
        await Axe.InjectAsync(context);
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.Response += (_, response) => { if (response.Status >= 400) errors.Add($"{response.Status} {response.Url}"); };
        page.PageError += (_, error) => errors.Add(error);

        var verifier = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await page.GotoAsync(new Uri(idp.Issuer,
            "connect/authorize?client_id=sroi-tests&response_type=code&scope=openid%20profile%20sroi-ledger&state=s1"
            + "&redirect_uri=" + Uri.EscapeDataString(callback) + "&code_challenge=" + challenge + "&code_challenge_method=S256").AbsoluteUri);

        (await page.TitleAsync()).Should().Be("Inloggen – SROI-ledger (ontwikkelomgeving)");
        (await page.GetAttributeAsync("html", "lang")).Should().Be("nl");
        (await Axe.ViolationsAsync(page)).Should().BeEmpty();

        await page.GetByLabel("Gebruikersnaam").FillAsync("wsp");
        await page.GetByLabel("Wachtwoord").FillAsync("niet-het-wachtwoord");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await page.GetByRole(AriaRole.Alert).WaitForAsync();

        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).Should().Be("Onbekende gebruikersnaam of onjuist wachtwoord.");
        (await page.TitleAsync()).Should().StartWith("Fout: ");
        (await page.GetByLabel("Wachtwoord").GetAttributeAsync("aria-describedby")).Should().Be("login-fout");
        (await Axe.ViolationsAsync(page)).Should().BeEmpty();

        await page.GetByLabel("Wachtwoord").FillAsync(Password);
        var arrived = page.WaitForURLAsync(callback + "?**");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await arrived;

        var query = new Uri(page.Url).Query;
        query.Should().Contain("code=").And.Contain("state=s1");
        // The only errors allowed: none (a CSP violation, a script error, a refused resource would show here).
        errors.Should().BeEmpty();
        await context.CloseAsync();
    }
}
