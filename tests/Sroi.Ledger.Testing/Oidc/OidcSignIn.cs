using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Sroi.Ledger.Testing.Oidc;

/// <summary>
/// Signs a person in at an OpenID Connect provider the way a browser does, over real HTTP: the authorization request with
/// PKCE (S256), the provider's login form (its hidden fields, antiforgery token included, read from the HTML), the
/// credentials posted, the redirects followed to the client's redirect URI with the code, and the code exchanged at the
/// token endpoint. No shortcut grant: a token obtained here went through the same login page as a person.
/// <code>var token = await OidcSignIn.AccessTokenAsync(idp.Issuer, "wsp", idp.Password);</code>
/// </summary>
public static partial class OidcSignIn
{
    public const string DefaultScopes = "openid profile email roles offline_access";

    /// <summary>An access token for the account; <paramref name="audience"/> is requested as the API scope of that name.</summary>
    public static async Task<string> AccessTokenAsync(
        Uri issuer, string userName, string password, string audience = "sroi-ledger", CancellationToken cancellationToken = default) =>
        (await SignInAsync(issuer, userName, password, OidcClient.Tests, $"{DefaultScopes} {audience}", cancellationToken)).AccessToken;

    /// <summary>The whole token response (access, identity and refresh token).</summary>
    public static async Task<OidcTokens> SignInAsync(
        Uri issuer, string userName, string password, OidcClient client, string scope = DefaultScopes + " sroi-ledger",
        CancellationToken cancellationToken = default)
    {
        using var browser = Browser();
        var metadata = await DiscoverAsync(browser, issuer, cancellationToken);
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var state = Base64Url(RandomNumberGenerator.GetBytes(16));
        var authorize = new Uri(metadata.Authorization + "?" + Query(
            ("client_id", client.ClientId), ("redirect_uri", client.RedirectUri.AbsoluteUri), ("response_type", "code"),
            ("scope", scope), ("state", state), ("nonce", Base64Url(RandomNumberGenerator.GetBytes(16))),
            ("code_challenge", Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)))),
            ("code_challenge_method", "S256")));

        // The provider sends a person without a session to its login page.
        using var challenge = await browser.GetAsync(authorize, cancellationToken);
        var loginPage = await FollowAsync(browser, challenge, client.RedirectUri, cancellationToken);
        if (loginPage.Code is not null)
            throw new InvalidOperationException("The provider issued a code without asking anyone to sign in.");

        var form = LoginForm.Parse(loginPage.Html!, loginPage.Address!);
        form.Fields["username"] = userName;
        form.Fields["password"] = password;
        using var posted = await browser.PostAsync(form.Action, new FormUrlEncodedContent(form.Fields), cancellationToken);
        if (posted.StatusCode != HttpStatusCode.Redirect && posted.StatusCode != HttpStatusCode.Found
            && posted.StatusCode != HttpStatusCode.SeeOther)
            throw new OidcLoginRefusedException(await posted.Content.ReadAsStringAsync(cancellationToken), (int)posted.StatusCode);
        var landing = await FollowAsync(browser, posted, client.RedirectUri, cancellationToken);
        if (landing.Code is not { } code)
            throw new OidcLoginRefusedException(landing.Html ?? "", 200);
        if (landing.State != state)
            throw new InvalidOperationException("The provider returned another state than the one sent.");

        List<(string, string)> exchange =
        [
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", client.RedirectUri.AbsoluteUri),
            ("client_id", client.ClientId), ("code_verifier", verifier),
        ];
        if (client.ClientSecret is { } secret) exchange.Add(("client_secret", secret));
        return await TokenRequestAsync(browser, metadata.Token, exchange, cancellationToken);
    }

    /// <summary>New tokens for a refresh token (grant refresh_token).</summary>
    public static async Task<OidcTokens> RefreshAsync(Uri issuer, string refreshToken, OidcClient client, CancellationToken cancellationToken = default)
    {
        using var http = Browser();
        var metadata = await DiscoverAsync(http, issuer, cancellationToken);
        List<(string, string)> fields = [("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("client_id", client.ClientId)];
        if (client.ClientSecret is { } secret) fields.Add(("client_secret", secret));
        return await TokenRequestAsync(http, metadata.Token, fields, cancellationToken);
    }

    /// <summary>
    /// Sends an authorization request as given (any parameters, e.g. without code_challenge) and reports what the
    /// provider did: a redirect back to the client (with <c>error</c> or <c>code</c>), a login page, or an error page.
    /// </summary>
    public static async Task<HttpResponseMessage> AuthorizeRawAsync(
        Uri issuer, IEnumerable<(string Name, string Value)> parameters, CancellationToken cancellationToken = default)
    {
        using var http = Browser();
        var metadata = await DiscoverAsync(http, issuer, cancellationToken);
        return await http.GetAsync(new Uri(metadata.Authorization + "?" + Query(parameters.ToArray())), cancellationToken);
    }

    private static async Task<OidcTokens> TokenRequestAsync(
        HttpClient http, Uri tokenEndpoint, IEnumerable<(string Name, string Value)> fields, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(tokenEndpoint,
            new FormUrlEncodedContent(fields.Select(field => KeyValuePair.Create(field.Name, field.Value))), cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException(
                $"The token endpoint answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}",
                null, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<OidcTokens>(cancellationToken)
            ?? throw new InvalidOperationException("The token endpoint answered no JSON.");
    }

    private sealed record Metadata(Uri Authorization, Uri Token);

    private static async Task<Metadata> DiscoverAsync(HttpClient http, Uri issuer, CancellationToken cancellationToken)
    {
        var discovery = new Uri(issuer.AbsoluteUri.TrimEnd('/') + "/.well-known/openid-configuration");
        var document = JsonNode.Parse(await http.GetStringAsync(discovery, cancellationToken))!;
        return new Metadata(
            new Uri(document["authorization_endpoint"]!.GetValue<string>()), new Uri(document["token_endpoint"]!.GetValue<string>()));
    }

    private sealed record Landing(string? Code, string? State, string? Html, Uri? Address);

    /// <summary>Follows redirects as a browser would, stopping at the client's redirect URI (never fetched) or at a page.</summary>
    private static async Task<Landing> FollowAsync(HttpClient browser, HttpResponseMessage response, Uri redirectUri, CancellationToken cancellationToken)
    {
        var address = response.RequestMessage!.RequestUri!;
        for (var hops = 0; hops < 10; hops++)
        {
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                var next = location.IsAbsoluteUri ? location : new Uri(address, location);
                if (next.GetLeftPart(UriPartial.Path) == redirectUri.GetLeftPart(UriPartial.Path))
                {
                    var query = ParseQuery(next.Query);
                    if (query.TryGetValue("error", out var error))
                        throw new OidcAuthorizationRefusedException((int)response.StatusCode, next.AbsoluteUri, error);
                    return new Landing(query.GetValueOrDefault("code"), query.GetValueOrDefault("state"), null, null);
                }
                if (hops > 0) response.Dispose();
                response = await browser.GetAsync(next, cancellationToken);
                address = next;
                continue;
            }
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new OidcAuthorizationRefusedException((int)response.StatusCode, null, body);
            return new Landing(null, null, body, address);
        }
        throw new InvalidOperationException("More than 10 redirects.");
    }

    /// <summary>A browser: its own cookie jar, redirects seen one by one.</summary>
    private static HttpClient Browser() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };

    private static string Query(params (string Name, string Value)[] parameters) =>
        string.Join('&', parameters.Select(parameter => $"{Uri.EscapeDataString(parameter.Name)}={Uri.EscapeDataString(parameter.Value)}"));

    public static Dictionary<string, string> ParseQuery(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => Uri.UnescapeDataString(pair[0].Replace('+', ' ')),
                pair => pair.Length > 1 ? Uri.UnescapeDataString(pair[1].Replace('+', ' ')) : "");

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The login page's form: where it posts and the fields it carries (the antiforgery token among them).</summary>
    public sealed partial record LoginForm(Uri Action, Dictionary<string, string> Fields)
    {
        public static LoginForm Parse(string html, Uri page)
        {
            var form = FormTag().Match(html);
            if (!form.Success) throw new InvalidOperationException("The login page has no POST form.");
            var action = Attributes(form.Value).GetValueOrDefault("action") is { Length: > 0 } target ? new Uri(page, target) : page;
            var fields = new Dictionary<string, string>();
            foreach (Match input in InputTag().Matches(html))
            {
                var attributes = Attributes(input.Value);
                if (attributes.GetValueOrDefault("type") == "hidden" && attributes.GetValueOrDefault("name") is { } name)
                    fields[name] = attributes.GetValueOrDefault("value") ?? "";
            }
            return new LoginForm(action, fields);
        }

        private static Dictionary<string, string> Attributes(string tag) =>
            Attribute().Matches(tag).ToDictionary(
                match => match.Groups[1].Value.ToLowerInvariant(), match => WebUtility.HtmlDecode(match.Groups[2].Value));

        [GeneratedRegex("<form\\b[^>]*method=\"post\"[^>]*>", RegexOptions.IgnoreCase)]
        private static partial Regex FormTag();

        [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
        private static partial Regex InputTag();

        [GeneratedRegex("([a-zA-Z_:][-a-zA-Z0-9_:.]*)=\"([^\"]*)\"")]
        private static partial Regex Attribute();
    }
}
