using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sroi.Ledger.Dashboard.Tests.Hosting;

namespace Sroi.Ledger.Dashboard.Tests.Pages;

/// <summary>
/// People sign in through their organisation's OpenID Connect provider (here the development provider's login page); the
/// service completes the flow and keeps the tokens, the browser holds only an HttpOnly session cookie.
/// </summary>
[Collection(DashboardCollection.Name)]
public class SigningInTests(DashboardSite site)
{
    [Fact]
    public async Task A_person_signs_in_at_the_provider_and_the_browser_holds_only_an_httponly_session_cookie()
    {
        await using var tab = await site.OpenAsync();
        await tab.GoAsync("/dashboard");
        (await tab.Page.TitleAsync()).Should().Be("Inloggen — SROI-dashboard");
        (await tab.Page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" }).CountAsync()).Should().Be(0);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.ScreenshotAsync("inloggen");

        // The choice of provider (two are configured), then the provider's own login page: both accessible.
        await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Inloggen" }).ClickAsync();
        await tab.Page.GetByRole(AriaRole.Link, new() { Name = DashboardSite.RijswijkLabel }).WaitForAsync();
        (await tab.Page.TitleAsync()).Should().Be("Inloggen — SROI-dashboard");
        (await tab.Page.Locator("main li a").AllInnerTextsAsync()).Should().Equal(DashboardSite.RijswijkLabel, DashboardSite.PublishedLabel);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.Page.GetByRole(AriaRole.Link, new() { Name = DashboardSite.RijswijkLabel }).ClickAsync();
        await tab.Page.GetByLabel("Gebruikersnaam").WaitForAsync();
        new Uri(tab.Page.Url).Authority.Should().Be(site.Rijswijk.Issuer.Authority);
        (await tab.AccessibilityViolationsAsync()).Should().BeEmpty();
        await tab.Page.GetByLabel("Gebruikersnaam").FillAsync("inkoop");
        await tab.Page.GetByLabel("Wachtwoord").FillAsync(DashboardSite.Password);
        await tab.FollowAsync(tab.Page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }), tab.BaseUrl + "/dashboard");

        // The overview is the web app's now (web/src/overview), which names the municipality (issue 20), not its code.
        (await tab.TextAsync("main h1")).Should().Be("Overzicht Rijswijk");
        (await tab.TextAsync(".sroi-who")).Should().Be("M. de Vries (inkoop)");
        (await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).IsVisibleAsync()).Should().BeTrue();
        (await tab.CellsAsync("#per-status tr[data-status='totaal']"))[1].Should().Be("7");

        var session = (await tab.CookiesAsync()).Should().ContainSingle(c => c.Name == "sroi-sessie").Subject;
        session.HttpOnly.Should().BeTrue();
        session.Secure.Should().BeTrue();
        session.SameSite.Should().Be(SameSiteAttribute.Lax);
        session.Path.Should().Be("/");
        // Over TLS the cookie is __Host-sroi-sessie; here, plain http on loopback, a browser would drop that prefix.
        (await tab.CookiesAsync()).Should().OnlyContain(c => c.HttpOnly);
        (await tab.Page.EvaluateAsync<string>("() => localStorage.length + '|' + sessionStorage.length + '|' + document.cookie")).Should().Be("0|0|");
        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().BeEmpty();
    }

    [Fact]
    public async Task Signing_out_ends_the_session_at_the_service_and_the_provider()
    {
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("wsp");
        var cookie = (await tab.CookiesAsync()).Single(c => c.Name == "sroi-sessie").Value;
        (await tab.TextAsync(".sroi-who")).Should().Be("S. Bakker (WSP)");

        // Through the provider's end-session endpoint back to /dashboard/ (with the state the handler sent along).
        var back = tab.Page.WaitForURLAsync(new Regex("/dashboard/(\\?.*)?$"), new() { WaitUntil = WaitUntilState.Commit });
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        await back;
        await tab.LoadedAsync();

        (await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Inloggen" }).IsVisibleAsync()).Should().BeTrue();
        (await tab.Page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" }).CountAsync()).Should().Be(0);
        (await tab.CookiesAsync()).Should().NotContain(c => c.Name == "sroi-sessie");
        (await tab.Page.EvaluateAsync<int>("async () => (await fetch('/api/v1/contracts', { credentials: 'same-origin' })).status")).Should().Be(401);

        // The session is gone on the server too: its old cookie, sent again, is a 401 problem (not a redirect).
        var replayed = await CookieClient(cookie).GetAsync("/api/v1/contracts");
        replayed.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        replayed.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        replayed.Headers.Location.Should().BeNull();

        // The provider's session ended as well: signing in again asks for the password.
        await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Inloggen" }).ClickAsync();
        await tab.Page.GetByRole(AriaRole.Link, new() { Name = DashboardSite.RijswijkLabel }).ClickAsync();
        await tab.Page.GetByLabel("Wachtwoord").WaitForAsync();
        tab.Errors.Should().BeEmpty();
        tab.Refused.Should().Equal("401 /api/v1/contracts");
    }

    [Fact]
    public async Task A_change_with_the_session_cookie_but_without_its_anti_forgery_token_is_refused()
    {
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("inkoop");

        const string post = @"async token => {
            const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
            if (token !== null) headers['X-CSRF-TOKEN'] = token;
            const response = await fetch('/api/v1/contracts', { method: 'POST', credentials: 'same-origin', headers, body: '{}' });
            return JSON.stringify({ status: response.status, type: response.headers.get('Content-Type'), body: await response.json() });
        }";
        var without = JsonNode.Parse(await tab.Page.EvaluateAsync<string>(post, (string?)null))!;
        without["status"]!.GetValue<int>().Should().Be(403);
        without["type"]!.GetValue<string>().Should().StartWith("application/problem+json");
        without["body"]!["detail"]!.GetValue<string>().Should().Contain("X-CSRF-TOKEN");
        var wrong = JsonNode.Parse(await tab.Page.EvaluateAsync<string>(post, "CfDJ8-not-the-token"))!;
        wrong["status"]!.GetValue<int>().Should().Be(403);

        // With the session's token the request reaches the endpoint, which judges the body (every field named).
        var token = JsonNode.Parse(await tab.Page.EvaluateAsync<string>(
            "async () => JSON.stringify(await (await fetch('/dashboard/sessie', { credentials: 'same-origin' })).json())"))!;
        token["role"]!.GetValue<string>().Should().Be("inkoop");
        token["municipality"]!.GetValue<string>().Should().Be("GM0603");
        var with = JsonNode.Parse(await tab.Page.EvaluateAsync<string>(post, token["csrfToken"]!.GetValue<string>()))!;
        with["status"]!.GetValue<int>().Should().Be(400);
        with["body"]!["errors"]!.AsObject().Should().NotBeEmpty();

        // Signing out needs the token too: a page elsewhere cannot end the session.
        (await tab.Page.EvaluateAsync<int>("async () => (await fetch('/dashboard/uitloggen', { method: 'POST', credentials: 'same-origin' })).status"))
            .Should().Be(403);
        (await tab.Page.EvaluateAsync<int>("async () => (await fetch('/api/v1/contracts', { credentials: 'same-origin' })).status")).Should().Be(200);
        tab.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task A_bearer_or_key_caller_is_not_asked_for_an_anti_forgery_token_and_an_unknown_session_is_a_401_problem()
    {
        var response = await site.Client(site.Ledger.InkoopKey).GetAsync("/api/v1/contracts");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var withKey = await site.Client(site.Ledger.InkoopKey).PostAsync("/api/v1/contracts",
            new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        withKey.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var unknown = await CookieClient("not-a-session").GetAsync("/api/v1/contracts");
        unknown.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        unknown.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        unknown.Headers.Location.Should().BeNull();

        var nobody = await site.Client().GetAsync("/dashboard/sessie");
        nobody.StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    private HttpClient CookieClient(string session)
    {
        var client = site.Client();
        client.DefaultRequestHeaders.Add("Cookie", $"sroi-sessie={session}");
        return client;
    }
}
