using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Sroi.Ledger.Api.Auth;

namespace Sroi.Ledger.Api.Tests.Auth;

/// <summary>
/// The policy scheme in front: a token goes to the scheme of the issuer its (unvalidated) <c>iss</c> names, everything
/// else to the API-key scheme, which refuses what it does not know.
/// </summary>
public class SchemeSelectionTests
{
    private const string AdminKey = "an-admin-key-of-some-length.with.dots";

    private static readonly OidcSettings Settings = new(
    [
        new OidcIssuer(0, new Uri("https://id.rijswijk.nl/realms/sroi/"), "sroi-ledger", "roles", "municipality", "kvk", null),
        new OidcIssuer(1, new Uri("https://broker.example"), "sroi-ledger", "roles", "municipality", "kvk", null),
    ], true, TimeSpan.FromSeconds(60));

    private static string Token(string issuer)
    {
        using var rsa = RSA.Create(2048);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = "sroi-ledger",
            Subject = new ClaimsIdentity([new Claim("sub", "someone"), new Claim("roles", "wsp")]),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa.ExportParameters(true)), SecurityAlgorithms.RsaSha256),
        });
    }

    private static string SchemeFor(string? authorization, bool publicEndpoint = false)
    {
        var services = new ServiceCollection().AddSingleton(new Api.Auth.AdminKey(AdminKey)).BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        if (authorization is not null) http.Request.Headers.Authorization = authorization;
        http.SetEndpoint(publicEndpoint
            ? new Endpoint(null, new EndpointMetadataCollection(), "public")
            : new Endpoint(null, new EndpointMetadataCollection(new AuthorizeAttribute(LedgerPolicies.For(Role.Wsp))), "secured"));
        return LedgerAuthentication.SchemeFor(http, Settings);
    }

    [Fact]
    public void A_token_goes_to_the_scheme_of_its_issuer_with_or_without_a_trailing_slash()
    {
        SchemeFor("Bearer " + Token("https://id.rijswijk.nl/realms/sroi/")).Should().Be("oidc-0");
        SchemeFor("bearer " + Token("https://id.rijswijk.nl/realms/sroi")).Should().Be("oidc-0");
        SchemeFor("Bearer " + Token("https://broker.example/")).Should().Be("oidc-1");
    }

    [Fact]
    public void Keys_the_admin_key_and_everything_unreadable_go_to_the_API_key_scheme()
    {
        SchemeFor("Bearer " + ApiKeys.Prefix + "abc.def.ghi").Should().Be("ApiKey");
        SchemeFor("Bearer " + AdminKey).Should().Be("ApiKey", "the admin key is a key even when it has two dots");
        SchemeFor(null).Should().Be("ApiKey");
        SchemeFor("Basic YWRtaW46YWRtaW4=").Should().Be("ApiKey");
        SchemeFor("Bearer not.a.jwt").Should().Be("ApiKey");
        SchemeFor("Bearer " + Token("https://other.example/")).Should().Be("ApiKey", "an unknown issuer is refused like an unknown key");
        SchemeFor("Bearer " + Token("https://id.rijswijk.nl/realms/sroi/evil")).Should().Be("ApiKey");
        var unsigned = Base64Url("""{"alg":"none"}""") + "." + Base64Url("""{"iss":"https://broker.example"}""") + ".";
        SchemeFor("Bearer " + unsigned).Should().Be("oidc-1", "the issuer's scheme refuses it (alg none is not allowed)");
    }

    [Fact]
    public void A_public_endpoint_never_reaches_a_bearer_scheme()
    {
        SchemeFor("Bearer " + Token("https://broker.example/"), publicEndpoint: true).Should().Be("ApiKey");
    }

    private static string Base64Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
