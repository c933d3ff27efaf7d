using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Sroi.Ledger.Testing;

namespace Sroi.Ledger.Api.Tests.RateLimiting;

/// <summary>
/// The service with low limits of its own (the shared fixture runs without them): 60 requests a minute per key, 3 in
/// flight (1 of them an expensive read) and 1 more waiting per key, and 2 expensive reads in flight on the node: one key's
/// expensive read leaves room for another's, two keys' fill it.
/// </summary>
public class RateLimitedApi : PostgresDatabaseFixture
{
    public const int PerMinute = 60;
    public const int InFlight = 3;
    public const int ExpensiveInFlight = 1;
    public const int Queued = 1;
    public const int NodeExpensiveInFlight = 2;
    public const string AdminKey = "rate-limit-admin-key-0123456789";

    private readonly string checkpointKeyFile = Path.Combine(Path.GetTempPath(), $"sroi-test-checkpoint-key-rate-limits-{Guid.NewGuid():N}.pem");
    private WebApplicationFactory<Program>? factory;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseSetting("SROI_DATABASE", ConnectionString);
            host.UseSetting("SROI_ADMIN_KEY", AdminKey);
            host.UseSetting("SROI_RATE_LIMIT_PER_MINUTE", PerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
            host.UseSetting("SROI_REQUESTS_IN_FLIGHT_PER_CALLER", InFlight.ToString(System.Globalization.CultureInfo.InvariantCulture));
            host.UseSetting("SROI_EXPENSIVE_READS_IN_FLIGHT_PER_CALLER", ExpensiveInFlight.ToString(System.Globalization.CultureInfo.InvariantCulture));
            host.UseSetting("SROI_REQUESTS_QUEUED_PER_CALLER", Queued.ToString(System.Globalization.CultureInfo.InvariantCulture));
            host.UseSetting("SROI_EXPENSIVE_READS_IN_FLIGHT_PER_NODE", NodeExpensiveInFlight.ToString(System.Globalization.CultureInfo.InvariantCulture));
            host.UseEnvironment("Testing");
            // A file of its own: the fixture serves two test classes, whose two instances start side by side, and one read the
            // file half written by the other (session 38: "PemKeyHelpers.ImportPem" failed both classes' tests).
            host.UseSetting("SROI_CHECKPOINT_KEY_FILE", checkpointKeyFile);
            host.UseSetting("SROI_CHECKPOINT_INTERVAL_MINUTES", "0");
            ConfigureHost(host);
        });
        using var warmUp = factory.CreateClient();
    }

    /// <summary>For a fixture that needs more settings (the dashboard's sign-in): called after the ones above.</summary>
    protected virtual void ConfigureHost(IWebHostBuilder host) { }

    public override async Task DisposeAsync()
    {
        if (factory is not null) await factory.DisposeAsync();
        File.Delete(checkpointKeyFile);
        await base.DisposeAsync();
    }

    public IServiceProvider Services => factory!.Services;

    /// <summary>
    /// A client whose requests come from this remote address (the test server's own have none: every keyless request of a
    /// class counts in the one partition <c>address:</c>).
    /// </summary>
    public HttpClient ClientFrom(IPAddress address, string? key = null)
    {
        var client = new HttpClient(factory!.Server.CreateHandler(http => http.Connection.RemoteIpAddress = address))
        {
            BaseAddress = factory.Server.BaseAddress,
        };
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public HttpClient Client(string? key = null)
    {
        // Without the factory's redirect handler, which reads a request's whole body before sending it (to send it again on a
        // redirect): InFlightLimitTests hold requests in flight by bodies that have not arrived yet.
        var client = factory!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>A new key (wsp unless said): a partition of its own.</summary>
    public async Task<HttpClient> NewKeyAsync(string role = "wsp") => Client(await IssueKeyAsync(role));

    /// <summary>A new key's secret.</summary>
    public async Task<string> IssueKeyAsync(string role = "wsp") => (await IssueKeyWithIdAsync(role)).Key;

    /// <summary>A new key's id (to revoke it by) and secret.</summary>
    public async Task<(Guid Id, string Key)> IssueKeyWithIdAsync(string role = "wsp")
    {
        var response = await Client(AdminKey).PostAsJsonAsync("/api/v1/api-keys", new { role, municipality = "GM0603" });
        response.EnsureSuccessStatusCode();
        var issued = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (issued["id"]!.GetValue<Guid>(), issued["key"]!.GetValue<string>());
    }
}

public class RateLimitingTests(RateLimitedApi api) : IClassFixture<RateLimitedApi>
{
    private const string Operation = "/api/v1/sroi-policies";

    [Fact]
    public async Task A_key_past_its_allowance_gets_429_problem_json_with_Retry_After_while_another_key_is_not_limited_and_it_recovers()
    {
        var first = await api.NewKeyAsync();
        var second = await api.NewKeyAsync();

        var (admitted, refused) = await ExhaustAsync(first, HttpStatusCode.OK);

        // The bucket holds a minute's allowance; a token comes back every second, so a slow run may get a few more.
        admitted.Should().BeInRange(RateLimitedApi.PerMinute, RateLimitedApi.PerMinute + 20);
        var problem = await refused.ShouldBeAsync(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
        refused.Headers.GetValues("API-Version").Should().Equal("1.0.0");
        problem["status"]!.GetValue<int>().Should().Be(429);
        problem["type"]!.GetValue<string>().Should().Be("https://sroi-ledger.nl/problems/too-many-requests");
        problem["detail"]!.GetValue<string>().Should().Contain("retry after 1 s");

        (await second.GetAsync(Operation)).StatusCode.Should().Be(HttpStatusCode.OK, "another key has an allowance of its own");
        (await api.Client().GetAsync("/api/v1/openapi.json")).StatusCode.Should().Be(HttpStatusCode.OK, "the document needs no key and is not limited");
        (await api.Client().GetAsync("/api/v1/docs/index.html")).StatusCode.Should().Be(HttpStatusCode.OK, "nor is Swagger UI");

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        (await first.GetAsync(Operation)).StatusCode.Should().Be(HttpStatusCode.OK, "after Retry-After the key has a request again");
    }

    /// <summary>
    /// From an address of its own: an address that has spent its rate gets no key looked up (session 43), so the test
    /// server's clients, which share one (empty) address, would all be refused with it, the other test's keys included.
    /// </summary>
    [Fact]
    public async Task Requests_without_a_key_are_limited_by_their_address()
    {
        var (admitted, refused) = await ExhaustAsync(api.ClientFrom(IPAddress.Parse("192.0.2.10")), HttpStatusCode.Unauthorized);

        admitted.Should().BeInRange(RateLimitedApi.PerMinute, RateLimitedApi.PerMinute + 20);
        await refused.ShouldBeAsync(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
    }

    /// <summary>Sends until the first 429; how many were answered <paramref name="expected"/> before it, and the 429.</summary>
    private static async Task<(int Admitted, HttpResponseMessage Refused)> ExhaustAsync(HttpClient client, HttpStatusCode expected)
    {
        for (var admitted = 0; admitted < 10 * RateLimitedApi.PerMinute; admitted++)
        {
            var response = await client.GetAsync(Operation);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) return (admitted, response);
            response.StatusCode.Should().Be(expected);
        }
        throw new InvalidOperationException($"No 429 after {10 * RateLimitedApi.PerMinute} requests.");
    }
}
