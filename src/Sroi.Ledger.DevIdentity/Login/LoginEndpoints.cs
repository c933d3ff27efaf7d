using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Sroi.Ledger.DevIdentity.Accounts;
using Sroi.Ledger.DevIdentity.Hosting;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sroi.Ledger.DevIdentity.Login;

/// <summary>The login page: a cookie sign-in for the provider itself, which the authorization endpoint then reads.</summary>
public static class LoginEndpoints
{
    public const string Path = DevIdentityDefaults.LoginPath;
    public const string StylesheetPath = "/assets/login.css";

    public static void Map(WebApplication app)
    {
        app.MapGet(Path, (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
            Page(context, antiforgery, SafeReturnUrl(returnUrl), userName: null, error: null, StatusCodes.Status200OK));

        app.MapPost(Path, async (HttpContext context, IAntiforgery antiforgery, IOptions<DevIdentityPassword> password, TimeProvider time) =>
        {
            // Read (within limits) before the antiforgery check, which would otherwise read it without them.
            var (form, problem) = await LoginForm.ReadAsync(context);
            if (form is null)
                return BadRequest(problem!);
            if (!await antiforgery.IsRequestValidAsync(context))
                return BadRequest("Het formulier is verlopen of komt niet van deze pagina: laad de inlogpagina opnieuw.");
            var returnUrl = SafeReturnUrl(form["returnUrl"]);
            string userName = form["username"].ToString(), given = form["password"].ToString();
            // One answer for an unknown name and a wrong password: the page does not tell which accounts exist.
            if (DevAccounts.Find(userName) is not { } account || !Secrets.Equal(given, password.Value.Value))
                return Page(context, antiforgery, returnUrl, userName, LoginPage.WrongCredentials, StatusCodes.Status200OK);

            var identity = new ClaimsIdentity(
                [new Claim(Claims.Subject, account.Subject.ToString()), new Claim(Claims.Name, account.DisplayName)],
                CookieAuthenticationDefaults.AuthenticationScheme, Claims.Name, null);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity),
                new AuthenticationProperties { IssuedUtc = time.GetUtcNow() });
            return Results.Redirect(returnUrl);
        });

        app.MapGet(StylesheetPath, () => Results.Text(LoginPage.Stylesheet, "text/css; charset=utf-8"));
        // Browsers ask for it on every page; no icon, but no 404 in their console either.
        app.MapGet("/favicon.ico", () => Results.NoContent());
    }

    private static IResult BadRequest(string problem) =>
        Results.Text(problem, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, string returnUrl, string? userName, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        context.Response.Headers.ContentSecurityPolicy = LoginPage.ContentSecurityPolicy;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Content(
            LoginPage.Render(tokens.FormFieldName, tokens.RequestToken!, returnUrl, userName, error),
            "text/html; charset=utf-8", statusCode: status);
    }

    /// <summary>
    /// Only a path on this provider (the authorization endpoint): never an open redirect to elsewhere. Printable ASCII
    /// only: a browser drops tabs and line breaks from a URL (<c>/\t/host</c> would be <c>//host</c>), and Kestrel refuses
    /// a Location header with a control or non-ASCII character (a 500 after the password); the authorization endpoint's
    /// own address is always percent-encoded.
    /// </summary>
    private static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 1 } url && url[0] == '/' && url[1] is not '/' and not '\\' && url.All(c => c is > ' ' and < '\u007f')
            ? url : "/";
}

/// <summary>The one password of every account.</summary>
public sealed class DevIdentityPassword
{
    public string Value { get; set; } = "";
}
