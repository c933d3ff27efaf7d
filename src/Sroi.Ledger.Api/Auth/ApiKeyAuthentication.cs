using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.RateLimiting;

namespace Sroi.Ledger.Api.Auth;

/// <summary>
/// The API-key scheme: <c>Authorization: Bearer &lt;key&gt;</c> becomes the key's <see cref="Caller"/> as the request's
/// principal (<see cref="Caller.ToPrincipal"/>: key id, role, municipality, KvK number). Refuses nothing itself: an
/// unknown key leaves the request anonymous, so the rate limiter (between authentication and authorization) counts it
/// by its address, and the authorization middleware challenges it here with the 401 problem.
/// A key is looked up only while its address has rate left, one look-up of an address at a time
/// (<see cref="LedgerRateLimiters.TakeLookUpTurnAsync"/>, session 43),
/// or when this node found it valid lately (<see cref="ApiKeys.FoundValidLately"/>, <see cref="RecentlyValid"/>): from an
/// address whose bucket is empty any other key stays anonymous without a query and the limiter refuses it 429, as it
/// refuses that address's unknown keys. So random key-shaped keys cost the database at most the address's rate of
/// queries, not one each, and they cannot hold the known keys at 429 even when every caller shares the flooded address
/// (behind a NAT, or behind a proxy not listed in SROI_TRUSTED_PROXIES, Security/TrustedProxies: then every caller has
/// the proxy's address): a known key is looked up and served by its own actor's rate. The set only chooses to look up: a key
/// revoked since is refused 401 at its next request and leaves the set. What remains: a valid key this node has not found
/// valid lately (new, not used on this node since it started, or pushed out by 5,000 others), sent from an address that
/// has spent its rate, gets 429 (never a 401) until the address has a token again. The admin key is compared in memory
/// and works from any address; a bearer token goes to its issuer's scheme, never here. With the rate off
/// (SROI_RATE_LIMIT_PER_MINUTE=0) there is no bucket to ask: every key-shaped key is looked up, and only a gateway's
/// limit in front keeps such a flood off the database.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys,
    LedgerRateLimiters limiters, RateLimitSettings rate)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // A public endpoint (documents, health probes) never costs a key look-up: a probe still answers while the
        // database is away, and a stray Authorization header on Swagger UI's page is no query.
        if (!LedgerPolicies.NeedsCaller(Context.GetEndpoint()))
            return AuthenticateResult.NoResult();
        if (LedgerAuthentication.BearerCredential(Request) is not { } key)
            return AuthenticateResult.NoResult();
        // Hashed once for the request: the admin key's comparison, the set of keys found valid lately and the look-up.
        var hash = ApiKeys.Hash(key);
        if (keys.Admin(hash) is { } admin)
            return Success(admin);
        if (!ApiKeys.MayBeStored(key))
            return AuthenticateResult.Fail(UnknownKey);
        // Anonymous, so the limiter refuses it by its spent address; the challenge below answers the same if it did not. A key
        // this node found valid lately is looked up from any address.
        using var turn = keys.FoundValidLately(hash) ? LookUpTurn.Free : await limiters.TakeLookUpTurnAsync(Context);
        if (turn.Spared)
            return AuthenticateResult.NoResult();
        if (await keys.LookUpAsync(hash, Context.RequestAborted) is { } caller)
            return Success(caller);
        // Judged: if the limiter refuses it (its address has spent its rate), its answer is still this scheme's 401.
        LedgerRateLimiters.MarkFoundUnknown(Context);
        return AuthenticateResult.Fail(UnknownKey);
    }

    private static AuthenticateResult Success(Caller caller) =>
        AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(), SchemeName));

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // A key that was not looked up is not said to be unknown: the limiter's 429 for its address (which may have had a
        // token again when the limiter counted the request).
        if (LedgerRateLimiters.LookUpSpared(Context))
            return Problems.TooManyRequests(Context, rate.RetryAfterSeconds).ExecuteAsync(Context);
        Response.Headers.WWWAuthenticate = "Bearer";
        // A token the policy scheme sent here (its issuer is not configured, or it is no readable JWT) is refused in the
        // words of every refused token, so that an unknown issuer looks like any other bad token.
        var presented = LedgerAuthentication.BearerCredential(Request);
        return Problems.Unauthorized(presented is null ? NoKey
            : !presented.StartsWith(ApiKeys.Prefix, StringComparison.Ordinal) && LedgerAuthentication.LooksLikeJwt(presented) ? LedgerAuthentication.TokenRefused
            : UnknownKey).ExecuteAsync(Context);
    }

    private const string NoKey = "Send an API key as 'Authorization: Bearer <key>'.";
    private const string UnknownKey = "The API key is unknown or revoked.";
}

public static class ApiKeyAuthentication
{
    /// <summary>
    /// The API-key scheme as the default: the authentication middleware signs in every request to an endpoint with a
    /// policy through it. With OpenID Connect issuers configured, <see cref="LedgerAuthentication"/> adds their schemes
    /// and a policy scheme in front instead.
    /// </summary>
    public static AuthenticationBuilder AddApiKeyAuthentication(this IServiceCollection services) =>
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
}
