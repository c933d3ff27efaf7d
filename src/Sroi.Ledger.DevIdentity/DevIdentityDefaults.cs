namespace Sroi.Ledger.DevIdentity;

/// <summary>The names a client of the development identity provider needs: clients, audience, paths, claim types.</summary>
public static class DevIdentityDefaults
{
    /// <summary>The ledger's API: the access tokens' audience (requested as a scope of this name, or given by default).</summary>
    public const string Audience = "sroi-ledger";

    /// <summary>Another API, only so that tests can obtain a well-signed token with the wrong audience.</summary>
    public const string OtherAudience = "sroi-elsewhere";

    /// <summary>The dashboard's backend-for-frontend: confidential, code flow with PKCE.</summary>
    public const string DashboardClientId = "sroi-dashboard";

    /// <summary>Public clients (PKCE, loopback redirect) for a developer's command line and for the tests.</summary>
    public const string CliClientId = "sroi-dev-cli";
    public const string TestsClientId = "sroi-tests";

    /// <summary>The public clients' redirect URI: never fetched, the code is read from the redirect itself.</summary>
    public static readonly Uri LoopbackRedirectUri = new("http://127.0.0.1/callback");

    public const string AuthorizationPath = "/connect/authorize";
    public const string TokenPath = "/connect/token";
    public const string UserInfoPath = "/connect/userinfo";
    public const string EndSessionPath = "/connect/logout";
    public const string JwksPath = "/.well-known/jwks";
    public const string LoginPath = "/account/login";

    /// <summary>The claims contract of plan 19 (the service can be told other names; these are its defaults).</summary>
    public const string RolesClaim = "roles";
    public const string MunicipalityClaim = "municipality";
    public const string KvkClaim = "kvk";
    public const string RegionClaim = "region";
}
