using System.Collections.Immutable;
using System.Security.Claims;
using System.Text.Json.Nodes;
using OpenIddict.Abstractions;
using Sroi.Ledger.DevIdentity.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sroi.Ledger.DevIdentity.Connect;

/// <summary>The claims an account's tokens carry (plan 19's claims contract) and which token each goes into.</summary>
public static class AccountPrincipal
{
    public static ClaimsIdentity For(DevAccount account, ImmutableArray<string> scopes, IEnumerable<string> audiences)
    {
        var identity = new ClaimsIdentity(
            authenticationType: "sroi-dev-identity", nameType: Claims.Name, roleType: DevIdentityDefaults.RolesClaim);
        identity.SetClaim(Claims.Subject, account.Subject.ToString())
            .SetClaim(Claims.Name, account.DisplayName)
            .SetClaim(Claims.Email, account.Email)
            .SetClaim(Claims.PreferredUsername, account.UserName)
            // An array even for one role, as Entra ID and Keycloak send it.
            .SetClaims(DevIdentityDefaults.RolesClaim, new JsonArray(account.Role));
        if (account.Municipality is { } municipality) identity.SetClaim(DevIdentityDefaults.MunicipalityClaim, municipality);
        if (account.KvkNumber is { } kvk) identity.SetClaim(DevIdentityDefaults.KvkClaim, kvk);

        identity.SetScopes(scopes);
        identity.SetResources(audiences);
        identity.SetDestinations(static claim => claim.Type switch
        {
            // The service needs all of these in the access token; the dashboard reads them from the identity token.
            Claims.Name or Claims.Email or Claims.PreferredUsername or DevIdentityDefaults.RolesClaim
                or DevIdentityDefaults.MunicipalityClaim or DevIdentityDefaults.KvkClaim
                => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return identity;
    }
}
