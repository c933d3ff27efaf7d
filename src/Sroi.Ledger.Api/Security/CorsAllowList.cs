using Microsoft.AspNetCore.Cors.Infrastructure;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Security;

/// <summary>
/// Which web origins may call the API from a browser (<c>SROI_CORS_ORIGINS</c>, a comma list of origins such as
/// <c>https://portaal.rijswijk.nl</c>): ASP.NET's CORS middleware with that list as its default policy. None by default:
/// then no CORS header is ever sent and a browser on another origin reads nothing. A listed origin gets exactly itself
/// back (never <c>*</c>), and a preflight admits the API's methods and the headers its clients send (Authorization,
/// If-Match, Idempotency-Key, the tracing headers). Credentials (cookies) are not allowed: the API authenticates by the
/// Authorization header.
/// </summary>
public static class CorsAllowList
{
    public const string Variable = "SROI_CORS_ORIGINS";

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    private static readonly string[] RequestHeaders =
        ["Authorization", "Content-Type", "Accept", "If-Match", "Idempotency-Key", TracingHeaders.CorrelationId, TracingHeaders.CausationId];

    /// <summary>What a client script may read besides the safelisted headers: versions, new resources, replays, back-off.</summary>
    private static readonly string[] ExposedHeaders =
        ["ETag", "Location", "Retry-After", "API-Version", "Idempotent-Replayed", TracingHeaders.CorrelationId, "Content-Disposition"];

    /// <summary>The origins configured; a malformed one stops the start with the reason (a typo must not open or close the API silently).</summary>
    public static IReadOnlyList<string> Origins(IConfiguration configuration)
    {
        var text = configuration[Variable] ?? "";
        var origins = new List<string>();
        foreach (var entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(entry, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0 || entry.EndsWith('/'))
                throw new InvalidOperationException(
                    $"{Variable}: '{entry}' is not an origin; expected scheme://host[:port] such as https://portaal.rijswijk.nl, comma-separated ('*' is not allowed).");
            origins.Add(uri.GetLeftPart(UriPartial.Authority));
        }
        return origins;
    }

    public static IServiceCollection AddCorsAllowList(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = Origins(configuration);
        services.AddCors(options => options.AddDefaultPolicy(Policy(origins)));
        return services;
    }

    /// <summary>The CORS middleware only when an origin is listed: with none, no request gets any CORS header.</summary>
    public static void UseCorsAllowList(this WebApplication app)
    {
        if (Origins(app.Configuration).Count > 0)
            app.UseCors();
    }

    private static CorsPolicy Policy(IReadOnlyList<string> origins) => new CorsPolicyBuilder()
        .WithOrigins([.. origins])
        .WithMethods(Methods)
        .WithHeaders(RequestHeaders)
        .WithExposedHeaders(ExposedHeaders)
        .SetPreflightMaxAge(TimeSpan.FromHours(1))
        .Build();
}
