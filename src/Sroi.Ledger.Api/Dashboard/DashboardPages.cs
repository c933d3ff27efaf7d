using System.Reflection;
using Microsoft.Extensions.FileProviders;
using Sroi.Ledger.Api.Dashboard.SignIn;

namespace Sroi.Ledger.Api.Dashboard;

/// <summary>
/// The Dutch dashboard at /dashboard: the web app (<see cref="WebApp"/>, built from web/), embedded in this assembly (no
/// wwwroot to copy beside the binary, the same files wherever the service runs), that reads the API in the browser with
/// the session cookie of the person signed in (SignIn/: the service completes the OpenID Connect flow). The pages
/// themselves need no session and name no roles, so the role check and the rate limiter let them through and the
/// session cookie is not read for them (<see cref="DashboardSignIn.SchemeFor"/>: only the pages' API calls and
/// /dashboard/sessie read it); they are
/// excluded from the OpenAPI document, which describes the API only. Dashboard/site keeps only the stylesheet of the
/// sign-in's own page (the choice of identity provider), served under /dashboard/assets.
/// </summary>
public static class DashboardPages
{
    public const string Root = "/dashboard";
    private const string Assets = Root + "/assets";


    /// <summary>
    /// Only the page's own files and the API on the same origin; no inline script, nothing from elsewhere. A form may post
    /// to the page's origin, and be redirected on to the identity providers' origins: the sign-out form's answer sends the
    /// browser to the provider's end-session endpoint, and Chromium holds a form's redirects to form-action too.
    /// </summary>
    public static string ContentSecurityPolicy(IServiceProvider services) =>
        services.GetService<DashboardProviders>()?.ContentSecurityPolicy ?? WithoutProviders;

    private static readonly string WithoutProviders = PolicyWith([]);

    /// <summary>The policy whose forms may also be redirected to these identity providers' origins.</summary>
    internal static string PolicyWith(IEnumerable<string> formTargets) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action " + string.Join(' ', formTargets.Prepend("'self'"));

    public static void UseDashboard(this WebApplication app)
    {
        var policy = ContentSecurityPolicy(app.Services);
        app.UseDashboardCsrf();
        app.MapDashboardSignIn();
        var files = new EmbeddedFileProvider(typeof(DashboardPages).Assembly, typeof(DashboardPages).Namespace + ".site");
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = Assets,
            OnPrepareResponse = context => context.Context.Response.Headers.XContentTypeOptions = "nosniff",
        });
        app.MapWebApp(policy);
    }

    /// <summary>
    /// One page of the dashboard: the same document on every route it draws, with
    /// the pages' policy, and revalidated on every visit (its scripts' names change when they do).
    /// </summary>
    internal static IEndpointConventionBuilder MapPage(WebApplication app, string route, byte[] page, string policy, int status = StatusCodes.Status200OK) =>
        app.MapGet(route, (HttpContext http) =>
        {
            http.Response.Headers.ContentSecurityPolicy = policy;
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            http.Response.Headers.CacheControl = "no-cache";
            http.Response.StatusCode = status;
            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.ContentLength = page.Length;
            return http.Response.Body.WriteAsync(page).AsTask();
        }).ExcludeFromDescription();

    /// <summary>A file embedded in this assembly, read once at start.</summary>
    internal static byte[] Embedded(string resourceName, string what)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"{what} {resourceName} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
