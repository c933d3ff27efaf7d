using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace Sroi.Ledger.Api.Webhooks;

/// <summary>
/// How a delivery is signed, after the Standard Webhooks specification (standardwebhooks.com): <c>webhook-id</c> (the
/// notification's id, the same on every retry, for the receiver to deduplicate on), <c>webhook-timestamp</c> (unix
/// seconds when this attempt was sent) and <c>webhook-signature</c>: <c>v1,&lt;base64 HMAC-SHA256 of
/// "{id}.{timestamp}.{body}"&gt;</c> for each secret in force, space-separated (two during a secret's changeover). A
/// secret is <c>whsec_&lt;base64&gt;</c>; the base64 part is the HMAC key. The timestamp makes a captured delivery
/// worthless after the receiver's tolerance (the libraries' default: five minutes).
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    /// <summary>
    /// The first release's header, <c>sha256=&lt;hex HMAC-SHA256 of the body, keyed with the secret's UTF-8 text&gt;</c>:
    /// no timestamp, so it replays for ever. Still sent for receivers written against it, until <see cref="LegacyUntil"/>.
    /// </summary>
    public const string LegacyHeader = "X-Sroi-Signature";

    /// <summary>The release from which <see cref="LegacyHeader"/> is no longer sent (README, "Notifications").</summary>
    public const string LegacyUntil = "2027-07-01";

    private const string Prefix = "whsec_";

    /// <summary>A new secret: 32 random bytes (the HMAC key), base64, after the prefix that says what it is.</summary>
    public static string NewSecret() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// The HMAC key of a secret: its base64 part. The first release's secrets (<c>whsec_</c> and 64 hex digits) are valid
    /// base64 too, so they sign by the same rule and a receiver's Standard Webhooks library takes them as they are.
    /// </summary>
    public static byte[] Key(string secret) => Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);

    /// <summary>One <c>v1,…</c> signature of the message <paramref name="id"/> sent at <paramref name="timestamp"/>.</summary>
    public static string Sign(string secret, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var head = Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(CultureInfo.InvariantCulture)}.");
        var signed = new byte[head.Length + body.Length];
        head.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(head.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(Key(secret), signed));
    }

    /// <summary>
    /// The headers of one attempt: the id, the time it is sent, a signature per secret in <paramref name="secrets"/> (in
    /// that order), and the first release's header signed with <paramref name="legacySecret"/>.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Headers(Guid id, Instant sentAt, IReadOnlyList<string> secrets, string legacySecret, byte[] body)
    {
        var webhookId = id.ToString();
        var timestamp = sentAt.ToUnixTimeSeconds();
        return
        [
            new(IdHeader, webhookId),
            new(TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture)),
            new(SignatureHeader, string.Join(' ', secrets.Select(s => Sign(s, webhookId, timestamp, body)))),
            new(LegacyHeader, Legacy(legacySecret, body)),
        ];
    }

    public static string Legacy(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
