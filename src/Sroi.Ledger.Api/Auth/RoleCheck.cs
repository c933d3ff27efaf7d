using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Auth;

/// <summary>
/// Admits only the roles the endpoint names (the key resolved by UseCallerResolution): no or unknown key → 401, another role →
/// 403. An endpoint names them next to its route (<c>.RequireRoles(Role.Inkoop)</c>, as endpoint metadata); this
/// middleware, which runs for minimal-API and Wolverine endpoints alike, enforces them. An endpoint that names no
/// roles is public (the OpenAPI document, Swagger UI).
/// </summary>
public static class RoleCheck
{
    /// <summary>
    /// Resolves the bearer key of a request to an endpoint that needs one and attaches its <see cref="Caller"/>; refuses
    /// nothing itself, so that the rate limiter, which counts per key, can sit between this and <see cref="UseRoleCheck"/>.
    /// </summary>
    public static void UseCallerResolution(this WebApplication app) => app.Use(async (http, next) =>
    {
        if (RequiredOf(http).Count > 0 && PresentedKey(http) is { } key
            && await http.RequestServices.GetRequiredService<ApiKeys>().FindAsync(key, http.RequestAborted) is { } caller)
            caller.AttachTo(http);
        await next(http);
    });

    public static void UseRoleCheck(this WebApplication app) => app.Use(async (http, next) =>
    {
        var required = RequiredOf(http);
        if (required.Count == 0)
        {
            await next(http);
            return;
        }
        var answer = Admit(http, [.. required.Aggregate((IEnumerable<Role>)required[0].Roles, (roles, r) => roles.Intersect(r.Roles))]);
        if (answer is null) await next(http);
        else await answer.ExecuteAsync(http);
    });

    /// <summary>A group's roles and the endpoint's own both apply (a route group of readers, an endpoint for admins only).</summary>
    private static IReadOnlyList<RequiredRoles> RequiredOf(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetOrderedMetadata<RequiredRoles>() ?? [];

    private static string? PresentedKey(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > "Bearer ".Length
            ? header["Bearer ".Length..].Trim()
            : null;
    }

    private static IResult? Admit(HttpContext http, Role[] allowed)
    {
        if (PresentedKey(http) is null)
            return Challenge(http, "Send an API key as 'Authorization: Bearer <key>'.");
        // Resolved by UseCallerResolution, which runs before this check.
        var caller = Caller.Find(http);
        if (caller is null)
            return Challenge(http, "The API key is unknown or revoked.");
        if (!allowed.Contains(caller.Role))
            return Problems.Forbidden(
                $"Role '{caller.Role.ToString().ToLowerInvariant()}' may not do this; allowed: {string.Join(", ", allowed.Select(r => r.ToString().ToLowerInvariant()))}.");
        return null;
    }

    private static IResult Challenge(HttpContext http, string detail)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.Unauthorized(detail);
    }
}

public static class RoleMetadata
{
    /// <summary>Who may call the endpoint; enforced by <see cref="RoleCheck"/>, documented by the OpenAPI setup.</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params Role[] roles) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredRoles(roles));
}

/// <summary>The roles an endpoint admits.</summary>
public sealed record RequiredRoles(Role[] Roles);
