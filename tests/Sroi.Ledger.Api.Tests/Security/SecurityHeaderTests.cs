using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Sroi.Ledger.Api.Security;

namespace Sroi.Ledger.Api.Tests.Security;

/// <summary>
/// The transport-security headers of the NL API Design Rules on a sample of every kind of answer: an API 200, a 400 and a
/// 401 problem, a 404 of an unknown route, the OpenAPI document, Swagger UI, a dashboard page and asset, the health
/// probes. No CORS header without an allow list; HSTS only over TLS.
/// </summary>
[Collection(ApiCollection.Name)]
public class SecurityHeaderTests(LedgerApi api)
{
    public static TheoryData<string, bool, HttpStatusCode> Answers => new()
    {
        { "/api/v1/contracts", true, HttpStatusCode.OK },
        { "/api/v1/contracts?pageSize=0", true, HttpStatusCode.BadRequest },
        { "/api/v1/contracts", false, HttpStatusCode.Unauthorized },
        { "/api/v1/no-such-route", true, HttpStatusCode.NotFound },
        { "/api/v1/openapi.json", false, HttpStatusCode.OK },
        { "/health/live", false, HttpStatusCode.OK },
        { "/health/ready", false, HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Every_api_answer_carries_the_headers_and_is_not_stored(string path, bool withKey, HttpStatusCode status)
    {
        using var response = await (withKey ? api.Admin() : api.Client()).GetAsync(path);

        response.StatusCode.Should().Be(status);
        Header(response, "X-Content-Type-Options").Should().Be("nosniff");
        Header(response, "Referrer-Policy").Should().Be("no-referrer");
        Header(response, "Cache-Control").Should().Be("no-store");
        Header(response, "Content-Security-Policy").Should().Be("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        response.Headers.Contains("Strict-Transport-Security").Should().BeFalse("the request came over plain http");
        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [Fact]
    public async Task Swagger_ui_has_its_own_policy_and_the_dashboard_keeps_its_own_and_its_assets_may_be_cached()
    {
        using var docs = await api.Client().GetAsync("/api/v1/docs/index.html");
        docs.StatusCode.Should().Be(HttpStatusCode.OK);
        Header(docs, "Content-Security-Policy").Should().Be(SecurityHeaders.SwaggerUiPolicy).And.Contain("frame-ancestors 'none'");
        Header(docs, "X-Content-Type-Options").Should().Be("nosniff");
        // Swashbuckle's own choice for its page (no data in it): kept by no shared cache, revalidated every time.
        Header(docs, "Cache-Control").Should().Be("max-age=0, private");

        using var page = await api.Client().GetAsync("/dashboard");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        Header(page, "Content-Security-Policy").Should().StartWith("default-src 'self'; script-src 'self';").And.Contain("frame-ancestors 'none'");
        Header(page, "Cache-Control").Should().Be("no-cache");
        Header(page, "Referrer-Policy").Should().Be("no-referrer");

        // The sign-in choice page's stylesheet: the one file of the first pages left (the app's bundles: WebAppServingTests).
        using var asset = await api.Client().GetAsync("/dashboard/assets/dashboard.css");
        asset.StatusCode.Should().Be(HttpStatusCode.OK);
        Header(asset, "Cache-Control").Should().Be("no-cache", "an asset is kept and revalidated by its ETag, so a release is picked up at once");
        asset.Headers.ETag.Should().NotBeNull();
        Header(asset, "X-Content-Type-Options").Should().Be("nosniff");
        Header(asset, "Content-Security-Policy").Should().Contain("frame-ancestors 'none'");
    }

    [Fact]
    public async Task Hsts_is_sent_over_tls_only()
    {
        var client = api.Client();
        client.BaseAddress = new Uri("https://localhost/");
        using var response = await client.GetAsync("/health/live");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Header(response, "Strict-Transport-Security").Should().Be("max-age=31536000");
    }

    [Fact]
    public async Task Without_an_allow_list_no_origin_gets_a_cors_header_and_a_preflight_is_not_answered_as_one()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/contracts");
        request.Headers.Add("Origin", "https://portaal.rijswijk.nl");
        using var response = await api.Admin().SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();

        using var preflight = await api.Client().SendAsync(Preflight("https://portaal.rijswijk.nl", "POST", "authorization,content-type"));
        preflight.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
        preflight.Headers.Contains("Access-Control-Allow-Methods").Should().BeFalse();
    }

    [Theory]
    [InlineData("*")]
    [InlineData("https://portaal.rijswijk.nl/")]
    [InlineData("https://portaal.rijswijk.nl/pad")]
    [InlineData("portaal.rijswijk.nl")]
    [InlineData("ftp://portaal.rijswijk.nl")]
    public void A_setting_that_is_not_a_list_of_origins_stops_the_start(string origin)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(CorsAllowList.Variable, "https://ok.example.nl," + origin)]).Build();
        var refused = () => CorsAllowList.Origins(configuration);
        refused.Should().Throw<InvalidOperationException>().WithMessage($"*{CorsAllowList.Variable}*");
    }

    [Fact]
    public void The_setting_is_a_comma_list_and_empty_by_default()
    {
        CorsAllowList.Origins(new ConfigurationBuilder().Build()).Should().BeEmpty();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new(CorsAllowList.Variable, " https://portaal.rijswijk.nl , http://localhost:5173")]).Build();
        CorsAllowList.Origins(configuration).Should().Equal("https://portaal.rijswijk.nl", "http://localhost:5173");
    }

    internal static HttpRequestMessage Preflight(string origin, string method, string headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/contracts");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }

    internal static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(", ", content)
        : throw new Xunit.Sdk.XunitException($"No {name} header on {(int)response.StatusCode} {response.RequestMessage?.RequestUri}");
}

/// <summary>The service with an allow list of two origins, on a database of its own.</summary>
public sealed class CorsLedgerApi : LedgerApi
{
    public const string Allowed = "https://portaal.rijswijk.nl";
    public const string AlsoAllowed = "http://localhost:5173";

    protected override void ConfigureHost(IWebHostBuilder host) => host.UseSetting(CorsAllowList.Variable, $"{Allowed},{AlsoAllowed}");
}

/// <summary>SROI_CORS_ORIGINS: a listed origin gets exactly itself, never <c>*</c>; any other none; a preflight admits the API's methods and headers.</summary>
public class CorsAllowListTests(CorsLedgerApi api) : IClassFixture<CorsLedgerApi>
{
    [Fact]
    public async Task A_listed_origin_gets_exactly_itself_and_may_read_the_versioning_headers()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/contracts");
        request.Headers.Add("Origin", CorsLedgerApi.AlsoAllowed);
        using var response = await api.Admin().SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        SecurityHeaderTests.Header(response, "Access-Control-Allow-Origin").Should().Be(CorsLedgerApi.AlsoAllowed);
        SecurityHeaderTests.Header(response, "Access-Control-Expose-Headers").Should().Contain("ETag").And.Contain("Location").And.Contain("API-Version");
        response.Headers.Contains("Access-Control-Allow-Credentials").Should().BeFalse();
        SecurityHeaderTests.Header(response, "Cache-Control").Should().Be("no-store");
    }

    [Fact]
    public async Task Another_origin_gets_no_cors_header_and_its_preflight_is_refused()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/contracts");
        request.Headers.Add("Origin", "https://evil.example.com");
        using var response = await api.Admin().SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK, "CORS is the browser's to enforce; the server only withholds the allowance");
        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();

        using var preflight = await api.Client().SendAsync(SecurityHeaderTests.Preflight("https://evil.example.com", "POST", "authorization"));
        preflight.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
        preflight.Headers.Contains("Access-Control-Allow-Methods").Should().BeFalse();
        // A look-alike of a listed origin is another origin.
        using var lookAlike = await api.Client().SendAsync(SecurityHeaderTests.Preflight("https://portaal.rijswijk.nl.evil.example.com", "GET", "authorization"));
        lookAlike.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [Theory]
    [InlineData("null")]
    [InlineData("https://portaal.rijswijk.n")]
    [InlineData("http://localhost:51730")]
    [InlineData("http://localhost")]
    [InlineData("https://portaal.rijswijk.nl:8443")]
    [InlineData("http://portaal.rijswijk.nl")]
    public async Task A_sandboxed_page_or_an_origin_that_only_resembles_a_listed_one_gets_no_allowance(string origin)
    {
        // Origin: null is what a sandboxed iframe or a file: page sends: anyone can make a browser send it.
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/contracts");
        request.Headers.Add("Origin", origin);
        using var response = await api.Admin().SendAsync(request);
        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
        response.Headers.Contains("Access-Control-Allow-Credentials").Should().BeFalse();

        using var preflight = await api.Client().SendAsync(SecurityHeaderTests.Preflight(origin, "POST", "authorization"));
        preflight.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
        preflight.Headers.Contains("Access-Control-Allow-Methods").Should().BeFalse();
    }

    [Theory]
    [InlineData("POST", "authorization,content-type,idempotency-key")]
    [InlineData("POST", "authorization,if-match,x-correlation-id")]
    [InlineData("DELETE", "authorization")]
    [InlineData("GET", "authorization")]
    public async Task A_preflight_of_a_listed_origin_admits_the_apis_methods_and_headers_without_a_key(string method, string headers)
    {
        using var preflight = await api.Client().SendAsync(SecurityHeaderTests.Preflight(CorsLedgerApi.Allowed, method, headers));

        preflight.StatusCode.Should().Be(HttpStatusCode.NoContent);
        SecurityHeaderTests.Header(preflight, "Access-Control-Allow-Origin").Should().Be(CorsLedgerApi.Allowed);
        SecurityHeaderTests.Header(preflight, "Access-Control-Allow-Methods").Should().Contain(method);
        var allowed = SecurityHeaderTests.Header(preflight, "Access-Control-Allow-Headers").ToLowerInvariant();
        foreach (var header in headers.Split(','))
            allowed.Should().Contain(header);
        SecurityHeaderTests.Header(preflight, "X-Content-Type-Options").Should().Be("nosniff");
    }

    [Fact]
    public async Task A_preflight_asking_for_an_unlisted_header_is_not_admitted()
    {
        // ASP.NET answers with the policy's headers and the browser refuses a request whose header is not among them.
        using var preflight = await api.Client().SendAsync(SecurityHeaderTests.Preflight(CorsLedgerApi.Allowed, "POST", "authorization,x-something-else"));
        var allowed = preflight.Headers.TryGetValues("Access-Control-Allow-Headers", out var values) ? string.Join(",", values).ToLowerInvariant() : "";
        allowed.Should().NotContain("x-something-else").And.NotContain("*");
    }
}
