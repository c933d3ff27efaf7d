using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;

namespace Sroi.Ledger.Api.Tests.Auth.Oidc;

/// <summary>
/// The service with an OpenID Connect issuer configured beside its API keys: the issuer is started first (its address
/// is the setting), over plain http on loopback (so SROI_OIDC_REQUIRE_HTTPS_METADATA=false), with the metadata re-read
/// at most once a second so that a key rotation is followed quickly. A second issuer that the service does not know
/// stands for "a token of an unknown issuer".
/// </summary>
public class OidcLedgerApi : LedgerApi
{
    public const string Audience = "sroi-ledger-tests";

    public StandInIssuer Issuer { get; private set; } = null!;

    public StandInIssuer UnknownIssuer { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Issuer = await StandInIssuer.StartAsync();
        UnknownIssuer = await StandInIssuer.StartAsync();
        await base.InitializeAsync();
    }

    protected override void ConfigureHost(IWebHostBuilder host)
    {
        host.UseSetting("SROI_OIDC_AUTHORITY__0", Issuer.Issuer);
        host.UseSetting("SROI_OIDC_AUDIENCE", Audience);
        host.UseSetting("SROI_OIDC_REQUIRE_HTTPS_METADATA", "false");
        host.UseSetting("SROI_OIDC_METADATA_REFRESH_SECONDS", "1");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Issuer.DisposeAsync();
        await UnknownIssuer.DisposeAsync();
    }

    /// <summary>A client that presents this token.</summary>
    public HttpClient WithToken(string token)
    {
        var client = Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The claims of a person in a role, as the real provider's accounts carry them.</summary>
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
