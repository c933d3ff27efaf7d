using System.Collections.Immutable;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
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
        Describe(identity, account);
        identity.SetScopes(scopes);
        identity.SetResources(audiences);
        return identity;
    }

    /// <summary>
    /// Sets (replacing what is there) the account's claims and their destinations: at the authorization endpoint, and again
    /// at the token endpoint, where the principal read back from a code or refresh token has lost the claims' JSON types
    /// (a one-element <c>roles</c> array comes back as a string) and the account is looked up afresh.
    /// </summary>
    public static ClaimsIdentity Describe(ClaimsIdentity identity, DevAccount account)
    {
        identity.SetClaim(Claims.Subject, account.Subject.ToString())
            .SetClaim(Claims.Name, account.DisplayName)
            .SetClaim(Claims.Email, account.Email)
            .SetClaim(Claims.PreferredUsername, account.UserName)
            .SetClaim(DevIdentityDefaults.MunicipalityClaim, account.Municipality)
            .SetClaim(DevIdentityDefaults.KvkClaim, account.KvkNumber)
            .SetClaim(DevIdentityDefaults.RegionClaim, account.Region);
        // An array even for one role, as Entra ID and Keycloak send it. OpenIddict's own helpers split a JSON array into
        // one claim per value (one value: a plain string in the JWT); a claim typed JSON_ARRAY is written by the
        // token handler as the array itself.
        identity.RemoveClaims(DevIdentityDefaults.RolesClaim);
        identity.AddClaim(new Claim(DevIdentityDefaults.RolesClaim, new JsonArray(account.Role).ToJsonString(), JsonClaimValueTypes.JsonArray));
        identity.SetDestinations(static claim => claim.Type switch
        {
            // The service needs all of these in the access token; the dashboard reads them from the identity token.
            Claims.Name or Claims.Email or Claims.PreferredUsername or DevIdentityDefaults.RolesClaim
                or DevIdentityDefaults.MunicipalityClaim or DevIdentityDefaults.KvkClaim or DevIdentityDefaults.RegionClaim
                => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return identity;
    }
}
