using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Sroi.Ledger.Api.Auth;

namespace Sroi.Ledger.Api.Tests.Auth;

/// <summary>
/// Keys are ASP.NET Core authentication: a scheme turns the bearer key into a principal with the caller's four claims,
/// endpoints require a policy per role set, and the 401 and 403 answers keep their words.
/// </summary>
[Collection(ApiCollection.Name)]
public class AuthenticationSchemeTests(LedgerApi api)
{
    [Fact]
    public void Every_API_endpoint_requires_a_role_policy_through_ASP_NET_authorization()
    {
        var endpoints = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/v1/", StringComparison.Ordinal)
                        && e.Metadata.GetMetadata<IHttpMethodMetadata>() is not null)
            .ToList();
        endpoints.Should().HaveCountGreaterThan(40);

        foreach (var endpoint in endpoints.Where(e => !e.RoutePattern.RawText!.Contains("openapi", StringComparison.Ordinal)))
        {
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            policies.Should().NotBeEmpty(endpoint.DisplayName);
            policies.Should().AllSatisfy(p => LedgerPolicies.RolesOf(p!).Should().NotBeNullOrEmpty(endpoint.DisplayName));
        }

        var revoke = endpoints.Single(e => e.RoutePattern.RawText!.TrimStart('/') == "api/v1/api-keys/{id:guid}"
                                           && e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.SequenceEqual(["DELETE"]));
        revoke.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Should().Equal("roles:admin");
    }

    [Fact]
    public async Task The_scheme_turns_a_key_into_a_principal_with_key_id_role_municipality_and_kvk_number()
    {
        var issued = await (await api.Admin().PostAsJsonAsync("/api/v1/api-keys", new { role = "opdrachtnemer", municipality = "GM0603", kvkNumber = "12345678" }))
            .ShouldBeAsync(HttpStatusCode.Created);

        var result = await AuthenticateAsync(issued["key"]!.GetValue<string>());

        result.Succeeded.Should().BeTrue();
        result.Ticket!.AuthenticationScheme.Should().Be(ApiKeyAuthenticationHandler.SchemeName);
        var claims = result.Principal!.Claims.ToDictionary(c => c.Type, c => c.Value);
        claims.Should().Equal(new Dictionary<string, string>
        {
            ["sroi:key_id"] = issued["id"]!.GetValue<string>(),
            ["roles"] = "opdrachtnemer",
            ["municipality"] = "GM0603",
            ["kvk"] = "12345678",
        });
        result.Principal.IsInRole("opdrachtnemer").Should().BeTrue();

        var unknown = await AuthenticateAsync(ApiKeys.Prefix + "unknown");
        unknown.Succeeded.Should().BeFalse();
        unknown.Failure!.Message.Should().Be("The API key is unknown or revoked.");
        (await AuthenticateAsync(null)).None.Should().BeTrue("no key is no result: the challenge asks for one");
    }

    [Fact]
    public async Task The_401_and_403_answers_keep_their_problem_bodies()
    {
        var noKey = await api.Client().GetAsync("/api/v1/api-keys");
        var problem = await noKey.ShouldBeAsync(HttpStatusCode.Unauthorized);
        noKey.Headers.WwwAuthenticate.ToString().Should().Be("Bearer");
        problem["type"]!.GetValue<string>().Should().Be("https://sroi-ledger.nl/problems/unauthorized");
        problem["title"]!.GetValue<string>().Should().Be("Authentication required.");
        problem["status"]!.GetValue<int>().Should().Be(401);
        problem["detail"]!.GetValue<string>().Should().Be("Send an API key as 'Authorization: Bearer <key>'.");

        var unknown = await api.Client(ApiKeys.Prefix + "not-a-key").GetAsync("/api/v1/api-keys");
        (await unknown.ShouldBeAsync(HttpStatusCode.Unauthorized))["detail"]!.GetValue<string>().Should().Be("The API key is unknown or revoked.");
        unknown.Headers.WwwAuthenticate.ToString().Should().Be("Bearer");
        var basic = api.Client();
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "YWRtaW46YWRtaW4=");
        (await (await basic.GetAsync("/api/v1/api-keys")).ShouldBeAsync(HttpStatusCode.Unauthorized))["detail"]!.GetValue<string>()
            .Should().Be("Send an API key as 'Authorization: Bearer <key>'.");

        var forbidden = await (await (await api.ClientAsync("wsp")).GetAsync("/api/v1/api-keys")).ShouldBeAsync(HttpStatusCode.Forbidden);
        forbidden["type"]!.GetValue<string>().Should().Be("https://sroi-ledger.nl/problems/forbidden");
        forbidden["title"]!.GetValue<string>().Should().Be("Not allowed.");
        forbidden["status"]!.GetValue<int>().Should().Be(403);
        forbidden["detail"]!.GetValue<string>().Should().Be("Role 'wsp' may not do this; allowed: admin.");
        var contractor = await api.ClientAsync("opdrachtnemer", kvkNumber: "12345678");
        (await (await contractor.GetAsync("/api/v1/audit/public-key")).ShouldBeAsync(HttpStatusCode.Forbidden))["detail"]!.GetValue<string>()
            .Should().Be("Role 'opdrachtnemer' may not do this; allowed: auditor, admin.");
    }

    [Fact]
    public async Task A_group_policy_and_the_endpoint_policy_both_apply_and_the_403_names_the_roles_both_admit()
    {
        var provider = api.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var policy = await AuthorizationPolicy.CombineAsync(provider,
            [new AuthorizeAttribute(LedgerPolicies.For(Role.Inkoop, Role.Wsp, Role.Admin)), new AuthorizeAttribute(LedgerPolicies.For(Role.Admin, Role.Wsp))]);
        using var scope = api.Services.CreateScope();
        var http = new DefaultHttpContext
        {
            RequestServices = scope.ServiceProvider,
            User = new Caller("k1", Role.Inkoop, Domain.Shared.MunicipalityCode.Parse("GM0603"), null).ToPrincipal(),
        };
        http.Response.Body = new MemoryStream();

        var authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();
        (await authorization.AuthorizeAsync(http.User, null, policy!)).Succeeded.Should().BeFalse("inkoop is in the group's roles, not the endpoint's");
        await scope.ServiceProvider.GetRequiredService<IAuthorizationMiddlewareResultHandler>()
            .HandleAsync(_ => throw new InvalidOperationException("not admitted"), http, policy!, PolicyAuthorizationResult.Forbid());

        http.Response.StatusCode.Should().Be(403);
        http.Response.Body.Position = 0;
        var problem = (await JsonNode.ParseAsync(http.Response.Body))!;
        problem["detail"]!.GetValue<string>().Should().Be("Role 'inkoop' may not do this; allowed: wsp, admin.");
    }

    /// <summary>
    /// What the coming OpenID Connect scheme has to give: a principal of another authentication type with the same
    /// claims is the same caller and passes the same policies (the tenant comes from its municipality claim).
    /// </summary>
    [Fact]
    public async Task A_principal_of_another_scheme_with_the_same_claims_is_the_same_caller_to_the_policies()
    {
        var person = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("sub", "someone@gemeente.nl"), new Claim(Caller.KeyIdClaim, "oidc:someone"), new Claim(Caller.RoleClaim, "wsp"),
             new Claim(Caller.MunicipalityClaim, "GM0603")],
            "oidc", Caller.KeyIdClaim, Caller.RoleClaim));
        var authorization = api.Services.GetRequiredService<IAuthorizationService>();

        (await authorization.AuthorizeAsync(person, LedgerPolicies.For(Role.Wsp, Role.Admin))).Succeeded.Should().BeTrue();
        (await authorization.AuthorizeAsync(person, LedgerPolicies.For(Role.Admin))).Succeeded.Should().BeFalse();
        (await authorization.AuthorizeAsync(new ClaimsPrincipal(new ClaimsIdentity()), LedgerPolicies.For(Role.Wsp))).Succeeded.Should().BeFalse();
        Caller.From(person).Should().Be(new Caller("oidc:someone", Role.Wsp, Domain.Shared.MunicipalityCode.Parse("GM0603"), null));
    }

    /// <summary>Authenticates a request with this bearer key (none: no header) to an endpoint that requires a policy.</summary>
    private async Task<AuthenticateResult> AuthenticateAsync(string? key)
    {
        using var scope = api.Services.CreateScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        if (key is not null) http.Request.Headers.Authorization = $"Bearer {key}";
        http.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(new AuthorizeAttribute(LedgerPolicies.For(Role.Wsp))), "test"));
        return await http.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName);
    }
}
