using NodaTime.Text;
using Sroi.Ledger.Api.Auditing.Checkpoints;
using Sroi.Ledger.Api.Auditing.Verification;
using Sroi.Ledger.Api.EventLog;

namespace Sroi.Ledger.Api.Auditing.CommitSignatures;

/// <summary>
/// Holds one stream to its signed heads. The chain is recomputed from the events themselves (not from the stored hashes,
/// which whoever edits an event can recompute with the schema's own function), and every event must be covered by a signed
/// head at or after it whose hash equals the recomputed chain at that version — one such head vouches for every event up
/// to it, as each link hashes the one before. So: an event after the last signed head was not appended by a signing
/// commit (<c>commit.unsigned</c>: inserted behind the service's back); a signed head whose hash no longer matches means an
/// event at or before it was changed, inserted or removed (<c>commit.head-differs</c>); a signed head whose event is gone
/// is a deletion (<c>commit.events-deleted</c>); a signature that does not verify was forged or altered
/// (<c>commit.signature-invalid</c>), or made with another key than the service's (<c>commit.other-key</c>).
/// </summary>
public static class CommitCoverage
{
    /// <summary>
    /// Everything one stream's events say about themselves: a broken hash chain (the stored hashes against the events) and
    /// the coverage by signed heads below. One place for the verification and the checkpointer, which hold a stream to
    /// the same two rules.
    /// </summary>
    public static IEnumerable<Discrepancy> ChainAndCoverage(string municipality, string stream, IReadOnlyList<RecordedEvent> events,
        IReadOnlyList<SignedHead> heads, CheckpointKey key)
    {
        // The chain is hashed once for both rules (issue 23: it was hashed twice, once per rule).
        var recomputed = EventChainVerifier.Recompute(events, out var broken);
        if (broken is { } version)
            yield return new Discrepancy(stream, municipality, version, "chain.broken", $"The hash of version {version} does not match its event and the hash before it.");
        foreach (var discrepancy in Check(municipality, stream, events, heads, key, recomputed))
            yield return discrepancy;
    }

    public static IReadOnlyList<Discrepancy> Check(string municipality, string stream, IReadOnlyList<RecordedEvent> events,
        IReadOnlyList<SignedHead> heads, CheckpointKey key) =>
        Check(municipality, stream, events, heads, key, EventChainVerifier.Recompute(events, out _));

    /// <param name="chain">The chain recomputed from <paramref name="events"/> alone (<see cref="EventChainVerifier.Recompute"/>), one hash an event.</param>
    private static IReadOnlyList<Discrepancy> Check(string municipality, string stream, IReadOnlyList<RecordedEvent> events,
        IReadOnlyList<SignedHead> heads, CheckpointKey key, byte[][] chain)
    {
        var found = new List<Discrepancy>();
        void Found(long version, string code, string detail) => found.Add(new Discrepancy(stream, municipality, version, code, detail));

        // The recomputed hash at a version: a stream without gaps holds version v at v - 1, so no map of every event is built
        // (issue 23); otherwise it is looked for.
        byte[]? Recomputed(long version)
        {
            if (version >= 1 && version <= events.Count && events[(int)(version - 1)].StreamVersion == version) return chain[version - 1];
            for (var i = 0; i < events.Count; i++)
                if (events[i].StreamVersion == version) return chain[i];
            return null;
        }
        var last = events.Count == 0 ? 0 : events[^1].StreamVersion;

        // The highest version a valid signature names, and the highest one whose hash still holds.
        long signedUpTo = 0, covered = 0;
        foreach (var head in heads)
        {
            var signed = $"{(head.Kind == SignedHead.Baseline ? "the signing baseline" : "its commit")} of {InstantPattern.ExtendedIso.Format(head.SignedAt)}";
            switch (head.Verdict(key))
            {
                case "other-key":
                    Found(head.Version, "commit.other-key", $"The head at version {head.Version} is signed with key {head.KeyFingerprint}, not the service's: it cannot vouch for it.");
                    continue;
                case "invalid":
                    Found(head.Version, "commit.signature-invalid", $"The signature of the head at version {head.Version} does not verify: it was forged or altered in the database.");
                    continue;
            }
            signedUpTo = Math.Max(signedUpTo, head.Version);
            if (Recomputed(head.Version) is not { } hash)
                Found(head.Version, "commit.events-deleted",
                    $"Version {head.Version} was signed as a stream head by {signed}; the stream now " +
                    (events.Count == 0 ? "has no events." : last < head.Version ? $"ends at version {last}." : "lacks it."));
            else if (!hash.AsSpan().SequenceEqual(head.Hash))
                Found(head.Version, "commit.head-differs",
                    $"Version {head.Version} was signed with chain hash {Convert.ToHexStringLower(head.Hash)} by {signed}; the events up to it now hash to {Convert.ToHexStringLower(hash)}: one of them was changed, inserted or removed.");
            else
                covered = Math.Max(covered, head.Version);
        }
        // Events under a head that no longer matches are named by that head already.
        foreach (var e in events.Where(e => e.StreamVersion > signedUpTo))
            Found(e.StreamVersion, "commit.unsigned",
                $"Version {e.StreamVersion} is covered by no signed head{(covered > 0 ? $" (the last good one is version {covered})" : "")}: no commit of this service appended it.");
        return found;
    }
}
