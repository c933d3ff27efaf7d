using System.Text;
using Sroi.Ledger.Api.Auditing.Checkpoints;
using Sroi.Ledger.Api.Auditing.CommitSignatures;

namespace Sroi.Ledger.Api.Tests.Auditing;

/// <summary>
/// The remembered signature checks (issue 23), without a database: given a signature found valid once, when anything it
/// covers, the signature itself or the key differs, then it is verified afresh and refused; a forged one is never remembered.
/// </summary>
public sealed class VerifiedSignaturesTests : IDisposable
{
    private readonly string keyFile = Path.Combine(Path.GetTempPath(), $"sroi-remembered-key-{Guid.NewGuid():N}.pem");
    private readonly string otherKeyFile = Path.Combine(Path.GetTempPath(), $"sroi-remembered-other-{Guid.NewGuid():N}.pem");
    private readonly CheckpointKey key;
    private readonly CheckpointKey other;

    public VerifiedSignaturesTests() => (key, other) = (CheckpointKey.ReadOrCreate(keyFile), CheckpointKey.ReadOrCreate(otherKeyFile));

    public void Dispose()
    {
        key.Dispose();
        other.Dispose();
        File.Delete(keyFile);
        File.Delete(otherKeyFile);
    }

    [Fact]
    public void A_valid_signature_stays_valid_and_whatever_differs_from_it_is_refused()
    {
        var payload = Encoding.UTF8.GetBytes(SignedHead.SignedText(SignedHead.Commit, "GM0603", "contract-1", 3, new byte[32]));
        var signature = key.Sign(payload);

        VerifiedSignatures.Verifies(key, payload, signature).Should().BeTrue();
        VerifiedSignatures.Verifies(key, payload, signature).Should().BeTrue("the same key, text and signature, remembered");

        var otherVersion = Encoding.UTF8.GetBytes(SignedHead.SignedText(SignedHead.Commit, "GM0603", "contract-1", 4, new byte[32]));
        VerifiedSignatures.Verifies(key, otherVersion, signature).Should().BeFalse("the signature was copied to another version");
        var forged = (byte[])signature.Clone();
        forged[^1] ^= 1;
        VerifiedSignatures.Verifies(key, payload, forged).Should().BeFalse("the signature was altered");
        VerifiedSignatures.Verifies(key, payload, forged).Should().BeFalse("a refused signature is checked again, never remembered");
        VerifiedSignatures.Verifies(other, payload, signature).Should().BeFalse("another key did not sign it");
    }
}
