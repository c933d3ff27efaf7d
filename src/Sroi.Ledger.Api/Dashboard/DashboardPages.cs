using System.Reflection;
using Microsoft.Extensions.FileProviders;

namespace Sroi.Ledger.Api.Dashboard;

/// <summary>
/// The Dutch dashboard at /dashboard: static pages, embedded in this assembly (no wwwroot to copy beside the binary, the
/// same files wherever the service runs), that read the API in the browser with the key the user signs in with. The
/// pages themselves need no key and name no roles, so the role check and the rate limiter let them through; they are
/// excluded from the OpenAPI document, which describes the API only.
/// </summary>
public static class DashboardPages
{
    public const string Root = "/dashboard";
    private const string Assets = Root + "/assets";

    /// <summary>Every page is the same document: it reads the path and draws the page in the browser.</summary>
    private static readonly string[] PageRoutes = [Root, Root + "/contracten/{id:guid}", Root + "/plaatsingen"];

    /// <summary>Only the page's own files and the API on the same origin; no inline script, nothing from elsewhere.</summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static void UseDashboard(this WebApplication app)
    {
        var files = new EmbeddedFileProvider(typeof(DashboardPages).Assembly, typeof(DashboardPages).Namespace + ".site");
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = Assets,
            OnPrepareResponse = context => context.Context.Response.Headers.XContentTypeOptions = "nosniff",
        });
        var page = ReadPage();
        foreach (var route in PageRoutes)
            app.MapGet(route, (HttpContext http) =>
            {
                http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                http.Response.Headers.XContentTypeOptions = "nosniff";
                http.Response.Headers["Referrer-Policy"] = "no-referrer";
                http.Response.Headers.CacheControl = "no-cache";
                return Results.Bytes(page, "text/html; charset=utf-8");
            }).ExcludeFromDescription();
    }

    private static byte[] ReadPage()
    {
        var name = typeof(DashboardPages).Namespace + ".site.index.html";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The dashboard's page {name} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
