using System.Net;
using Microsoft.Playwright;
using Sroi.Ledger.Dashboard.Tests.Browser;
using Sroi.Ledger.Dashboard.Tests.Hosting;

namespace Sroi.Ledger.Dashboard.Tests.SignIn;

/// <summary>
/// The sign-in as a hostile link or a second sign-in in the same browser would use it: through the real development
/// provider, asserting what the service answers at its callback and what an old session cookie is worth afterwards.
/// </summary>
[Collection(DashboardCollection.Name)]
public class SignInAttackTests(DashboardSite site)
{
    /// <summary>
    /// A link to the sign-in with a non-ASCII character in <c>?terug=</c>: it went into the state and
    /// came back as the callback's Location header, which Kestrel refuses to write, so the person got a 500 right after
    /// typing their password (and a session row nobody held). The callback must send them to the dashboard instead.
    /// </summary>
    [Fact]
    public async Task A_return_path_no_header_can_carry_ends_on_the_dashboard_not_on_a_500()
    {
        // (A raw tab or line break never gets this far: the query screen answers /dashboard/inloggen with a 400.)
        const string back = "/dashboard/contracten/é";
        await using var tab = await site.OpenAsync();
        await tab.Page.GotoAsync($"/dashboard/inloggen?aanbieder=0&terug={Uri.EscapeDataString(back)}");
        await tab.Page.GetByLabel("Gebruikersnaam").FillAsync("inkoop");
        await tab.Page.GetByLabel("Wachtwoord").FillAsync(DashboardSite.Password);

        var callback = tab.Page.WaitForResponseAsync(r => new Uri(r.Url).AbsolutePath == "/dashboard/signin-oidc");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        var answer = await callback;

        answer.Status.Should().Be(302);
        (await answer.AllHeadersAsync())["location"].Should().Be("/dashboard");
        await tab.LoadedAsync();
        (await tab.TextAsync(".sroi-who")).Should().Be("M. de Vries (inkoop)");
    }

    /// <summary>
    /// A second sign-in in a browser that still holds a session (the next person at a shared desk, or a session cookie an
    /// attacker planted before the victim signs in): the cookie handler renewed the session it found, writing the new
    /// sign-in under the old key, so the old cookie stayed valid and now stood for the new sign-in (session fixation). The
    /// old session must end on the server and the new one get a key of its own.
    /// </summary>
    [Fact]
    public async Task Signing_in_again_ends_the_session_the_browser_held_before()
    {
        await using var tab = await site.OpenAsync();
        await tab.SignInAsync("inkoop");
        var before = (await tab.CookiesAsync()).Single(c => c.Name == "sroi-sessie").Value;
        (await CookieClient(before).GetAsync("/api/v1/contracts")).StatusCode.Should().Be(HttpStatusCode.OK);

        // The provider still knows the person: it sends the browser straight back with a new code, no password asked.
        var arrived = tab.Page.WaitForURLAsync(tab.BaseUrl + "/dashboard", new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await tab.Page.GotoAsync("/dashboard/inloggen?aanbieder=0");
        await arrived;
        await tab.LoadedAsync();
        var after = (await tab.CookiesAsync()).Single(c => c.Name == "sroi-sessie").Value;

        after.Should().NotBe(before);
        (await CookieClient(after).GetAsync("/api/v1/contracts")).StatusCode.Should().Be(HttpStatusCode.OK);
        var replayed = await CookieClient(before).GetAsync("/api/v1/contracts");
        replayed.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        replayed.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    private HttpClient CookieClient(string session)
    {
        var client = site.Client();
        client.DefaultRequestHeaders.Add("Cookie", $"sroi-sessie={session}");
        return client;
    }
}
