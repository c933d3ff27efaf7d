using Microsoft.Extensions.FileProviders;

namespace Sroi.Ledger.Api.Dashboard;

/// <summary>
/// The new web pages (web/: React on the NL Design System), built by npm into the assembly (the Api csproj's SroiWeb
/// targets). A strangler: each route moves here from the old pages (<see cref="DashboardPages"/>) when it is ported, and
/// until then the old page keeps it. Same headers as the old pages; the bundles' names carry their content's hash, so
/// they may be cached for good, while the page itself is revalidated.
/// </summary>
public static class WebApp
{
    /// <summary>The paths the app draws (its router in web/src/App.tsx knows the same).</summary>
    public static readonly string[] Routes =
    [
        DashboardPages.Root,
        DashboardPages.Root + "/plaatsingen",
        DashboardPages.Root + "/contracten",
        DashboardPages.Root + "/contracten/nieuw",
        DashboardPages.Root + "/contracten/{id:guid}",
        DashboardPages.Root + "/contracten/{id:guid}/wijzigen",
        DashboardPages.Root + "/contracten/{id:guid}/afronden",
        DashboardPages.Root + "/kandidaten", DashboardPages.Root + "/kandidaten/nieuw", DashboardPages.Root + "/kandidaten/{number}",
        DashboardPages.Root + "/werklijst",
        DashboardPages.Root + "/contracten/{id:guid}/afrekening",
        DashboardPages.Root + "/contracten/{id:guid}/rapporteren",
        DashboardPages.Root + "/contracten/{id:guid}/rapportages/{fid:guid}/corrigeren",
        // The auditor's replay, the verification and the notifications inbox (part AUDIT of issue 20).
        DashboardPages.Root + "/contracten/{id:guid}/geschiedenis", DashboardPages.Root + "/verificatie", DashboardPages.Root + "/meldingen",
    ];

    private const string Assets = DashboardPages.Root + "/app";
    private const string Namespace = "Sroi.Ledger.Api.WebApp";

    public static void MapWebApp(this WebApplication app, string policy)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(WebApp).Assembly, Namespace + ".app"),
            RequestPath = Assets,
            OnPrepareResponse = context =>
            {
                context.Context.Response.Headers.XContentTypeOptions = "nosniff";
                context.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            },
        });
        var page = DashboardPages.Embedded(Namespace + ".index.html", "The web app's page (web/ is built by the Api csproj)");
        foreach (var route in Routes)
            DashboardPages.MapPage(app, route, page, policy);
        // Any other page under /dashboard (a mistyped path, a contract path that is no GUID) gets the same page with 404:
        // its router draws the Dutch "Pagina niet gevonden", under the same headers. The bundles' and the sign-in's own
        // files are left out, so a missing file stays a plain 404 and the static files are still found (a matched
        // endpoint would keep the static file middleware from serving them). /api keeps its problem+json 404.
        DashboardPages.MapPage(app, DashboardPages.Root + "/{**rest:regex(^(?!app/|assets/).*$)}", page, policy, StatusCodes.Status404NotFound)
            .WithOrder(int.MaxValue);
    }
}
