namespace Sroi.Ledger.Api.Security;

/// <summary>
/// The transport-security headers of the NL API Design Rules on every response the service answers itself (the API, its
/// OpenAPI document and Swagger UI, the dashboard, the health probes; Kestrel's own 400s for unreadable requests aside):
/// set when the response starts, so an error page, a 401 challenge and a 404 of an unknown route carry them too.
/// <list type="bullet">
/// <item><c>X-Content-Type-Options: nosniff</c> and <c>Referrer-Policy: no-referrer</c> everywhere.</item>
/// <item><c>Content-Security-Policy</c>: an answer that is not a page may load nothing and be framed by no one
/// (<c>default-src 'none'; frame-ancestors 'none'</c>); the dashboard's pages keep their own (Dashboard/DashboardPages);
/// Swagger UI gets its own (<see cref="SwaggerUiPolicy"/>).</item>
/// <item><c>Cache-Control: no-store</c> unless the endpoint chose otherwise: API answers hold personal and contract data
/// that no shared or browser cache should keep. The dashboard's page (<c>no-cache</c>), its static assets
/// (<c>no-cache</c> here: kept by the browser, revalidated by their ETag, so a new release is picked up at once) and Swagger
/// UI's page (Swashbuckle's <c>max-age=0, private</c>; it holds no data) choose otherwise; nothing else does.</item>
/// </list>
/// <c>Strict-Transport-Security</c> is ASP.NET's HSTS middleware (<see cref="UseSecurityHeaders"/>): only over TLS. The
/// service honours no X-Forwarded-Proto (only the X-Forwarded-For of the proxies listed, TrustedProxies), so a request that reached a proxy over https and the service over http gets
/// none; the proxy that terminates TLS sets it.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>For an answer that is not a page: nothing to load, no framing.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>
    /// Swagger UI: its own scripts and styles (no inline script: Swashbuckle's page loads index.js); inline styles, which
    /// its components set; its icons as data: URIs; the document from this origin ("Try it out" calls it too).
    /// </summary>
    public const string SwaggerUiPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public const string SwaggerUiPath = "/api/v1/docs";
    private const string DashboardAssets = "/dashboard/assets";

    /// <summary>HSTS for a year, as ASP.NET sends it; on loopback too (a local TLS test is no reason to leave it out).</summary>
    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services) =>
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.ExcludedHosts.Clear();
        });

    public static void UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var response = context.Response;
            response.OnStarting(() =>
            {
                var headers = response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                var path = context.Request.Path;
                if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
                    headers.ContentSecurityPolicy = path.StartsWithSegments(SwaggerUiPath) ? SwaggerUiPolicy : ApiPolicy;
                if (string.IsNullOrEmpty(headers.CacheControl))
                    headers.CacheControl = path.StartsWithSegments(DashboardAssets) ? "no-cache" : "no-store";
                return Task.CompletedTask;
            });
            return next(context);
        });
        // Over TLS only: Strict-Transport-Security on a plain-http answer is ignored by browsers and says nothing true.
        app.UseHsts();
    }
}
