using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Sroi.Ledger.DevIdentity.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sroi.Ledger.DevIdentity.Connect;

/// <summary>The userinfo endpoint (passthrough): OpenIddict has validated the access token; here its person's claims.</summary>
public static class UserInfoEndpoint
{
    public static async Task<IResult> Handle(HttpContext context)
    {
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (DevAccounts.FindBySubject(result.Principal?.GetClaim(Claims.Subject)) is not { } account)
            return Results.Challenge(
                new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidToken,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "Het account bestaat niet meer.",
                }),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

        var claims = new JsonObject
        {
            [Claims.Subject] = account.Subject.ToString(),
            [Claims.Name] = account.DisplayName,
            [Claims.Email] = account.Email,
            [Claims.PreferredUsername] = account.UserName,
            [DevIdentityDefaults.RolesClaim] = new JsonArray(account.Role),
        };
        if (account.Municipality is { } municipality) claims[DevIdentityDefaults.MunicipalityClaim] = municipality;
        if (account.KvkNumber is { } kvk) claims[DevIdentityDefaults.KvkClaim] = kvk;
        if (account.Region is { } region) claims[DevIdentityDefaults.RegionClaim] = region;
        return Results.Json(claims);
    }
}
