using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Auth;

/// <summary>
/// Resolves the bearer key and admits only the roles the endpoint names: no or unknown key → 401, another role →
/// 403. An endpoint names them next to its route (<c>.RequireRoles(Role.Inkoop)</c>, as endpoint metadata); this
/// middleware, which runs for minimal-API and Wolverine endpoints alike, enforces them. An endpoint that names no
/// roles is public (the OpenAPI document, Swagger UI).
/// </summary>
public static class RoleCheck
{
    public static void UseRoleCheck(this WebApplication app) => app.Use(async (http, next) =>
    {
        // A group's roles and the endpoint's own both apply (a route group of readers, an endpoint for admins only).
        var required = http.GetEndpoint()?.Metadata.GetOrderedMetadata<RequiredRoles>() ?? [];
        if (required.Count == 0)
        {
            await next(http);
            return;
        }
        var answer = await AdmitAsync(http, [.. required.Aggregate((IEnumerable<Role>)required[0].Roles, (roles, r) => roles.Intersect(r.Roles))]);
        if (answer is null) await next(http);
        else await answer.ExecuteAsync(http);
    });

    private static async Task<IResult?> AdmitAsync(HttpContext http, Role[] allowed)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= "Bearer ".Length)
            return Challenge(http, "Send an API key as 'Authorization: Bearer <key>'.");

        var keys = http.RequestServices.GetRequiredService<ApiKeys>();
        var caller = await keys.FindAsync(header["Bearer ".Length..].Trim(), http.RequestAborted);
        if (caller is null)
            return Challenge(http, "The API key is unknown or revoked.");
        if (!allowed.Contains(caller.Role))
            return Problems.Forbidden(
                $"Role '{caller.Role.ToString().ToLowerInvariant()}' may not do this; allowed: {string.Join(", ", allowed.Select(r => r.ToString().ToLowerInvariant()))}.");

        caller.AttachTo(http);
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
