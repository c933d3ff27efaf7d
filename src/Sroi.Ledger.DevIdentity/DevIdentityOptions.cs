namespace Sroi.Ledger.DevIdentity;

/// <summary>How a development identity provider is started (<see cref="DevIdentityServer.StartAsync"/>).</summary>
public sealed class DevIdentityOptions
{
    /// <summary>Where it listens and what it names itself (the issuer). Loopback only; port 0 picks a free port.</summary>
    public Uri Url { get; init; } = new("http://127.0.0.1:0");

    /// <summary>The one password of every account; null: a random one is generated (<see cref="DevIdentityServer.Password"/>).</summary>
    public string? Password { get; init; }

    /// <summary>The secret of the confidential client sroi-dashboard; null: a random one (<see cref="DevIdentityServer.ClientSecret"/>).</summary>
    public string? ClientSecret { get; init; }

    /// <summary>15 minutes as a real provider would; tests of expiry set a few seconds.</summary>
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Where sroi-dashboard may be sent back to with a code (its signin-oidc callbacks).</summary>
    public IReadOnlyList<Uri> RedirectUris { get; init; } =
        [new("http://localhost:5080/dashboard/signin-oidc"), new("http://127.0.0.1:5080/dashboard/signin-oidc")];

    /// <summary>Where sroi-dashboard may be sent after signing out.</summary>
    public IReadOnlyList<Uri> PostLogoutRedirectUris { get; init; } =
        [new("http://localhost:5080/dashboard/"), new("http://127.0.0.1:5080/dashboard/")];
}
