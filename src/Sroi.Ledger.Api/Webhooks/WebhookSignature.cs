using System.Security.Cryptography;
using System.Text;

namespace Sroi.Ledger.Api.Webhooks;

/// <summary>
/// <c>X-Sroi-Signature: sha256=&lt;hex&gt;</c>: the HMAC-SHA256 of the body's bytes, keyed with the subscription's secret
/// (its UTF-8 bytes). A receiver computes the same over the raw body and compares in constant time.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Sroi-Signature";

    public static string Of(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>A new secret: 32 random bytes, written as 64 hex digits after a prefix that says what it is.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
