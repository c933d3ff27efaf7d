using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.RateLimiting;

namespace Sroi.Ledger.Api.Dashboard.SignIn;

/// <summary>
/// The dashboard's backend-for-frontend (issue 19): the service completes the OpenID Connect authorization code flow with
/// PKCE for the dashboard (one OpenIdConnect scheme per configured issuer, as a confidential client), keeps the tokens in
/// <see cref="DashboardSessions"/> and gives the browser only a session cookie (HttpOnly, Secure, SameSite=Lax,
/// path /, <c>__Host-</c> over TLS). The API accepts that cookie for the dashboard's own calls (<see cref="SchemeFor"/>),
/// with an anti-forgery token on every state-changing call (<see cref="UseDashboardCsrf"/>). The cookie's principal is
/// the bearer scheme's (<see cref="PersonClaims.Map"/>): the same caller, whether a person calls with a token or signs in here.
/// </summary>
public static class DashboardSignIn
{
    public const string CookieScheme = "dashboard";
    public const string CookieName = "sroi-sessie";
    public const string SecureCookieName = "__Host-" + CookieName;
    public const string CsrfHeader = "X-CSRF-TOKEN";
    public const string ClientId = "SROI_OIDC_CLIENT_ID";
    public const string ClientSecret = "SROI_OIDC_CLIENT_SECRET";
    public const string Label = "SROI_OIDC_LABEL";

    /// <summary>A working day; then the person signs in again (the provider may still know them and not ask).</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    /// <summary>The item in the session's properties that names the issuer the person signed in with (for sign-out).</summary>
    public const string ProviderItem = "sroi:provider";

    public static string SchemeOf(OidcIssuer issuer) => $"dashboard-oidc-{issuer.Index}";

    /// <summary>Issuer 0 keeps the plain path (the one a provider is usually told); each further issuer its own, as the handlers match by path.</summary>
    public static string CallbackPathOf(OidcIssuer issuer) =>
        issuer.Index == 0 ? DashboardPages.Root + "/signin-oidc" : $"{DashboardPages.Root}/signin-oidc-{issuer.Index}";

    /// <summary>
    /// Registers the cookie scheme and one OpenIdConnect scheme per issuer when the dashboard can sign people in: issuers
    /// configured and a client id (<c>SROI_OIDC_CLIENT_ID</c>, or <c>__n</c> per issuer); the issuers without one are
    /// for bearer tokens only.
    /// </summary>
    public static void AddDashboardSignIn(this AuthenticationBuilder authentication, IConfiguration configuration, OidcSettings settings)
    {
        var services = authentication.Services;
        var providers = settings.Issuers
            .Select(issuer => (Issuer: issuer, ClientId: Setting(configuration, ClientId, issuer.Index)))
            .Where(p => p.ClientId is not null)
            .Select(p => new DashboardProvider(p.Issuer, p.ClientId!, Setting(configuration, ClientSecret, p.Issuer.Index),
                Setting(configuration, Label, p.Issuer.Index) ?? p.Issuer.Authority.Host))
            .ToList();
        services.AddSingleton(new DashboardProviders(providers));
        services.AddAntiforgery(options =>
        {
            options.HeaderName = CsrfHeader;
            options.Cookie.Name = "sroi-csrf";
            // SameAsRequest: antiforgery refuses to work at all over http with Always (development on loopback is http).
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
        });
        if (providers.Count == 0)
            return;

        services.AddSingleton<DashboardSessions>();
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme)
            .Configure<DashboardSessions, NodaTime.IClock>((options, sessions, clock) =>
            {
                options.SessionStore = sessions;
                options.TimeProvider = new ClockTimeProvider(clock);
            });
        authentication.AddCookie(CookieScheme, options =>
        {
            options.Cookie.Name = CookieName;
            options.CookieManager = new HostPrefixCookieManager();
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            // Lax, not Strict: the provider sends the browser back cross-site, and a Strict cookie set on that redirect's
            // answer is not sent with the next request of the same chain, so the first page would show the sign-in again.
            // Lax still keeps the cookie off cross-site POSTs and sub-requests; the anti-forgery token does the rest.
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.Path = "/";
            options.ExpireTimeSpan = SessionLifetime;
            options.SlidingExpiration = false;
            // An API call with an expired or unknown session is a 401 problem, never a redirect to a login page.
            options.Events.OnRedirectToLogin = context => Refuse(context.HttpContext, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => Refuse(context.HttpContext, StatusCodes.Status403Forbidden);
        });
        foreach (var provider in providers)
            authentication.AddOpenIdConnect(SchemeOf(provider.Issuer), provider.Label, options => Configure(options, provider, settings));
    }

    private static void Configure(OpenIdConnectOptions options, DashboardProvider provider, OidcSettings settings)
    {
        var issuer = provider.Issuer;
        var index = issuer.Index.ToString(CultureInfo.InvariantCulture);
        options.Authority = issuer.Authority.OriginalString;
        options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        options.ClientId = provider.ClientId;
        options.ClientSecret = provider.ClientSecret;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;
        // The code in the query of a top-level GET: the correlation and nonce cookies can be SameSite=Lax (form_post would
        // need SameSite=None).
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.CallbackPath = CallbackPathOf(issuer);
        // Every handler listens on its paths: each issuer's own, so that none answers for another.
        options.SignedOutCallbackPath = $"{DashboardPages.Root}/signout-callback-oidc-{index}";
        options.RemoteSignOutPath = $"{DashboardPages.Root}/signout-oidc-{index}";
        options.SignInScheme = CookieScheme;
        // The session whose ID token is the end-session request's hint (the default would be the API's policy scheme).
        options.SignOutScheme = CookieScheme;
        options.Scope.Clear();
        foreach (var scope in new[] { "openid", "profile", "email" }) options.Scope.Add(scope);
        options.MapInboundClaims = false;
        options.GetClaimsFromUserInfoEndpoint = false;
        // Kept in the session on the server (DashboardSessions), never sent to the browser; the ID token is the sign-out hint.
        options.SaveTokens = true;
        options.UseTokenLifetime = false;
        options.RefreshInterval = settings.MetadataRefresh;
        options.TokenValidationParameters.ValidAlgorithms = LedgerAuthentication.Algorithms;
        options.TokenValidationParameters.ValidIssuer = issuer.TokenIssuer?.OriginalString;
        options.TokenValidationParameters.NameClaimType = Caller.NameClaim;
        options.TokenValidationParameters.RoleClaimType = Caller.RoleClaim;
        options.Events = new OpenIdConnectEvents
        {
            // The ID token's claims mapped exactly as a bearer token's are: one claims contract for every scheme.
            OnTokenValidated = context =>
            {
                var (principal, failure) = PersonClaims.Map(issuer, context.Principal!);
                if (principal is null)
                {
                    context.Fail(failure!);
                    return Task.CompletedTask;
                }
                context.Principal = principal;
                context.Properties!.Items[ProviderItem] = index;
                return Task.CompletedTask;
            },
            // A sign-in never continues a session the browser already holds: the cookie handler would write the new
            // person's ticket under the old session's key (it renews a session it finds), so whoever kept or planted
            // that cookie (a shared desk, session fixation) would hold the new sign-in. The old row goes, and the new
            // sign-in gets a key of its own.
            OnTicketReceived = context => context.HttpContext.RequestServices.GetRequiredService<DashboardSessions>().EndHeldSessionAsync(context.HttpContext),
            // A refused or cancelled sign-in comes back to the dashboard with a Dutch message, not an exception page.
            OnRemoteFailure = context =>
            {
                context.HandleResponse();
                context.Response.Redirect(DashboardPages.Root + "?inloggen=mislukt");
                return Task.CompletedTask;
            },
            // After the provider's sign-out the browser comes back to the dashboard itself (the URI a provider registers).
            OnRedirectToIdentityProviderForSignOut = context =>
            {
                var request = context.Request;
                context.ProtocolMessage.PostLogoutRedirectUri = $"{request.Scheme}://{request.Host}{request.PathBase}{DashboardPages.Root}/";
                return Task.CompletedTask;
            },
        };
    }

    /// <summary>
    /// The dashboard's session cookie judges a request that needs a caller, or one to the sign-in's endpoints that read the
    /// session (<see cref="SessionReader"/>), and carries no Authorization header but the cookie; null otherwise (the
    /// bearer/API-key choice then applies). A bearer or key caller never meets the cookie, and a public path (the
    /// dashboard's pages and files, the health probes, the OpenAPI document) reads no session: before, every such request
    /// with the cookie cost a read of dashboard_sessions, which no limiter counted.
    /// </summary>
    public static string? SchemeFor(HttpContext context)
    {
        if (context.Request.Headers.ContainsKey("Authorization") || !WantsSession(context.GetEndpoint()))
            return null;
        return CarriesCookie(context) ? CookieScheme : null;
    }

    /// <summary>
    /// Whether the request goes to one of the sign-in's endpoints that read the session (<see cref="SessionReader"/>) with
    /// the session cookie: the rate limiter then counts it as it counts an API call (the person's actor, without a living
    /// session the address), and a read for an address that has spent its rate is spared (<see cref="DashboardSessions"/>).
    /// Whatever the Authorization header says, as the endpoint reads the cookie itself.
    /// </summary>
    public static bool ReadsSession(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<SessionReader>() is not null && CarriesCookie(context);

    private static bool WantsSession(Endpoint? endpoint) =>
        LedgerPolicies.NeedsCaller(endpoint) || endpoint?.Metadata.GetMetadata<SessionReader>() is not null;

    private static bool CarriesCookie(HttpContext context) =>
        context.RequestServices.GetService<DashboardProviders>() is { Any: true }
        && context.Request.Cookies.ContainsKey(HostPrefixCookieManager.NameFor(context, CookieName));

    /// <summary>
    /// An endpoint's metadata: it needs no caller (it answers anyone) but reads the session when the request carries its
    /// cookie (<c>/dashboard/sessie</c>, <c>/dashboard/uitloggen</c>, <see cref="DashboardSignInEndpoints"/>).
    /// </summary>
    public sealed class SessionReader;

    /// <summary>
    /// CSRF: a state-changing API call (POST, PUT, PATCH, DELETE) signed in by the session cookie must carry the session's
    /// anti-forgery token in <c>X-CSRF-TOKEN</c> (from GET /dashboard/sessie); otherwise a 403 problem. The cookie alone
    /// proves only that the browser sent it, which a page of another site can make it do.
    /// </summary>
    public static void UseDashboardCsrf(this WebApplication app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
            && !HttpMethods.IsOptions(context.Request.Method) && !HttpMethods.IsTrace(context.Request.Method)
            && context.User.Identity is { IsAuthenticated: true }
            && LedgerPolicies.NeedsCaller(context.GetEndpoint()) && SchemeFor(context) == CookieScheme
            && !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
        {
            await Problems.Forbidden(CsrfRefused).ExecuteAsync(context);
            return;
        }
        await next(context);
    });

    public const string CsrfRefused =
        "A request signed in with the dashboard's session must carry its anti-forgery token in the X-CSRF-TOKEN header (GET /dashboard/sessie gives it).";

    private static Task Refuse(HttpContext context, int status) => (status == StatusCodes.Status401Unauthorized
        // A session not looked up (its address had spent its rate, DashboardSessions) is not said to have ended: the 429.
        ? LedgerRateLimiters.LookUpSpared(context)
            ? Problems.TooManyRequests(context, context.RequestServices.GetRequiredService<RateLimitSettings>().RetryAfterSeconds)
            : Problems.Unauthorized("The dashboard session has ended or is unknown: sign in again at /dashboard/inloggen.")
        : Problems.Forbidden("This person's role may not do this.")).ExecuteAsync(context);

    private static string? Setting(IConfiguration configuration, string name, int index)
    {
        var number = index.ToString(CultureInfo.InvariantCulture);
        var own = configuration[$"{name}:{number}"] is { Length: > 0 } nested ? nested : configuration[$"{name}__{number}"];
        if (own is { Length: > 0 }) return own.Trim();
        return configuration[name] is { Length: > 0 } all ? all.Trim() : null;
    }
}

/// <summary>An issuer the dashboard signs people in with: its client registration and the label on the choice page.</summary>
public sealed record DashboardProvider(OidcIssuer Issuer, string ClientId, string? ClientSecret, string Label);

public sealed record DashboardProviders(IReadOnlyList<DashboardProvider> All)
{
    public bool Any => All.Count > 0;

    /// <summary>The dashboard pages' policy for these providers (<see cref="DashboardPages.PolicyWith"/>), worked out once.</summary>
    public string ContentSecurityPolicy { get; } =
        DashboardPages.PolicyWith(All.SelectMany(p => new[] { p.Issuer.Authority, p.Issuer.TokenIssuer ?? p.Issuer.Authority })
            .Select(address => address.GetLeftPart(UriPartial.Authority)).Distinct());
}

/// <summary>
/// The session cookie's name: <c>__Host-sroi-sessie</c> on a request over TLS (the browser then refuses it unless it is
/// Secure, for path / and without a domain: no sibling host can set or shadow it), plain <c>sroi-sessie</c> over
/// http (development on loopback), where a browser would drop a <c>__Host-</c> cookie.
/// </summary>
public sealed class HostPrefixCookieManager : ICookieManager
{
    private readonly ChunkingCookieManager inner = new();

    public static string NameFor(HttpContext context, string key) => context.Request.IsHttps ? "__Host-" + key : key;

    /// <summary>None during a sign-in (<see cref="DashboardSessions.EndHeldSessionAsync"/>): the handler then stores a new session.</summary>
    public string? GetRequestCookie(HttpContext context, string key) =>
        context.Items.ContainsKey(DashboardSessions.FreshSignIn) ? null : inner.GetRequestCookie(context, NameFor(context, key));

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options) =>
        inner.AppendResponseCookie(context, NameFor(context, key), value, options);

    public void DeleteCookie(HttpContext context, string key, CookieOptions options) =>
        inner.DeleteCookie(context, NameFor(context, key), options);
}
