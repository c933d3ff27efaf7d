using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace Sroi.Ledger.DevIdentity.Hosting;

/// <summary>
/// The provider's RSA signing keys. OpenIddict signs with the first of its signing credentials and publishes all of them
/// in the JWKS; its own token validation reads the same list lazily, so putting a new key in front rotates the key in a
/// running provider: new tokens carry the new <c>kid</c>, tokens signed with the old key stay verifiable.
/// </summary>
public sealed class SigningKeys(IOptionsMonitor<OpenIddictServerOptions> options)
{
    private readonly Lock _gate = new();

    public static SigningCredentials Create()
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "dev-" + Guid.NewGuid().ToString("N")[..16] };
        return new SigningCredentials(key, SecurityAlgorithms.RsaSha256);
    }

    /// <summary>The <c>kid</c> new tokens are signed with.</summary>
    public string CurrentKeyId => options.CurrentValue.SigningCredentials[0].Key.KeyId;

    /// <summary>
    /// Puts a new key in front. OpenIddict's list is not synchronised: a request enumerating it at that very moment could
    /// fail, acceptable for a development provider that is rotated by a test between requests.
    /// </summary>
    public string Rotate()
    {
        var credentials = Create();
        lock (_gate)
            options.CurrentValue.SigningCredentials.Insert(0, credentials);
        return credentials.Key.KeyId;
    }
}
