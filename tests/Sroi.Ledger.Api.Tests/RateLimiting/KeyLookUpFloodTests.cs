using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Dashboard.SignIn;
using Sroi.Ledger.Api.RateLimiting;

namespace Sroi.Ledger.Api.Tests.RateLimiting;

/// <summary>
/// Session 43: a key-shaped key (<c>sroi_…</c>) was looked up in api_keys before the limiter counted its request, so random
/// keys from one address cost the database a query each, however many of them the limiter refused 429. An address that
/// has spent its rate now gets no look-up: its requests are refused 429 without a query. The look-ups are counted by
/// PostgreSQL itself (<see cref="ApiKeyScansAsync"/>), and the test fails without the fix (every key looked up).
/// </summary>
public class KeyLookUpFloodTests(RateLimitedApi api) : IClassFixture<RateLimitedApi>
{
    private const string Operation = "/api/v1/sroi-policies";
    private static readonly IPAddress Flooder = IPAddress.Parse("203.0.113.7");
    private static readonly IPAddress Elsewhere = IPAddress.Parse("198.51.100.9");

    [Fact]
    public async Task Unknown_keys_from_an_address_past_its_rate_get_429_without_a_look_up_while_known_keys_elsewhere_and_the_admin_key_work()
    {
        var key = await api.IssueKeyAsync();
        using var flooder = api.ClientFrom(Flooder);
        (await SendAsync(flooder, key)).StatusCode.Should().Be(HttpStatusCode.OK, "before the flood the key works from that address");
        var before = await ApiKeyScansAsync();

        // Four minutes' worth from one address, mostly random keys; among them the known key and the admin key, which share
        // the address with the flood.
        var unknown = new List<HttpResponseMessage>();
        var known = new List<HttpResponseMessage>();
        var admin = new List<HttpResponseMessage>();
        for (var i = 0; i < 4 * RateLimitedApi.PerMinute; i++)
        {
            var (credential, answers) = (i % 8) switch { 3 => (RateLimitedApi.AdminKey, admin), 7 => (key, known), _ => (ApiKeys.NewSecret(), unknown) };
            answers.Add(await SendAsync(flooder, credential));
        }
        var lookUps = await ApiKeyScansAsync() - before;

        // The address's minute of allowance (a token comes back each second while the flood lasts) is spent on unknown keys,
        // each looked up and refused 401; then 429, and no more look-ups.
        unknown.Count(a => a.StatusCode == HttpStatusCode.Unauthorized).Should().BeInRange(RateLimitedApi.PerMinute, RateLimitedApi.PerMinute + 20);
        unknown.Should().OnlyContain(a => a.StatusCode == HttpStatusCode.Unauthorized || a.StatusCode == HttpStatusCode.TooManyRequests);
        var answered = unknown.Concat(known).Concat(admin).Count(a => a.StatusCode != HttpStatusCode.TooManyRequests);
        lookUps.Should().Be(answered - admin.Count,
            "a key is looked up only while its address has rate left (the admin key never is); before the fix every one of the " +
            $"{unknown.Count + known.Count} keys was");
        foreach (var refused in unknown.Concat(known).Where(a => a.StatusCode == HttpStatusCode.TooManyRequests))
        {
            (await refused.ShouldBeAsync(HttpStatusCode.TooManyRequests))["type"]!.GetValue<string>().Should().Be("https://sroi-ledger.nl/problems/too-many-requests");
            refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
        }

        // The accepted price: the known key sharing the flooded address is refused with it (429, never "unknown" 401) while
        // the address has no token; the admin key, compared in memory, always works.
        known.Select(a => a.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.OK || s == HttpStatusCode.TooManyRequests)
            .And.Contain(HttpStatusCode.TooManyRequests);
        admin.Select(a => a.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.OK);

        // From another address the key works, counted by its own actor, and an unknown key is looked up and refused 401.
        using var elsewhere = api.ClientFrom(Elsewhere);
        (await SendAsync(elsewhere, key)).StatusCode.Should().Be(HttpStatusCode.OK);
        var stranger = await SendAsync(elsewhere, ApiKeys.NewSecret());
        (await stranger.ShouldBeAsync(HttpStatusCode.Unauthorized))["detail"]!.GetValue<string>().Should().Be("The API key is unknown or revoked.");
    }

    /// <summary>
    /// The limiter may let a request through that authentication left unjudged: the address had a token again by the time it
    /// was counted (one a second here). Its challenge is then the limiter's 429, not a 401 telling a valid key it is unknown.
    /// </summary>
    [Fact]
    public async Task A_key_left_unjudged_for_its_spent_address_is_challenged_429_not_told_it_is_unknown()
    {
        var key = await api.IssueKeyAsync();
        using var scope = api.Services.CreateScope();
        var http = ApiRequestFrom(scope, "192.0.2.44");
        http.Request.Headers.Authorization = $"Bearer {key}";
        http.Response.Body = new MemoryStream();
        SpendRate(http);

        var result = await http.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName);
        result.None.Should().BeTrue("the key is neither accepted nor refused: it was not looked up");
        // The limiter may still let such a request through: its address had a token again by the time it was counted (one a
        // second here). Its challenge is then the limiter's 429, not a 401 telling a valid key that it is unknown.
        await http.ChallengeAsync(ApiKeyAuthenticationHandler.SchemeName);

        http.Response.StatusCode.Should().Be(StatusCodes.Status429TooManyRequests);
        http.Response.Headers.RetryAfter.ToString().Should().Be("1");
        http.Response.Headers.WWWAuthenticate.Should().BeEmpty();
        http.Response.Body.Position = 0;
        (await JsonNode.ParseAsync(http.Response.Body))!["type"]!.GetValue<string>().Should().Be("https://sroi-ledger.nl/problems/too-many-requests");
    }

    /// <summary>The dashboard's session cookie, the same way: its session is read from dashboard_sessions only while the address has rate.</summary>
    [Fact]
    public async Task A_dashboard_session_is_not_read_for_an_address_past_its_rate_and_is_from_another()
    {
        // As the cookie handler asks it (this fixture has no sign-in configured, so the store is made here).
        ITicketStore sessions = ActivatorUtilities.CreateInstance<DashboardSessions>(api.Services);
        var key = await sessions.StoreAsync(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "someone")], "test")),
            new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddHours(1) }, DashboardSignIn.CookieScheme));
        using var scope = api.Services.CreateScope();
        var spent = ApiRequestFrom(scope, "192.0.2.45");
        SpendRate(spent);

        (await sessions.RetrieveAsync(key, spent, CancellationToken.None)).Should().BeNull("the session is not looked up for a spent address");
        LedgerRateLimiters.LookUpSpared(spent).Should().BeTrue();
        (await sessions.RetrieveAsync(key, ApiRequestFrom(scope, "192.0.2.46"), CancellationToken.None))!.Principal.FindFirst("sub")!.Value
            .Should().Be("someone", "from another address the session lives on");
    }

    /// <summary>A request to an endpoint that needs a caller (so the limiter counts it), from this address.</summary>
    private static DefaultHttpContext ApiRequestFrom(IServiceScope scope, string address)
    {
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Connection.RemoteIpAddress = IPAddress.Parse(address);
        http.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(new AuthorizeAttribute(LedgerPolicies.For(Role.Wsp))), "test"));
        return http;
    }

    /// <summary>Empties the address's bucket, as a flood of unknown keys empties it: the limiter's own bucket, no second one.</summary>
    private void SpendRate(HttpContext http)
    {
        using var spent = api.Services.GetRequiredService<LedgerRateLimiters>().Rate.AttemptAcquire(http, RateLimitedApi.PerMinute);
        spent.IsAcquired.Should().BeTrue();
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string key) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Operation) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", key) } });

    /// <summary>
    /// The scans of api_keys PostgreSQL has counted, sequential and by index: a key's look-up is one. A backend reports its
    /// counts at most once a second, and an idle one may keep them up to 10 s (PostgreSQL 15); it reports them all as it
    /// exits, before it leaves pg_stat_activity. So the service's idle connections are closed first and their backends
    /// awaited, and the counts are read afresh on a connection of the test's own.
    /// </summary>
    private async Task<long> ApiKeyScansAsync()
    {
        await using var db = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(api.ConnectionString) { Pooling = false }.ConnectionString);
        await db.OpenAsync();
        var idle = await BackendsAsync(db, "state = 'idle'");
        api.Services.GetRequiredService<NpgsqlDataSource>().Clear();
        await Eventually.UntilAsync(() => BackendsAsync(db, "true"), alive => !alive.Intersect(idle).Any(),
            "the service's idle connections' backends have exited", describe: alive => string.Join(", ", alive.Intersect(idle)));
        await using var command = new NpgsqlCommand(
            "SELECT pg_stat_clear_snapshot(); SELECT seq_scan + coalesce(idx_scan, 0) FROM pg_stat_user_tables WHERE relname = 'api_keys'", db);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.NextResultAsync();
        await reader.ReadAsync();
        return reader.GetInt64(0);
    }

    private static async Task<List<int>> BackendsAsync(NpgsqlConnection db, string condition)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid() AND {condition}", db);
        var pids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) pids.Add(reader.GetInt32(0));
        return pids;
    }
}
