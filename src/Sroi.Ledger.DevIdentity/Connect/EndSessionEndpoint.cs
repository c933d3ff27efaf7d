using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using OpenIddict.Server.AspNetCore;

namespace Sroi.Ledger.DevIdentity.Connect;

/// <summary>
/// The end-session endpoint (passthrough): ends the provider's own session and lets OpenIddict send the browser back to
/// the client's registered post-logout URI. No confirmation page: a development provider has no other sessions to protect.
/// </summary>
public static class EndSessionEndpoint
{
    public static async Task<IResult> Handle(HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.SignOut(
            new AuthenticationProperties { RedirectUri = DevIdentityDefaults.LoginPath },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
