using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Auth;

/// <summary>
/// A signed-in caller whose role the endpoint does not admit gets the 403 problem naming its role and the roles that
/// may (those every policy on the endpoint admits, in the order the first names them). Here rather than in the
/// API-key scheme's forbid, so that a principal of any scheme (the coming OpenID Connect sign-in) is refused in the
/// same words. Everything else (admitted, or a challenge: the scheme's 401) is ASP.NET's default.
/// </summary>
public sealed class ForbiddenAnswer : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler standard = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var roleSets = policy.Requirements.OfType<RolesAuthorizationRequirement>().Select(r => r.AllowedRoles).ToList();
        if (!authorizeResult.Forbidden || roleSets.Count == 0 || Caller.Find(context.User) is not { } caller)
            return standard.HandleAsync(next, context, policy, authorizeResult);
        var allowed = roleSets.Aggregate((all, more) => all.Intersect(more, StringComparer.Ordinal));
        return Problems.Forbidden($"Role '{Caller.NameOf(caller.Role)}' may not do this; allowed: {string.Join(", ", allowed)}.")
            .ExecuteAsync(context);
    }
}
