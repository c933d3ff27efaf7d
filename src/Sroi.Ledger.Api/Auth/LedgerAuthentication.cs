using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Sroi.Ledger.Api.Dashboard.SignIn;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Auth;

/// <summary>
/// The service's authentication schemes. Without an OpenID Connect issuer: the API-key scheme alone, as the default.
/// With issuers (<see cref="OidcSettings"/>): one JwtBearer scheme per issuer beside it, and a policy scheme as the
/// default that forwards each request to the one scheme that can judge its credential (<see cref="SchemeFor"/>), so
/// that one request is never tried against several schemes (a token is not looked up as a key, nor an unknown key
/// offered to every issuer) and its 401 comes from the scheme that refused it. Every scheme yields the same claims
/// (<see cref="Caller"/>); the role policies, the 403, the tenancy and the rate limiter ask for nothing else.
/// </summary>
public static class LedgerAuthentication
{
    public const string SelectorScheme = "ledger";

    /// <summary>
    /// The one 401 detail for every refused token, whatever check refused it (signature, issuer, audience, lifetime,
    /// algorithm, an unknown issuer): a caller learns no more than that the token will not do.
    /// </summary>
    public const string TokenRefused = "The bearer token is not accepted: it is invalid, expired, not for this service or from an unknown issuer.";

    /// <summary>
    /// Algorithms a token may be signed with: asymmetric only. Never <c>none</c>, and never HS*: a shared secret would
    /// let anyone who holds it (or a JWKS's public key misread as one) sign tokens.
    /// </summary>
    public static readonly IReadOnlyList<string> Algorithms =
        ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

    /// <summary>The clock difference allowed between the issuer and the ledger when judging a token's lifetime.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static IServiceCollection AddLedgerAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = OidcSettings.From(configuration);
        services.AddSingleton(settings);
        if (!settings.Enabled)
        {
            services.AddApiKeyAuthentication();
            return services;
        }

        var authentication = services.AddAuthentication(SelectorScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddPolicyScheme(SelectorScheme, "API key or OpenID Connect bearer token",
                // The dashboard's session cookie first (a request with no Authorization header but the cookie), then the
                // bearer/key choice.
                options => options.ForwardDefaultSelector = context => DashboardSignIn.SchemeFor(context) ?? SchemeFor(context, settings));
        foreach (var issuer in settings.Issuers)
            authentication.AddJwtBearer(issuer.SchemeName, options => Configure(options, issuer, settings));
        authentication.AddDashboardSignIn(configuration, settings);
        return services;
    }

    /// <summary>
    /// The scheme that judges a request: a token (JWT) whose unvalidated <c>iss</c> names a configured issuer goes to that
    /// issuer's scheme, everything else (an API key, the admin key, no credential, a token of an unknown issuer, anything
    /// unreadable) to the API-key scheme, which refuses what it does not know with the same 401. The <c>iss</c> is read
    /// only to choose: the chosen scheme validates the token in full, issuer included.
    /// </summary>
    public static string SchemeFor(HttpContext context, OidcSettings settings)
    {
        // A public endpoint authenticates nothing: the API-key scheme answers NoResult without a look-up, where a bearer
        // scheme would fetch its issuer's metadata for a health probe.
        if (!LedgerPolicies.NeedsCaller(context.GetEndpoint()))
            return ApiKeyAuthenticationHandler.SchemeName;
        if (BearerCredential(context.Request) is not { } credential || credential.StartsWith(ApiKeys.Prefix, StringComparison.Ordinal)
            || !LooksLikeJwt(credential) || context.RequestServices.GetRequiredService<AdminKey>().Matches(credential))
            return ApiKeyAuthenticationHandler.SchemeName;
        try
        {
            var issuer = Handler.ReadJsonWebToken(credential).Issuer;
            if (!string.IsNullOrEmpty(issuer))
            {
                var key = OidcIssuer.Normalise(issuer);
                foreach (var candidate in settings.Issuers)
                    if (string.Equals(candidate.IssuerKey, key, StringComparison.Ordinal))
                        return candidate.SchemeName;
            }
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenMalformedException)
        {
            // Not a readable JWT: the API-key scheme refuses it as an unknown credential.
        }
        return ApiKeyAuthenticationHandler.SchemeName;
    }

    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>A signed JWT in compact form: three parts (an encrypted one has five and names no issuer outside).</summary>
    public static bool LooksLikeJwt(string credential) =>
        credential.Length <= TokenValidationParameters.DefaultMaximumTokenSizeInBytes && credential.Count(c => c == '.') == 2;

    /// <summary>
    /// The credential after <c>Bearer </c> (any case); null without one. A blank one still counts as presented (the API-key
    /// scheme answers it as an unknown key, not as a missing one).
    /// </summary>
    public static string? BearerCredential(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > "Bearer ".Length
            ? header["Bearer ".Length..].Trim()
            : null;
    }

    private static void Configure(JwtBearerOptions options, OidcIssuer issuer, OidcSettings settings)
    {
        options.Authority = issuer.Authority.OriginalString;
        options.Audience = issuer.Audience;
        options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        // The token's own claim names (sub, roles, municipality), not Microsoft's long URIs.
        options.MapInboundClaims = false;
        options.IncludeErrorDetails = false;
        options.SaveToken = false;
        // A token signed with a key the cached JWKS lacks (the issuer rotated) makes the handler fetch the metadata
        // again, at most once per RefreshInterval: a rotation is followed without a restart.
        options.RefreshOnIssuerKeyNotFound = true;
        options.RefreshInterval = settings.MetadataRefresh;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            // The valid issuer is the one the discovery document names (the handler adds it), and the configured token
            // issuer where the tokens name another address than the one the service reaches; the audience is ours.
            ValidateIssuer = true,
            ValidIssuer = issuer.TokenIssuer?.OriginalString,
            ValidateAudience = true,
            ValidAudience = issuer.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = ClockSkew,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ValidAlgorithms = Algorithms,
            NameClaimType = Caller.NameClaim,
            RoleClaimType = Caller.RoleClaim,
        };
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var (principal, failure) = PersonClaims.Map(issuer, context.Principal!);
                if (principal is null) context.Fail(failure!);
                else context.Principal = principal;
                return Task.CompletedTask;
            },
            // The ledger's 401 problem instead of JwtBearer's empty one, and without its error description: which check
            // refused the token is logged (the handler logs it), not told.
            OnChallenge = async context =>
            {
                context.HandleResponse();
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await Problems.Unauthorized(TokenRefused).ExecuteAsync(context.HttpContext);
            },
        };
    }
}
