using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Auth;

/// <summary>
/// The API-key scheme: <c>Authorization: Bearer &lt;key&gt;</c> becomes the key's <see cref="Caller"/> as the request's
/// principal (<see cref="Caller.ToPrincipal"/>: key id, role, municipality, KvK number). Refuses nothing itself: an
/// unknown key leaves the request anonymous, so the rate limiter (between authentication and authorization) counts it
/// by its address, and the authorization middleware challenges it here with the 401 problem.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys)
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
        return await keys.FindAsync(key, Context.RequestAborted) is { } caller
            ? AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(), SchemeName))
            : AuthenticateResult.Fail(UnknownKey);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
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
