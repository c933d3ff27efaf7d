using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Sroi.Ledger.Api.Auditing.Checkpoints;

namespace Sroi.Ledger.Api.Auditing.CommitSignatures;

/// <summary>
/// The signed heads whose signature this process has already found valid, so a verification run again (the audit page, the
/// nightly check) does not pay an ECDSA verification for every head once more: one is about 75 µs of CPU here, 92,002 heads
/// about 7 CPU-seconds, the largest single cost of verifying a ledger of 1,000,000 events (issue 23). Checks no less: an entry
/// is the SHA-256 of the key's fingerprint, the exact signed text and the signature's bytes, so a head, a hash, a version or
/// a signature changed in the database since is a new entry and is verified afresh, and only a valid verdict is kept (a
/// forged signature is verified, and named, every time). Bounded: at <see cref="Capacity"/> entries (about 70 MiB) no more
/// are added; heads beyond it are verified each time, as before.
/// </summary>
public static class VerifiedSignatures
{
    public const int Capacity = 1_000_000;

    private static readonly ConcurrentDictionary<(UInt128, UInt128), byte> Valid = new();
    private static int count;

    /// <summary>Whether <paramref name="signature"/> over <paramref name="payload"/> verifies with <paramref name="key"/>: remembered when it does.</summary>
    public static bool Verifies(CheckpointKey key, byte[] payload, byte[] signature)
    {
        var entry = Entry(key, payload, signature);
        if (Valid.ContainsKey(entry)) return true;
        if (!key.Verifies(payload, signature)) return false;
        if (Volatile.Read(ref count) < Capacity && Valid.TryAdd(entry, 0)) Interlocked.Increment(ref count);
        return true;
    }

    /// <summary>Whether a verification has found <paramref name="signature"/> over <paramref name="payload"/> valid with <paramref name="key"/> in this process.</summary>
    public static bool Remembered(CheckpointKey key, byte[] payload, byte[] signature) => Valid.ContainsKey(Entry(key, payload, signature));

    /// <summary>SHA-256 over the fingerprint, the payload's length and bytes, and the signature: no two inputs share an encoding.</summary>
    private static (UInt128, UInt128) Entry(CheckpointKey key, byte[] payload, byte[] signature)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.ASCII.GetBytes(key.Fingerprint));
        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, payload.Length);
        hash.AppendData(length);
        hash.AppendData(payload);
        hash.AppendData(signature);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return (System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(digest), System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(digest[16..]));
    }
}
