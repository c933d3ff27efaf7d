using Microsoft.AspNetCore;
using System.Collections.Immutable;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Sroi.Ledger.DevIdentity.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sroi.Ledger.DevIdentity.Connect;

/// <summary>
/// OpenIddict's passthrough authorization endpoint: OpenIddict has already validated the request (client, redirect URI,
/// PKCE); here a person without a sign-in cookie is sent to the login page, one with a cookie gets a code.
/// </summary>
public static class AuthorizeEndpoint
{
    public static async Task<IResult> Handle(HttpContext context, IOpenIddictScopeManager scopeManager, TimeProvider time)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("OpenIddict passed no authorization request.");

        var cookie = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        var account = cookie.Succeeded ? DevAccounts.FindBySubject(cookie.Principal.GetClaim(Claims.Subject)) : null;
        var tooOld = request.MaxAge is { } maxAge && cookie.Properties?.IssuedUtc is { } issued
            && time.GetUtcNow() - issued > TimeSpan.FromSeconds(maxAge);
        if (account is null || request.HasPromptValue(PromptValues.Login) || tooOld)
        {
            if (request.HasPromptValue(PromptValues.None))
                return Results.Forbid(
                    new AuthenticationProperties(new Dictionary<string, string?>
                    {
                        [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.LoginRequired,
                        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "Niet ingelogd.",
                    }),
                    [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

            // Back here after the login page, without prompt=login (or the person would be asked forever).
            var parameters = (context.Request.HasFormContentType ? context.Request.Form.AsEnumerable() : context.Request.Query)
                .Where(parameter => parameter.Key != Parameters.Prompt).ToList();
            var prompts = string.Join(' ', request.GetPromptValues().Remove(PromptValues.Login));
            if (prompts.Length > 0) parameters.Add(KeyValuePair.Create(Parameters.Prompt, new StringValues(prompts)));
            return Results.Challenge(
                new AuthenticationProperties { RedirectUri = context.Request.PathBase + context.Request.Path + QueryString.Create(parameters) },
                [CookieAuthenticationDefaults.AuthenticationScheme]);
        }

        var scopes = request.GetScopes();
        var audiences = await scopeManager.ListResourcesAsync(scopes).ToListAsync();
        // A client that names no API gets the ledger, as a provider's audience mapper would give it.
        if (audiences.Count == 0) audiences.Add(DevIdentityDefaults.Audience);
        var identity = AccountPrincipal.For(account, scopes, audiences);
        return Results.SignIn(new(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
