using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Auth;

/// <summary>
/// A signed-in caller whose role the endpoint does not admit gets the 403 problem naming its role and the roles that
/// may (those every policy on the endpoint admits, in the order the first names them). Here rather than in the
/// API-key scheme's forbid, so that a principal of any scheme (an API key, a person's OpenID Connect token) is refused
/// in the same words. Everything else (admitted, or a challenge: the scheme's 401) is ASP.NET's default.
/// </summary>
public sealed class ForbiddenAnswer : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler standard = new();

    public const string NoRole = "The sign-in carries no ledger role this service can act on: exactly one of inkoop, wsp, auditor, "
        + "admin or opdrachtnemer, with the municipality (inkoop, wsp, auditor) or KvK number (opdrachtnemer) it needs.";

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var roleSets = policy.Requirements.OfType<RolesAuthorizationRequirement>().Select(r => r.AllowedRoles).ToList();
        if (!authorizeResult.Forbidden || roleSets.Count == 0)
            return standard.HandleAsync(next, context, policy, authorizeResult);
        if (Caller.Find(context.User) is not { } caller)
            // Signed in (a person's token) without a ledger role it can act on: refused everywhere, in the API's words.
            return context.User.Identity is { IsAuthenticated: true }
                ? Problems.Forbidden(NoRole).ExecuteAsync(context)
                : standard.HandleAsync(next, context, policy, authorizeResult);
        var allowed = roleSets.Aggregate((all, more) => all.Intersect(more, StringComparer.Ordinal));
        return Problems.Forbidden($"Role '{Caller.NameOf(caller.Role)}' may not do this; allowed: {string.Join(", ", allowed)}.")
            .ExecuteAsync(context);
    }
}
