using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Sroi.Ledger.DevIdentity.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sroi.Ledger.DevIdentity.Connect;

/// <summary>
/// The token endpoint (passthrough), as OpenIddict's samples have it: OpenIddict has validated the client, the code or
/// refresh token and the PKCE verifier; here the person is looked up again, so that tokens carry their current claims.
/// </summary>
public static class TokenEndpoint
{
    public static async Task<IResult> Handle(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("OpenIddict passed no token request.");
        // Only these two grants are enabled: OpenIddict refuses any other before this handler.
        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
            throw new InvalidOperationException($"Grant type {request.GrantType} is not enabled.");

        var granted = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (DevAccounts.FindBySubject(granted.Principal?.GetClaim(Claims.Subject)) is not { } account)
            return Results.Forbid(
                new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidGrant,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "Het account bestaat niet meer.",
                }),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

        // The granted principal keeps OpenIddict's own claims (scopes, audiences, nonce, authorization); the person's are renewed.
        var identity = new ClaimsIdentity(granted.Principal!.Claims, "sroi-dev-identity", Claims.Name, DevIdentityDefaults.RolesClaim);
        AccountPrincipal.Describe(identity, account);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
