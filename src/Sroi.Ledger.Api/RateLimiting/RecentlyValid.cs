using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Sroi.Ledger.Api.RateLimiting;

/// <summary>
/// The credentials this node found valid lately (one set for the API keys, <see cref="Auth.ApiKeys"/>, one for the
/// dashboard's sessions, <see cref="Dashboard.SignIn.DashboardSessions"/>), kept by their SHA-256 only. Authentication
/// looks such a credential up even from an address that has spent its rate (<see cref="LedgerRateLimiters.SpareLookUp"/>),
/// so that a flood of unknown credentials from an address every caller shares (a proxy, a NAT) cannot hold the known ones
/// at 429. The set only decides whether to look up, it never answers: the database judges every credential in it, so a
/// revoked key or an ended session is refused at once, and leaves the set (<see cref="Forget"/>). Only a look-up that finds
/// a credential valid puts it here, and a SHA-256 of a 256-bit secret cannot be guessed, so a flood of random credentials
/// neither finds nor adds anything.
/// <para>
/// Bounded: two generations of at most <c>capacity / 2</c> hashes each. When the current one is full it becomes the
/// previous one and the previous one is dropped, so the set holds the last <c>capacity / 2</c> to <c>capacity</c> distinct
/// credentials found valid (about 100 bytes each: under a megabyte at the default 10,000). One found valid again goes back
/// into the current generation, so a credential in use stays; one unused leaves after half the capacity of other
/// credentials were found valid after it. Nothing ages by time: a known credential costs a look-up of its own only when
/// its holder presents it. Thread-safe: reads and writes without a lock, only the change of generation takes one.
/// </para>
/// </summary>
public sealed class RecentlyValid(int capacity = RecentlyValid.DefaultCapacity)
{
    public const int DefaultCapacity = 10_000;

    private readonly int perGeneration = Math.Max(1, capacity / 2);
    private readonly Lock turning = new();
    private volatile Generations generations = new(new Generation(), new Generation());

    /// <summary>How many hashes the set holds now (both generations; a hash in both counted twice).</summary>
    public int Count
    {
        get
        {
            var now = generations;
            return now.Current.Hashes.Count + now.Previous.Hashes.Count;
        }
    }

    /// <summary>Whether a look-up found this credential (its SHA-256) valid lately, and nothing found it unknown since.</summary>
    public bool Contains(ReadOnlySpan<byte> sha256)
    {
        var digest = Digest.Of(sha256);
        var now = generations;
        return now.Current.Hashes.ContainsKey(digest) || now.Previous.Hashes.ContainsKey(digest);
    }

    /// <summary>A look-up found the credential valid.</summary>
    public void Remember(ReadOnlySpan<byte> sha256)
    {
        var digest = Digest.Of(sha256);
        var now = generations;
        if (now.Current.Hashes.ContainsKey(digest) || !now.Current.Hashes.TryAdd(digest, 0))
            return;
        if (Interlocked.Increment(ref now.Current.Added) >= perGeneration)
            Turn(now);
    }

    /// <summary>A look-up found the credential unknown (revoked, deleted, ended, expired), or it was ended here.</summary>
    public void Forget(ReadOnlySpan<byte> sha256)
    {
        var digest = Digest.Of(sha256);
        var now = generations;
        now.Current.Hashes.TryRemove(digest, out _);
        now.Previous.Hashes.TryRemove(digest, out _);
    }

    private void Turn(Generations full)
    {
        lock (turning)
        {
            // Another thread may have turned it already: only the generation that filled up is turned.
            if (ReferenceEquals(generations, full))
                generations = new Generations(new Generation(), full.Current);
        }
    }

    private sealed class Generation
    {
        public readonly ConcurrentDictionary<Digest, byte> Hashes = new();

        /// <summary>Hashes added (never lowered by a removal: a generation that saw many turns a little early, never late).</summary>
        public int Added;
    }

    private sealed record Generations(Generation Current, Generation Previous);

    /// <summary>A SHA-256 as a value: no array per entry, equality and hash code from its 32 bytes.</summary>
    private readonly record struct Digest(UInt128 First, UInt128 Second)
    {
        public static Digest Of(ReadOnlySpan<byte> sha256)
        {
            if (sha256.Length != SHA256.HashSizeInBytes)
                throw new ArgumentException($"A SHA-256 has {SHA256.HashSizeInBytes} bytes, not {sha256.Length}.", nameof(sha256));
            return new Digest(MemoryMarshal.Read<UInt128>(sha256), MemoryMarshal.Read<UInt128>(sha256[16..]));
        }
    }
}
