using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;
using Sroi.Ledger.DevIdentity;
using Sroi.Ledger.Testing.Oidc;

namespace Sroi.Ledger.Api.Tests.Auth.Oidc;

/// <summary>
/// The service with OpenID Connect issuers configured beside its API keys, each started before the service (their
/// addresses are its settings), over plain http on loopback (so SROI_OIDC_REQUIRE_HTTPS_METADATA=false), the metadata
/// re-read at most once a second so that a key rotation is followed quickly:
/// <list type="bullet">
/// <item>issuer 0: the development identity provider ops/run starts (a real OpenID Connect provider), whose tokens are
/// obtained through its login page (<see cref="OidcSignIn"/>);</item>
/// <item>issuer 1: another such provider whose access tokens live one second, for the expiry;</item>
/// <item>issuer 2: a <see cref="StandInIssuer"/> (discovery and keys only), for tokens no real provider issues (no expiry,
/// not yet valid, claims without a usable role).</item>
/// <item>issuer 3: one that is down (its metadata cannot be fetched).</item>
/// <item>issuer 4: the stand-in again, reached at another address (<c>localhost</c>) than the <c>iss</c> its tokens name
/// for this issuer (<see cref="PublicIssuer"/>, <c>SROI_OIDC_ISSUER__4</c>): a provider behind an internal address.</item>
/// </list>
/// A third provider that the service does not know stands for "a token of an unknown issuer".
/// </summary>
public class OidcLedgerApi : LedgerApi
{
    public const string Audience = DevIdentityDefaults.Audience;
    public const string Password = "bearer-tests-password";

    private readonly ConcurrentDictionary<string, Task<string>> tokens = new();

    public DevIdentityServer Provider { get; private set; } = null!;

    public DevIdentityServer ShortLivedProvider { get; private set; } = null!;

    public DevIdentityServer UnknownProvider { get; private set; } = null!;

    public StandInIssuer StandIn { get; private set; } = null!;

    /// <summary>A configured issuer that is down: nothing listens on port 1.</summary>
    public const string UnreachableIssuer = "http://127.0.0.1:1/";

    /// <summary>The <c>iss</c> issuer 4's tokens name (SROI_OIDC_ISSUER__4), not the address the service reaches it at.</summary>
    public const string PublicIssuer = "http://127.0.0.2:8443/realms/sroi";

    public override async Task InitializeAsync()
    {
        Provider = await DevIdentityServer.StartAsync(new DevIdentityOptions { Password = Password });
        ShortLivedProvider = await DevIdentityServer.StartAsync(new DevIdentityOptions { Password = Password, AccessTokenLifetime = TimeSpan.FromSeconds(1) });
        UnknownProvider = await DevIdentityServer.StartAsync(new DevIdentityOptions { Password = Password });
        StandIn = await StandInIssuer.StartAsync();
        await base.InitializeAsync();
    }

    protected override void ConfigureHost(IWebHostBuilder host)
    {
        // As environment variables name them (SROI_OIDC_AUTHORITY__0); the service reads either spelling.
        host.UseSetting("SROI_OIDC_AUTHORITY__0", Provider.Issuer.AbsoluteUri);
        host.UseSetting("SROI_OIDC_AUTHORITY__1", ShortLivedProvider.Issuer.AbsoluteUri);
        host.UseSetting("SROI_OIDC_AUTHORITY__2", StandIn.Issuer);
        host.UseSetting("SROI_OIDC_AUTHORITY__3", UnreachableIssuer);
        host.UseSetting("SROI_OIDC_AUTHORITY__4", StandIn.Issuer.Replace("127.0.0.1", "localhost", StringComparison.Ordinal));
        host.UseSetting("SROI_OIDC_ISSUER__4", PublicIssuer);
        host.UseSetting("SROI_OIDC_AUDIENCE", Audience);
        host.UseSetting("SROI_OIDC_REQUIRE_HTTPS_METADATA", "false");
        host.UseSetting("SROI_OIDC_METADATA_REFRESH_SECONDS", "1");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
        await ShortLivedProvider.DisposeAsync();
        await UnknownProvider.DisposeAsync();
        await StandIn.DisposeAsync();
    }

    /// <summary>
    /// An access token of the account at the development provider (inkoop, wsp, auditor, admin, opdrachtnemer-12345678),
    /// signed in through its login page once per test run (it lives 15 minutes).
    /// </summary>
    public Task<string> TokenAsync(string account) =>
        tokens.GetOrAdd(account, name => OidcSignIn.AccessTokenAsync(Provider.Issuer, name, Password));

    /// <summary>A client that presents this token.</summary>
    public HttpClient WithToken(string token)
    {
        var client = Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<HttpClient> PersonAsync(string account) => WithToken(await TokenAsync(account));

    /// <summary>The claims of a person in a role, for a token of the stand-in issuer.</summary>
    public static List<Claim> Person(string role, string? municipality = "GM0603", string? kvk = null, string? subject = null, string? name = null)
    {
        List<Claim> claims = [new("sub", subject ?? Guid.NewGuid().ToString()), new("roles", role)];
        if (municipality is not null) claims.Add(new Claim("municipality", municipality));
        if (kvk is not null) claims.Add(new Claim("kvk", kvk));
        if (name is not null) claims.Add(new Claim("name", name));
        return claims;
    }
}

[CollectionDefinition(Name)]
public sealed class OidcCollection : ICollectionFixture<OidcLedgerApi>
{
    public const string Name = "oidc";
}
