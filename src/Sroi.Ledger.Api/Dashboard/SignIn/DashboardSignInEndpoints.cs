using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.RateLimiting;

namespace Sroi.Ledger.Api.Dashboard.SignIn;

/// <summary>
/// The dashboard's sign-in, session and sign-out: /dashboard/inloggen (the challenge, or the choice of provider when
/// there are several), /dashboard/sessie (who is signed in, and the anti-forgery token the pages send with a change),
/// /dashboard/uitloggen (POST with that token: the session deleted, then the provider's end-session endpoint).
/// Pages, not API: outside the OpenAPI document.
/// </summary>
public static class DashboardSignInEndpoints
{
    public const string SignInPath = DashboardPages.Root + "/inloggen";
    public const string SessionPath = DashboardPages.Root + "/sessie";
    public const string SignOutPath = DashboardPages.Root + "/uitloggen";

    public static void MapDashboardSignIn(this WebApplication app)
    {
        app.MapGet(SignInPath, SignIn).ExcludeFromDescription();
        // Both read the session: the authentication middleware reads it for them and the limiter counts them as it counts
        // the API's calls (DashboardSignIn.SessionReader); no other public path reads it.
        app.MapGet(SessionPath, (Delegate)Session).ExcludeFromDescription().WithMetadata(new DashboardSignIn.SessionReader());
        app.MapPost(SignOutPath, (Delegate)SignOut).ExcludeFromDescription().DisableAntiforgery().WithMetadata(new DashboardSignIn.SessionReader());
    }

    /// <summary>
    /// With one provider: straight to it. With several: a page listing them by label (?aanbieder=n chooses). Back to
    /// <c>?terug=</c> afterwards, a path of the dashboard only (never another site: no open redirect).
    /// </summary>
    private static IResult SignIn(HttpContext http, string? aanbieder, string? terug)
    {
        var providers = http.RequestServices.GetService<DashboardProviders>()?.All ?? [];
        var back = ReturnPath(terug);
        if (providers.Count == 0)
            return Page(http, StatusCodes.Status503ServiceUnavailable, "Inloggen niet ingesteld",
                "<p>Voor dit dashboard is geen identiteitsprovider ingesteld (SROI_OIDC_AUTHORITY en SROI_OIDC_CLIENT_ID). Vraag het de beheerder.</p>");
        DashboardProvider? chosen = providers.Count == 1 ? providers[0]
            : int.TryParse(aanbieder, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? providers.FirstOrDefault(p => p.Issuer.Index == index)
            : null;
        if (chosen is null)
        {
            var html = HtmlEncoder.Default;
            var items = string.Concat(providers.Select(p =>
                $"<li><a href=\"{SignInPath}?aanbieder={p.Issuer.Index}&amp;terug={html.Encode(Uri.EscapeDataString(back))}\">{html.Encode(p.Label)}</a></li>"));
            return Page(http, StatusCodes.Status200OK, "Inloggen",
                $"<p class=\"lead\">Kies waar u inlogt: bij uw eigen organisatie.</p><ul class=\"aanbieders\">{items}</ul>");
        }
        return Results.Challenge(new AuthenticationProperties { RedirectUri = back }, [DashboardSignIn.SchemeOf(chosen.Issuer)]);
    }

    /// <summary>
    /// Where the sign-in sends the person back to: <paramref name="terug"/> when it is a path of the dashboard on this
    /// origin, else the dashboard itself. No <c>//</c> or <c>\</c> anywhere (a browser reads <c>//host</c> and <c>/\host</c>
    /// as another site), and printable ASCII only: the pages send it percent-encoded, and a raw line break, tab or non-ASCII
    /// character would come back in the callback's Location header, which Kestrel refuses to write (a 500 after the
    /// password; a browser also drops tabs and line breaks from a URL, so <c>/\t/host</c> would become <c>//host</c>).
    /// Bounded, as it travels in the provider's state.
    /// </summary>
    public static string ReturnPath(string? terug) =>
        terug is { Length: > 0 and <= MaxReturnPath }
        && (terug == DashboardPages.Root || terug.StartsWith(DashboardPages.Root + "/", StringComparison.Ordinal)
            || terug.StartsWith(DashboardPages.Root + "?", StringComparison.Ordinal))
        && terug.All(c => c is > ' ' and < '\u007f')
        && !terug.Contains("//", StringComparison.Ordinal) && !terug.Contains('\\', StringComparison.Ordinal)
            ? terug : DashboardPages.Root;

    private const int MaxReturnPath = 2048;

    /// <summary>
    /// Who is signed in (name, role, municipality, KvK) and the anti-forgery token; 204 without a session (nobody signed
    /// in is an answer, not an error: the page then offers the sign-in). 429 when the session was not read, its address
    /// having spent its rate (<see cref="DashboardSessions"/>): a person who may well be signed in is not told they are not.
    /// </summary>
    private static async Task<IResult> Session(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (await SignedInAsync(http) is not { } signedIn)
            return Unread(http) ?? Results.NoContent();
        var caller = Caller.Find(signedIn.Principal!);
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return Results.Json(new DashboardSession(
            signedIn.Principal!.FindFirst(Caller.NameClaim)?.Value,
            caller is null ? null : Caller.NameOf(caller.Role),
            caller?.Municipality?.Value,
            caller?.KvkNumber?.Value,
            tokens.RequestToken!,
            caller?.Regions ?? []));
    }

    /// <summary>
    /// Ends the session: the cookie and its stored tokens first, then the browser goes to the provider's end-session
    /// endpoint (with the ID token as hint), which sends it back to /dashboard/. Needs the session's anti-forgery token
    /// (the form's hidden field): a page elsewhere cannot sign a person out.
    /// </summary>
    private static async Task<IResult> SignOut(HttpContext http)
    {
        // A session not read (its address had spent its rate) is not ended either: 429, not the dashboard as if signed out.
        if (await SignedInAsync(http) is not { } signedIn)
            return Unread(http) ?? Results.Redirect(DashboardPages.Root);
        if (!await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
            return Problems.Forbidden(DashboardSignIn.CsrfRefused);
        var providers = http.RequestServices.GetRequiredService<DashboardProviders>().All;
        var provider = signedIn.Properties!.Items.TryGetValue(DashboardSignIn.ProviderItem, out var index)
            ? providers.FirstOrDefault(p => p.Issuer.Index.ToString(CultureInfo.InvariantCulture) == index) : null;
        // The cookie handler signs out with the ticket it read (ID token included), which the provider's sign-out reads next.
        await http.SignOutAsync(DashboardSignIn.CookieScheme);
        if (provider is null)
            return Results.Redirect(DashboardPages.Root);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = DashboardPages.Root }, [DashboardSignIn.SchemeOf(provider.Issuer)]);
    }

    private static IResult? Unread(HttpContext http) => LedgerRateLimiters.LookUpSpared(http)
        ? Problems.TooManyRequests(http, http.RequestServices.GetRequiredService<RateLimitSettings>().RetryAfterSeconds)
        : null;

    private static async Task<AuthenticateResult?> SignedInAsync(HttpContext http)
    {
        if (http.RequestServices.GetService<DashboardProviders>() is not { Any: true })
            return null;
        var result = await http.AuthenticateAsync(DashboardSignIn.CookieScheme);
        if (!result.Succeeded)
            return null;
        // The anti-forgery token is bound to this person (their claims): the same user the API then sees.
        http.User = result.Principal;
        return result;
    }

    private static IResult Page(HttpContext http, int status, string title, string body)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.ContentSecurityPolicy = DashboardPages.ContentSecurityPolicy(http.RequestServices);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        var html = $"""
            <!doctype html>
            <html lang="nl">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{HtmlEncoder.Default.Encode(title)} — SROI-dashboard</title>
              <link rel="icon" href="data:,">
              <link rel="stylesheet" href="/dashboard/assets/dashboard.css">
            </head>
            <body>
              <header class="top"><p class="brand">SROI-dashboard</p></header>
              <main id="inhoud">
                <h1>{HtmlEncoder.Default.Encode(title)}</h1>
                {body}
              </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}

/// <summary>The signed-in person as the pages show them; the token goes in X-CSRF-TOKEN with every change.</summary>
/// <param name="Regions">A regional coordinator's regions (issue 21), whose report is its start page; empty for every other role.</param>
public sealed record DashboardSession(string? Name, string? Role, string? Municipality, string? KvkNumber, string CsrfToken,
    IReadOnlyList<string> Regions);
