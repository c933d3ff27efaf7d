using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Auth;

/// <summary>
/// Resolves the bearer key and admits only the given roles: no or unknown key → 401, another role → 403.
/// Explicit per endpoint (<c>.RequireRoles(Role.Inkoop)</c>) so the rule is next to the route it guards.
/// </summary>
public sealed class RoleFilter(Role[] allowed) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
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
        return await next(context);
    }

    private static IResult Challenge(HttpContext http, string detail)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.Unauthorized(detail);
    }
}

public static class RoleFilterExtensions
{
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params Role[] roles) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new RoleFilter(roles))
            .WithMetadata(new RequiredRoles(roles));
}

/// <summary>Read by the OpenAPI setup to document who may call an endpoint.</summary>
public sealed record RequiredRoles(Role[] Roles);
