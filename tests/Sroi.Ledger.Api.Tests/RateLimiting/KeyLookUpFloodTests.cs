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

    /// <summary>The address of a proxy in front, which every caller shares.</summary>
    private static readonly IPAddress Proxy = IPAddress.Parse("203.0.113.20");

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

        // The known key, found valid from that address before the flood, is looked up and served throughout (before the set
        // of keys found valid lately it was refused 429 with the flood); the admin key, compared in memory, always works.
        known.Select(a => a.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.OK);
        admin.Select(a => a.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.OK);

        // From another address the key works, counted by its own actor, and an unknown key is looked up and refused 401.
        using var elsewhere = api.ClientFrom(Elsewhere);
        (await SendAsync(elsewhere, key)).StatusCode.Should().Be(HttpStatusCode.OK);
        var stranger = await SendAsync(elsewhere, ApiKeys.NewSecret());
        (await stranger.ShouldBeAsync(HttpStatusCode.Unauthorized))["detail"]!.GetValue<string>().Should().Be("The API key is unknown or revoked.");
    }

    /// <summary>
    /// Behind one address that every caller shares (a proxy in front, as compose's Caddy: the service honours no
    /// X-Forwarded-For), a flood of random keys empties that address's bucket. Before, every key on the node was then
    /// refused 429 until the flood stopped. A key this node found valid before the flood is still looked up and served
    /// (by its own actor's rate); one revoked since is looked up too and refused 401 at once (the set only chooses to look
    /// up, it never answers), and leaves the set; a key this node has never met waits with the flood (429).
    /// </summary>
    /// <summary>
    /// Session 43's attack: the address's bucket is asked during authentication and spent only when the limiter counts the
    /// request after it, so requests in flight together all saw the address's tokens and were all looked up (145 look-ups
    /// for a bucket of 60 at 32 connections, about twenty a token once it was empty). Now an address's look-ups take turns
    /// (LedgerRateLimiters.TakeLookUpTurnAsync): at most the address's rate of them, whatever the concurrency.
    /// </summary>
    [Fact]
    public async Task Random_keys_sent_all_at_once_from_one_address_cost_no_more_look_ups_than_its_rate()
    {
        using var flooder = api.ClientFrom(IPAddress.Parse("203.0.113.8"));
        var before = await ApiKeyScansAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4 * RateLimitedApi.PerMinute).Select(_ => SendAsync(flooder, ApiKeys.NewSecret())));
        var lookUps = await ApiKeyScansAsync() - before;

        answers.Should().OnlyContain(a => a.StatusCode == HttpStatusCode.Unauthorized || a.StatusCode == HttpStatusCode.TooManyRequests);
        lookUps.Should().BeLessThanOrEqualTo(RateLimitedApi.PerMinute + 5,
            $"the address's bucket holds {RateLimitedApi.PerMinute} tokens, and its look-ups take turns; before, each of the " +
            $"{answers.Length} keys in flight together was looked up");
        answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized).Should().Be((int)lookUps, "each key looked up, and only those, is told it is unknown");
    }

    [Fact]
    public async Task Behind_one_shared_address_a_flood_of_random_keys_holds_no_key_found_valid_before_at_429()
    {
        var known = await api.IssueKeyAsync();
        var (revokedId, revoked) = await api.IssueKeyWithIdAsync();
        var keys = api.Services.GetRequiredService<ApiKeys>();
        using var proxy = api.ClientFrom(Proxy);
        (await SendAsync(proxy, known)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await SendAsync(proxy, revoked)).StatusCode.Should().Be(HttpStatusCode.OK);
        keys.FoundValidLately(ApiKeys.Hash(known)).Should().BeTrue();

        var served = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
            served.Add((await WhileSpentAsync(proxy, () => SendAsync(proxy, known))).StatusCode);
        served.Should().OnlyContain(s => s == HttpStatusCode.OK, "a key found valid before the flood is looked up from the flooded address");

        (await api.Client(RateLimitedApi.AdminKey).DeleteAsync($"/api/v1/api-keys/{revokedId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var refused = await WhileSpentAsync(proxy, () => SendAsync(proxy, revoked));
        (await refused.ShouldBeAsync(HttpStatusCode.Unauthorized))["detail"]!.GetValue<string>().Should().Be("The API key is unknown or revoked.",
            "the revoked key is looked up, not served from the set, and refused in its scheme's words though its address has no rate left");
        refused.Headers.WwwAuthenticate.ToString().Should().Be("Bearer");
        keys.FoundValidLately(ApiKeys.Hash(revoked)).Should().BeFalse("the look-up that found it revoked took it out of the set");

        // A key this node has never met: not looked up while the address has no token. (Should the address have had a token
        // again between the last refusal and the look-up, one a second here, that key was served; another is tried.)
        var waited = await NeverMetAsync(async () =>
        {
            var fresh = await api.IssueKeyAsync();
            return (await WhileSpentAsync(proxy, () => SendAsync(proxy, fresh)), fresh);
        });
        (await waited.Answer.ShouldBeAsync(HttpStatusCode.TooManyRequests))["type"]!.GetValue<string>().Should().Be("https://sroi-ledger.nl/problems/too-many-requests");
        keys.FoundValidLately(ApiKeys.Hash(waited.Credential)).Should().BeFalse();
        using var elsewhere = api.ClientFrom(Elsewhere);
        (await SendAsync(elsewhere, waited.Credential)).StatusCode.Should().Be(HttpStatusCode.OK, "from an address with rate left it is looked up");
        (await WhileSpentAsync(proxy, () => SendAsync(proxy, waited.Credential))).StatusCode.Should().Be(HttpStatusCode.OK,
            "and from then on it is a key found valid lately");
    }

    /// <summary>
    /// Empties the address's bucket by random keys (each refused 401 while the address has a token, then 429), then sends
    /// <paramref name="send"/> at once.
    /// </summary>
    internal static async Task<HttpResponseMessage> WhileSpentAsync(HttpClient from, Func<Task<HttpResponseMessage>> send)
    {
        for (var i = 0; ; i++)
        {
            i.Should().BeLessThan(RateLimitedApi.PerMinute + 60, "random keys from one address empty its bucket");
            var answer = await SendAsync(from, ApiKeys.NewSecret());
            if (answer.StatusCode == HttpStatusCode.TooManyRequests) break;
            answer.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
        return await send();
    }

    /// <summary>
    /// A credential this node has never met, sent right after its address was found spent, until one is refused 429 (at
    /// most five): a token comes back every second, and one that came back between the refusal and the look-up has the
    /// credential looked up and served.
    /// </summary>
    internal static async Task<(HttpResponseMessage Answer, string Credential)> NeverMetAsync(Func<Task<(HttpResponseMessage, string)>> attempt)
    {
        for (var i = 0; i < 5; i++)
        {
            var (answer, credential) = await attempt();
            if (answer.StatusCode != HttpStatusCode.OK) return (answer, credential);
        }
        throw new Xunit.Sdk.XunitException("Five credentials never met were all looked up from a spent address: none waited.");
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

    /// <summary>
    /// The dashboard's session cookie, the same way: a session this node has not met lately is read from dashboard_sessions
    /// only while the address has rate; once met, from any address.
    /// </summary>
    [Fact]
    public async Task A_dashboard_session_not_met_lately_is_not_read_for_an_address_past_its_rate_and_is_from_another()
    {
        // As the cookie handler asks it (this fixture has no sign-in configured, so the stores are made here): the session
        // stored by another node's store, so that this node's has not met it.
        var key = await ActivatorUtilities.CreateInstance<DashboardSessions>(api.Services).StoreAsync(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "someone")], "test")),
            new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddHours(1) }, DashboardSignIn.CookieScheme));
        ITicketStore sessions = ActivatorUtilities.CreateInstance<DashboardSessions>(api.Services);
        using var scope = api.Services.CreateScope();
        var spent = ApiRequestFrom(scope, "192.0.2.45");
        SpendRate(spent);

        (await sessions.RetrieveAsync(key, spent, CancellationToken.None)).Should().BeNull("the session is not looked up for a spent address");
        LedgerRateLimiters.LookUpSpared(spent).Should().BeTrue();
        (await sessions.RetrieveAsync(key, ApiRequestFrom(scope, "192.0.2.46"), CancellationToken.None))!.Principal.FindFirst("sub")!.Value
            .Should().Be("someone", "from another address the session lives on");
        var again = ApiRequestFrom(scope, "192.0.2.45");
        (await sessions.RetrieveAsync(key, again, CancellationToken.None))!.Principal.FindFirst("sub")!.Value
            .Should().Be("someone", "found living, it is read from the spent address too");
        LedgerRateLimiters.LookUpSpared(again).Should().BeFalse();
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

    internal static Task<HttpResponseMessage> SendAsync(HttpClient client, string key) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Operation) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", key) } });

    private Task<long> ApiKeyScansAsync() => TableScans.CountAsync(api, "api_keys");
}

/// <summary>PostgreSQL's own count of a table's scans: how many times the service read it.</summary>
internal static class TableScans
{
    /// <summary>
    /// The scans of <paramref name="table"/> PostgreSQL has counted, sequential and by index: a look-up of a key is one. A
    /// backend reports its counts at most once a second, and an idle one may keep them up to 10 s (PostgreSQL 15); it
    /// reports them all as it exits, before it leaves pg_stat_activity. So the service's idle connections are closed first
    /// and their backends awaited, and the counts are read afresh on a connection of the test's own.
    /// </summary>
    public static async Task<long> CountAsync(RateLimitedApi api, string table)
    {
        await using var db = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(api.ConnectionString) { Pooling = false }.ConnectionString);
        await db.OpenAsync();
        var idle = await BackendsAsync(db, "state = 'idle'");
        api.Services.GetRequiredService<NpgsqlDataSource>().Clear();
        await Eventually.UntilAsync(() => BackendsAsync(db, "true"), alive => !alive.Intersect(idle).Any(),
            "the service's idle connections' backends have exited", describe: alive => string.Join(", ", alive.Intersect(idle)));
        await using var command = new NpgsqlCommand(
            $"SELECT pg_stat_clear_snapshot(); SELECT seq_scan + coalesce(idx_scan, 0) FROM pg_stat_user_tables WHERE relname = '{table}'", db);
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
