using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Sroi.Ledger.Api.Auth;

/// <summary>
/// The authorization policies: one per set of roles, named <c>roles:inkoop,wsp</c> in the order the endpoint names
/// them (the 403 lists them in that order). Each requires an authenticated principal with one of the roles in its
/// <see cref="Caller.RoleClaim"/>, whichever scheme signed it in. An endpoint says <c>.RequireRoles(Role.Inkoop)</c>; a
/// group's policy and the endpoint's own both apply (ASP.NET combines every policy on an endpoint), so a group of
/// readers with an admin-only endpoint admits admins only.
/// </summary>
public static class LedgerPolicies
{
    public const string Prefix = "roles:";

    public static string For(params Role[] roles) => Prefix + string.Join(",", roles.Select(Caller.NameOf));

    /// <summary>Who may call the endpoint: <c>RequireAuthorization</c> with the policy of these roles.</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params Role[] roles) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(For(roles));

    /// <summary>
    /// Whether an endpoint requires a caller: it names a policy and does not allow anonymous callers. The rate limiter
    /// limits, the OpenAPI document secures (401/403/429/503) and the API-key scheme looks up keys for those only.
    /// </summary>
    public static bool NeedsCaller(IEnumerable<object>? metadata) =>
        metadata is not null && metadata.Any(m => m is IAuthorizeData or AuthorizationPolicy) && !metadata.Any(m => m is IAllowAnonymous);

    /// <summary>
    /// The same for the request's endpoint, on every request: through the metadata collection's look-ups by type, which it
    /// caches, rather than a walk over all of it.
    /// </summary>
    public static bool NeedsCaller(Endpoint? endpoint) =>
        endpoint?.Metadata is { } metadata
        && (metadata.GetMetadata<IAuthorizeData>() is not null || metadata.GetMetadata<AuthorizationPolicy>() is not null)
        && metadata.GetMetadata<IAllowAnonymous>() is null;

    /// <summary>The roles a policy named by <see cref="For"/> admits; null for any other name.</summary>
    public static Role[]? RolesOf(string policyName)
    {
        if (!policyName.StartsWith(Prefix, StringComparison.Ordinal))
            return null;
        var names = policyName[Prefix.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries);
        var roles = new Role[names.Length];
        for (var i = 0; i < names.Length; i++)
            if (!Enum.TryParse(names[i], ignoreCase: true, out roles[i]) || Caller.NameOf(roles[i]) != names[i])
                return null;
        return roles;
    }

    public static IServiceCollection AddLedgerAuthorization(this IServiceCollection services)
    {
        services.AddAuthorization();
        services.AddSingleton<IAuthorizationPolicyProvider, RolePolicyProvider>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ForbiddenAnswer>();
        return services;
    }
}

/// <summary>
/// Builds a <c>roles:…</c> policy on first use (ASP.NET's idiom for policies with a parameter): the role sets are the
/// endpoints' own, so there is no list of them to register at start. Any other name is the options' as usual.
/// </summary>
public sealed class RolePolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    private readonly ConcurrentDictionary<string, Task<AuthorizationPolicy?>> built = new(StringComparer.Ordinal);

    /// <summary>
    /// A name always gives the same policy, so the authorization middleware may combine an endpoint's policies once and
    /// keep the result (ASP.NET allows that for its own provider only, unless a derived one says so).
    /// </summary>
    public override bool AllowsCachingPolicies => true;

    public override Task<AuthorizationPolicy?> GetPolicyAsync(string policyName) =>
        built.TryGetValue(policyName, out var policy) ? policy
        : LedgerPolicies.RolesOf(policyName) is { } roles
            ? built.GetOrAdd(policyName, Task.FromResult<AuthorizationPolicy?>(new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .RequireRole(roles.Select(Caller.NameOf))
                .Build()))
            : base.GetPolicyAsync(policyName);
}
