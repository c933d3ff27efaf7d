using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sroi.Ledger.DevIdentity.Hosting;

/// <summary>The clients and API scopes, registered in the in-memory stores before the provider takes requests.</summary>
public static class Registrations
{
    public static async Task SeedAsync(IServiceProvider services, DevIdentityOptions options, string clientSecret, CancellationToken cancellationToken)
    {
        var scopes = services.GetRequiredService<IOpenIddictScopeManager>();
        // An API scope names the audience its tokens get (OpenIddict's resources become the access token's `aud`).
        foreach (var api in new[] { DevIdentityDefaults.Audience, DevIdentityDefaults.OtherAudience })
            await scopes.CreateAsync(new OpenIddictScopeDescriptor { Name = api, Resources = { api } }, cancellationToken);

        var applications = services.GetRequiredService<IOpenIddictApplicationManager>();
        var dashboard = Describe(DevIdentityDefaults.DashboardClientId, "SROI-ledger dashboard", ClientTypes.Confidential);
        dashboard.ClientSecret = clientSecret;
        foreach (var uri in options.RedirectUris) dashboard.RedirectUris.Add(uri);
        foreach (var uri in options.PostLogoutRedirectUris) dashboard.PostLogoutRedirectUris.Add(uri);
        await applications.CreateAsync(dashboard, cancellationToken);

        foreach (var (clientId, name) in new[]
                 {
                     (DevIdentityDefaults.CliClientId, "SROI-ledger command line (development)"),
                     (DevIdentityDefaults.TestsClientId, "SROI-ledger tests"),
                 })
        {
            var client = Describe(clientId, name, ClientTypes.Public);
            client.RedirectUris.Add(DevIdentityDefaults.LoopbackRedirectUri);
            client.RedirectUris.Add(new Uri("http://localhost/callback"));
            await applications.CreateAsync(client, cancellationToken);
        }
    }

    private static OpenIddictApplicationDescriptor Describe(string clientId, string displayName, string clientType)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            DisplayName = displayName,
            ClientType = clientType,
            // No consent screen: every client here is the ledger's own.
            ConsentType = ConsentTypes.Implicit,
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var permission in new[]
                 {
                     Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                     Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken,
                     Permissions.ResponseTypes.Code,
                     Permissions.Scopes.Profile, Permissions.Scopes.Email, Permissions.Scopes.Roles,
                     Permissions.Prefixes.Scope + DevIdentityDefaults.Audience,
                     Permissions.Prefixes.Scope + DevIdentityDefaults.OtherAudience,
                 })
            descriptor.Permissions.Add(permission);
        return descriptor;
    }
}
