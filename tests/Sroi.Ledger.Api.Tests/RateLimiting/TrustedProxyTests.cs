using System.Net;
using FluentAssertions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Sroi.Ledger.Api.Security;
using Xunit;

namespace Sroi.Ledger.Api.Tests.RateLimiting;

/// <summary>The rate-limited service behind one listed proxy (<c>SROI_TRUSTED_PROXIES</c>).</summary>
public class ProxiedRateLimitedApi : RateLimitedApi
{
    public static readonly IPAddress Proxy = IPAddress.Parse("203.0.113.40");

    protected override void ConfigureHost(IWebHostBuilder host) => host.UseSetting("SROI_TRUSTED_PROXIES", Proxy.ToString());
}

/// <summary>
/// Session 43: behind a reverse proxy every request came from the proxy's address, so one client's requests without a
/// known key used up the address's rate for every client behind it. With the proxy listed (Security/TrustedProxies) each
/// forwarded client counts by its own address; a header from an address not listed changes nothing.
/// </summary>
public class TrustedProxyTests(ProxiedRateLimitedApi api) : IClassFixture<ProxiedRateLimitedApi>
{
    private const string Operation = "/api/v1/sroi-policies";

    [Fact]
    public async Task Behind_a_listed_proxy_one_forwarded_client_spending_its_rate_leaves_another_its_own()
    {
        using var proxy = api.ClientFrom(ProxiedRateLimitedApi.Proxy);
        var spent = await SpendRateAsync(proxy, "198.51.100.41");
        spent.Should().Be(HttpStatusCode.TooManyRequests, "the first client has sent more than its rate");

        using var other = Forwarded(HttpMethod.Get, "198.51.100.42");
        (await proxy.SendAsync(other)).StatusCode.Should().Be(HttpStatusCode.Unauthorized,
            "another client behind the same proxy has its own rate: it is told it has no key, not to wait");
    }

    [Fact]
    public async Task A_forwarded_address_from_a_connection_that_is_no_listed_proxy_is_not_believed()
    {
        using var stranger = api.ClientFrom(IPAddress.Parse("192.0.2.43"));
        // Each request claims another client: were the header believed, none would ever reach its rate.
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i <= RateLimitedApi.PerMinute + 5; i++)
        {
            using var request = Forwarded(HttpMethod.Get, $"198.51.100.{i % 250}");
            answers.Add((await stranger.SendAsync(request)).StatusCode);
        }
        answers.Should().Contain(HttpStatusCode.TooManyRequests, "the requests count by the connection's own address");
        answers.Should().OnlyContain(s => s == HttpStatusCode.Unauthorized || s == HttpStatusCode.TooManyRequests);
    }

    /// <summary>Requests without a key from one forwarded client until the limiter refuses one; the last answer.</summary>
    private static async Task<HttpStatusCode> SpendRateAsync(HttpClient proxy, string client)
    {
        var last = HttpStatusCode.OK;
        for (var i = 0; i <= RateLimitedApi.PerMinute + 5 && last != HttpStatusCode.TooManyRequests; i++)
        {
            using var request = Forwarded(HttpMethod.Get, client);
            last = (await proxy.SendAsync(request)).StatusCode;
        }
        return last;
    }

    private static HttpRequestMessage Forwarded(HttpMethod method, string client)
    {
        var request = new HttpRequestMessage(method, Operation);
        request.Headers.Add("X-Forwarded-For", client);
        return request;
    }
}

/// <summary><c>SROI_TRUSTED_PROXIES</c> as written: a typo stops the start instead of trusting nobody, or everybody, silently.</summary>
public class TrustedProxiesSettingTests
{
    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1/32")]
    [InlineData("10.20.0.0/16", "10.20.0.0/16")]
    [InlineData(" 127.0.0.1 , ::1 ", "127.0.0.1/32 ::1/128")]
    [InlineData("", "")]
    public void Addresses_and_networks_are_read(string setting, string networks) =>
        string.Join(" ", TrustedProxies.Networks(Setting(setting))).Should().Be(networks);

    [Theory]
    [InlineData("caddy")]
    [InlineData("10.20.0.1/16")]
    [InlineData("127.0.0.1/33")]
    [InlineData("*")]
    public void A_malformed_entry_stops_the_start_with_the_reason(string setting) =>
        FluentActions.Invoking(() => TrustedProxies.Networks(Setting(setting)))
            .Should().Throw<InvalidOperationException>().WithMessage($"SROI_TRUSTED_PROXIES: '{setting}' is not an address or a network*");

    private static IConfiguration Setting(string value) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["SROI_TRUSTED_PROXIES"] = value }).Build();
}
