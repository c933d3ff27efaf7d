using System.Text;
using NodaTime;
using Sroi.Ledger.Api.Auditing.Checkpoints;

namespace Sroi.Ledger.Api.Auditing.CommitSignatures;

/// <summary>
/// A stream's chain head as the service signed it: the commit that appended up to <see cref="Version"/> (kind
/// <c>commit</c>), or the first start after the upgrade for a head recorded before commits were signed (kind
/// <c>baseline</c>). The signature covers <see cref="SignedText"/>: the kind, municipality, stream, version and chain hash,
/// so a signature copied to another head, another version or another hash no longer verifies.
/// </summary>
public sealed record SignedHead(
    string Municipality, string Stream, long Version, byte[] Hash, string Kind, Instant SignedAt, string KeyFingerprint, byte[] Signature)
{
    public const string Commit = "commit";
    public const string Baseline = "baseline";
    private const string Format = "sroi-ledger-head/1";

    /// <summary>The exact text signed (UTF-8): one field a line, the hash in lower-case hex.</summary>
    public static string SignedText(string kind, string municipality, string stream, long version, byte[] hash) =>
        string.Join('\n', Format, kind, municipality, stream, version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToHexStringLower(hash));

    public static byte[] Sign(CheckpointKey key, string kind, string municipality, string stream, long version, byte[] hash) =>
        key.Sign(Encoding.UTF8.GetBytes(SignedText(kind, municipality, stream, version, hash)));

    /// <summary><c>valid</c>, <c>invalid</c> (forged or altered in the database) or <c>other-key</c> (not this service's key).</summary>
    public string Verdict(CheckpointKey key)
    {
        if (KeyFingerprint != key.Fingerprint) return "other-key";
        return VerifiedSignatures.Verifies(key, SignedBytes(), Signature) ? "valid" : "invalid";
    }

    /// <summary>Whether this process has found this head's signature valid with <paramref name="key"/> already (no ECDSA: a lookup).</summary>
    public bool RememberedValid(CheckpointKey key) => KeyFingerprint == key.Fingerprint && VerifiedSignatures.Remembered(key, SignedBytes(), Signature);

    private byte[] SignedBytes() => Encoding.UTF8.GetBytes(SignedText(Kind, Municipality, Stream, Version, Hash));
}
