using System.Text.Json.Serialization;

namespace Sroi.Ledger.Testing.Oidc;

/// <summary>A token endpoint's answer.</summary>
public sealed record OidcTokens(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("id_token")] string? IdToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("scope")] string? Scope);

/// <summary>Who signs in, at which client, for which audience.</summary>
public sealed record OidcClient(string ClientId, Uri RedirectUri, string? ClientSecret = null)
{
    /// <summary>The development provider's public client for tests (PKCE, loopback redirect never fetched).</summary>
    public static OidcClient Tests { get; } = new("sroi-tests", new Uri("http://127.0.0.1/callback"));
}

/// <summary>The login page refused the credentials: its HTML, to assert on the message.</summary>
public sealed class OidcLoginRefusedException(string loginPage, int status)
    : Exception($"The provider's login page refused the sign-in (HTTP {status}).")
{
    public string LoginPage { get; } = loginPage;
    public int Status { get; } = status;
}

/// <summary>The provider answered the authorization request with an error instead of a login page or a code.</summary>
public sealed class OidcAuthorizationRefusedException(int status, string? location, string body)
    : Exception($"The authorization request was refused (HTTP {status}, {location ?? "no redirect"}): {body}")
{
    public int Status { get; } = status;
    public string? Location { get; } = location;
    public string Body { get; } = body;
}
