using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Sroi.Ledger.Api.Tests.Auth.Oidc;

/// <summary>
/// The two documents an OpenID Connect issuer publishes for a resource server (discovery and JWKS), on a real loopback
/// port, and tokens signed with the key it publishes. Not an identity provider (no sign-in, no flows): what the bearer
/// tests need to craft tokens the real provider would never issue (expired, for another audience, unsigned) and to
/// rotate the signing key on demand.
/// </summary>
public sealed class StandInIssuer : IAsyncDisposable
{
    private readonly WebApplication app;
    private RsaSecurityKey current;
    private readonly List<RsaSecurityKey> published = [];

    private StandInIssuer(WebApplication app, RsaSecurityKey key)
    {
        this.app = app;
        current = key;
        published.Add(key);
    }

    /// <summary>The issuer (<c>iss</c>), with a trailing slash as many providers write it.</summary>
    public string Issuer { get; private set; } = "";

    public int DiscoveryRequests;

    public static async Task<StandInIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var issuer = new StandInIssuer(app, NewKey());
        app.MapGet("/.well-known/openid-configuration", () =>
        {
            Interlocked.Increment(ref issuer.DiscoveryRequests);
            return Results.Text(new JsonObject
            {
                ["issuer"] = issuer.Issuer,
                ["jwks_uri"] = issuer.Issuer + "jwks",
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                ["response_types_supported"] = new JsonArray("code"),
                ["subject_types_supported"] = new JsonArray("public"),
            }.ToJsonString(), "application/json");
        });
        app.MapGet("/jwks", () =>
        {
            lock (issuer.published)
            {
                var keys = new JsonArray(issuer.published.Select(k =>
                {
                    var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(k);
                    return (JsonNode)new JsonObject { ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = jwk.Kid, ["n"] = jwk.N, ["e"] = jwk.E };
                }).ToArray());
                return Results.Text(new JsonObject { ["keys"] = keys }.ToJsonString(), "application/json");
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        issuer.Issuer = address.TrimEnd('/') + "/";
        return issuer;
    }

    /// <summary>A new signing key, published alone from now on: the old key's tokens stop validating once the JWKS is re-read.</summary>
    public void RotateKey()
    {
        lock (published)
        {
            current = NewKey();
            published.Clear();
            published.Add(current);
        }
    }

    /// <summary>A token of this issuer for the claims given (sub defaults to a new one), signed with its current key.</summary>
    public string Token(IEnumerable<Claim> claims, string audience = OidcLedgerApi.Audience, TimeSpan? lifetime = null, DateTime? issuedAt = null,
        SecurityKey? signWith = null, bool expires = true, string? issuer = null)
    {
        var now = issuedAt ?? DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires ? now + (lifetime ?? TimeSpan.FromMinutes(5)) : null,
            Subject = new ClaimsIdentity(claims),
            SigningCredentials = new SigningCredentials(signWith ?? current, SecurityAlgorithms.RsaSha256),
        });
    }

    public static RsaSecurityKey NewKey() =>
        new(RSA.Create(2048)) { KeyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) };

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
