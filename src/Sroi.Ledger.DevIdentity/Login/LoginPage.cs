using System.Text;
using System.Text.Encodings.Web;
using Sroi.Ledger.DevIdentity.Accounts;

namespace Sroi.Ledger.DevIdentity.Login;

/// <summary>
/// The login page's HTML: Dutch, a label per field, the error tied to the fields it is about (aria-describedby), no script
/// and no external asset, so that its strict Content-Security-Policy holds.
/// </summary>
public static class LoginPage
{
    public const string WrongCredentials = "Onbekende gebruikersnaam of onjuist wachtwoord.";
    public const string ErrorId = "login-fout";

    /// <summary>Sent with the page: only its own stylesheet, never framed.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static string Render(string antiforgeryField, string antiforgeryToken, string returnUrl, string? userName, string? error)
    {
        var html = HtmlEncoder.Default;
        var describedBy = error is null ? "" : $" aria-describedby=\"{ErrorId}\" aria-invalid=\"true\"";
        var page = new StringBuilder();
        page.Append($"""
            <!DOCTYPE html>
            <html lang="nl">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{(error is null ? "" : "Fout: ")}Inloggen – SROI-ledger (ontwikkelomgeving)</title>
            <link rel="stylesheet" href="{LoginEndpoints.StylesheetPath}">
            </head>
            <body>
            <main>
            <h1>Inloggen bij SROI-ledger</h1>
            <p class="let-op">Ontwikkel-identiteitsprovider: alleen voor ontwikkeling en tests, nooit voor productie.</p>
            """);
        if (error is not null)
            page.Append($"""

                <p id="{ErrorId}" class="fout" role="alert">{html.Encode(error)}</p>
                """);
        page.Append($"""

            <form method="post" action="{LoginEndpoints.Path}">
            <input type="hidden" name="{html.Encode(antiforgeryField)}" value="{html.Encode(antiforgeryToken)}">
            <input type="hidden" name="returnUrl" value="{html.Encode(returnUrl)}">
            <div class="veld">
            <label for="gebruikersnaam">Gebruikersnaam</label>
            <input id="gebruikersnaam" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required value="{html.Encode(userName ?? "")}"{describedBy}>
            </div>
            <div class="veld">
            <label for="wachtwoord">Wachtwoord</label>
            <input id="wachtwoord" name="password" type="password" autocomplete="current-password" required{describedBy}>
            </div>
            <button type="submit">Inloggen</button>
            </form>
            <h2>Accounts</h2>
            <p>Eén account per rol, allemaal met hetzelfde wachtwoord (SROI_DEV_PASSWORD, of het wachtwoord dat bij het starten is getoond).</p>
            <ul>
            """);
        foreach (var account in DevAccounts.All)
            page.Append($"\n<li><strong>{html.Encode(account.UserName)}</strong>: {html.Encode(account.DisplayName)}</li>");
        page.Append("""

            </ul>
            </main>
            </body>
            </html>

            """);
        return page.ToString();
    }

    /// <summary>Readable at 200% zoom, visible focus, contrast above 4.5:1.</summary>
    public const string Stylesheet = """
        body { font-family: system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1a1a1a; line-height: 1.5; }
        main { max-width: 28rem; margin: 2rem auto; padding: 1.5rem; background: #fff; border: 1px solid #c6c9cf; }
        h1 { font-size: 1.5rem; margin-top: 0; }
        h2 { font-size: 1.1rem; margin-top: 2rem; }
        .let-op { background: #fff4ce; padding: .5rem .75rem; border-left: 4px solid #8a6100; }
        .fout { color: #a4000f; font-weight: 600; border-left: 4px solid #a4000f; padding-left: .75rem; }
        .veld { margin-bottom: 1rem; }
        label { display: block; font-weight: 600; margin-bottom: .25rem; }
        input[type=text], input[type=password] { width: 100%; box-sizing: border-box; padding: .5rem; font-size: 1rem; border: 1px solid #5c6168; }
        input[aria-invalid=true] { border: 2px solid #a4000f; }
        button { padding: .6rem 1.2rem; font-size: 1rem; background: #154273; color: #fff; border: 0; cursor: pointer; }
        :focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
        """;
}
