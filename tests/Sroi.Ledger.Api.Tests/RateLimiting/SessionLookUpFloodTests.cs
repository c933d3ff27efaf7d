using System.Net;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Dashboard.SignIn;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Tests.RateLimiting;

/// <summary>
/// The rate-limited service (<see cref="RateLimitedApi"/>: 60 requests a minute) with the dashboard's sign-in configured,
/// so that the session cookie's scheme and its store (<see cref="DashboardSessions"/>, over dashboard_sessions) are the
/// service's own. Its issuer is never reached (nothing listens there): the tests sign people in through the cookie scheme
/// itself, as the OpenID Connect handler does once the provider has sent the person back.
/// </summary>
public sealed class RateLimitedSignInApi : RateLimitedApi
{
    public const string Issuer = "http://127.0.0.1:1/";

    protected override void ConfigureHost(IWebHostBuilder host)
    {
        host.UseSetting("SROI_OIDC_AUTHORITY", Issuer);
        host.UseSetting("SROI_OIDC_AUDIENCE", "sroi-ledger");
        host.UseSetting("SROI_OIDC_REQUIRE_HTTPS_METADATA", "false");
        host.UseSetting("SROI_OIDC_CLIENT_ID", "sroi-dashboard");
    }
}

/// <summary>
/// The dashboard's session cookie under session 43's rule (an address that has spent its rate gets no credential looked
/// up), its review's two findings: behind one address every person shares (a proxy in front), a flood of random keys held
/// every session on the node at 429, so the node's sessions found living lately are read from any address; and a request
/// with the cookie read dashboard_sessions on every public path (the pages, their files, the probes, the OpenAPI
/// document), which no limiter counts, so those read no session now, while /dashboard/sessie, which shows who is signed
/// in, still reads it and is counted. The reads are counted by PostgreSQL itself (<see cref="TableScans"/>).
/// </summary>
public class SessionLookUpFloodTests(RateLimitedSignInApi api) : IClassFixture<RateLimitedSignInApi>
{
    private const string Operation = "/api/v1/sroi-policies";
    private static readonly IPAddress Proxy = IPAddress.Parse("203.0.113.30");
    private static readonly IPAddress Elsewhere = IPAddress.Parse("198.51.100.30");
    private static readonly IPAddress Reader = IPAddress.Parse("198.51.100.31");

    [Fact]
    public async Task A_session_cookie_on_a_public_path_reads_no_session_while_the_page_that_shows_who_is_signed_in_does()
    {
        var cookie = await SignInAsync("reader", "A. Lezer");
        using var client = api.ClientFrom(Reader);
        var before = await SessionScansAsync();

        string[] publicPaths =
        [
            "/dashboard", "/dashboard/contracten", "/dashboard/assets/dashboard.css", "/dashboard/app/no-such-file.js",
            "/health/live", "/api/v1/openapi.json", "/api/v1/docs/index.html",
        ];
        foreach (var path in publicPaths)
            ((int)(await SendAsync(client, cookie, path)).StatusCode).Should().BeLessThan(500, path);
        (await SessionScansAsync() - before).Should().Be(0,
            $"no public path reads the session (before, each of the {publicPaths.Length} requests with the cookie read it)");

        var session = await SendAsync(client, cookie, DashboardSignInEndpoints.SessionPath);
        session.StatusCode.Should().Be(HttpStatusCode.OK);
        var person = JsonNode.Parse(await session.Content.ReadAsStringAsync())!;
        person["name"]!.GetValue<string>().Should().Be("A. Lezer");
        person["role"]!.GetValue<string>().Should().Be("auditor");
        person["csrfToken"]!.GetValue<string>().Should().NotBeEmpty();
        (await SessionScansAsync() - before).Should().BePositive("who is signed in is read from the session");
        (await SendAsync(client, cookie, Operation)).StatusCode.Should().Be(HttpStatusCode.OK, "the API takes the cookie as before");
        using var withoutCookie = api.ClientFrom(Reader);
        (await withoutCookie.GetAsync(DashboardSignInEndpoints.SessionPath)).StatusCode.Should().Be(HttpStatusCode.NoContent,
            "without the cookie nobody is signed in");
    }

    /// <summary>
    /// Behind one address every person shares, a flood of random keys empties its bucket. A session this node stored
    /// (its sign-in) is still read and served, on the API and on /dashboard/sessie; one ended elsewhere since (another
    /// node's sign-out) is read too and refused 401 at once, and leaves the set; one this node has not met (stored by
    /// another node) waits with the flood (429, also on /dashboard/sessie: not told it is signed out), and is read from an
    /// address with rate left.
    /// </summary>
    [Fact]
    public async Task Behind_one_shared_address_a_flood_of_random_keys_holds_no_session_found_valid_before_at_429()
    {
        var sessions = api.Services.GetRequiredService<DashboardSessions>();
        var known = await SignInAsync("known", "K. Bekend");
        var ended = await SignInAsync("ended", "E. Beëindigd");
        using var proxy = api.ClientFrom(Proxy);
        (await SendAsync(proxy, known, Operation)).StatusCode.Should().Be(HttpStatusCode.OK);
        sessions.FoundValidLately(KeyOf(known)).Should().BeTrue("this node stored it");

        var served = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            served.Add((await KeyLookUpFloodTests.WhileSpentAsync(proxy, () => SendAsync(proxy, known, Operation))).StatusCode);
            served.Add((await KeyLookUpFloodTests.WhileSpentAsync(proxy, () => SendAsync(proxy, known, DashboardSignInEndpoints.SessionPath))).StatusCode);
        }
        served.Should().OnlyContain(s => s == HttpStatusCode.OK, "a session this node met lately is read from the flooded address");

        // Signed out on another node: its row is gone, this node's set still names it.
        await OtherNode().RemoveAsync(KeyOf(ended));
        var refused = await KeyLookUpFloodTests.WhileSpentAsync(proxy, () => SendAsync(proxy, ended, Operation));
        (await refused.ShouldBeAsync(HttpStatusCode.Unauthorized))["detail"]!.GetValue<string>().Should().StartWith("The dashboard session has ended",
            "the ended session is read, not served from the set, and refused in the cookie scheme's words though its address has no rate left");
        sessions.FoundValidLately(KeyOf(ended)).Should().BeFalse("the read that found it gone took it out of the set");

        var waited = await KeyLookUpFloodTests.NeverMetAsync(async () =>
        {
            var unseen = await StoredByAnotherNodeAsync("unseen");
            return (await KeyLookUpFloodTests.WhileSpentAsync(proxy, () => SendAsync(proxy, unseen, Operation)), unseen);
        });
        (await waited.Answer.ShouldBeAsync(HttpStatusCode.TooManyRequests))["type"]!.GetValue<string>().Should().Be("https://sroi-ledger.nl/problems/too-many-requests");
        var page = await KeyLookUpFloodTests.NeverMetAsync(async () =>
        {
            var unseen = await StoredByAnotherNodeAsync("unseen on the page");
            return (await KeyLookUpFloodTests.WhileSpentAsync(proxy, () => SendAsync(proxy, unseen, DashboardSignInEndpoints.SessionPath)), unseen);
        });
        page.Answer.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "/dashboard/sessie does not say 'nobody' (204) for a session it did not read");
        sessions.FoundValidLately(KeyOf(waited.Credential)).Should().BeFalse();
        using var elsewhere = api.ClientFrom(Elsewhere);
        (await SendAsync(elsewhere, waited.Credential, Operation)).StatusCode.Should().Be(HttpStatusCode.OK,
            "from an address with rate left the session is read (the cookie is a good one)");
        sessions.FoundValidLately(KeyOf(waited.Credential)).Should().BeTrue();
    }

    /// <summary>Signs a person (an auditor of GM0603) in through the service's own cookie scheme: this node stores the session.</summary>
    private async Task<string> SignInAsync(string subject, string name)
    {
        using var scope = api.Services.CreateScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("localhost");
        await http.SignInAsync(DashboardSignIn.CookieScheme, Person(subject, name), new AuthenticationProperties());
        return SetCookieHeaderValue.ParseList(http.Response.Headers.SetCookie.Select(c => c!).ToList())
            .Single(c => c.Name == DashboardSignIn.CookieName).Value.ToString();
    }

    /// <summary>
    /// A session stored by another node (another store over the same table, with the same data protection keys), and the
    /// cookie that node's handler gives the browser for it: a session this node has not met.
    /// </summary>
    private async Task<string> StoredByAnotherNodeAsync(string subject)
    {
        var key = await OtherNode().StoreAsync(new AuthenticationTicket(Person(subject, subject),
            new AuthenticationProperties { IssuedUtc = DateTimeOffset.UtcNow, ExpiresUtc = DateTimeOffset.UtcNow.Add(DashboardSignIn.SessionLifetime) },
            DashboardSignIn.CookieScheme));
        // As the cookie handler writes it with a session store: only the session's key, protected.
        var options = CookieSchemeOptions();
        return options.TicketDataFormat.Protect(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(SessionIdClaim, key, ClaimValueTypes.String, options.ClaimsIssuer)], options.ClaimsIssuer)),
            null, DashboardSignIn.CookieScheme));
    }

    private DashboardSessions OtherNode() => ActivatorUtilities.CreateInstance<DashboardSessions>(api.Services);

    private const string SessionIdClaim = "Microsoft.AspNetCore.Authentication.Cookies-SessionId";

    private string KeyOf(string cookie) =>
        CookieSchemeOptions().TicketDataFormat.Unprotect(cookie)!.Principal.FindFirst(SessionIdClaim)!.Value;

    private CookieAuthenticationOptions CookieSchemeOptions() =>
        api.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(DashboardSignIn.CookieScheme);

    private static ClaimsPrincipal Person(string subject, string name) =>
        Caller.ForPerson(RateLimitedSignInApi.Issuer, subject, Role.Auditor, MunicipalityCode.Parse("GM0603"), null, name).ToPrincipal();

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string cookie, string path) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Cookie", $"{DashboardSignIn.CookieName}={cookie}" } } });

    private Task<long> SessionScansAsync() => TableScans.CountAsync(api, "dashboard_sessions");
}
