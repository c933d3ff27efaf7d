using NodaTime.Text;
using Sroi.Ledger.Api.Auditing.Verification;

namespace Sroi.Ledger.Api.Auditing.Checkpoints;

/// <summary>An event's place in the log and its link in the hash chain, as the ledger holds it now.</summary>
public sealed record EventLink(long Version, long Sequence, byte[]? Hash);

/// <summary>
/// Holds the ledger to a checkpoint: since it was signed, events may only have been added. Every stream it lists must
/// still have the hash it recorded at the version it recorded (a payload edited and its chain recomputed with the schema's
/// own function gives other hashes), must not end before that version (a deleted last event, even with the stream row and
/// the leftover hash "fixed"), and must still exist (a stream deleted whole); no event may sit at a position at or before the
/// checkpoint's that the checkpoint does not account for (an event or stream slipped in behind it).
/// </summary>
public static class CheckpointComparison
{
    public static IReadOnlyList<Discrepancy> Compare(CheckpointPayload checkpoint, IReadOnlyDictionary<string, IReadOnlyList<EventLink>> streams)
    {
        var found = new List<Discrepancy>();
        var listed = new HashSet<string>();
        foreach (var head in checkpoint.Streams)
        {
            listed.Add(head.Stream);
            found.AddRange(Stream(checkpoint, head.Stream, head, streams.GetValueOrDefault(head.Stream) ?? []));
        }
        foreach (var (stream, links) in streams.Where(s => !listed.Contains(s.Key)))
            found.AddRange(Stream(checkpoint, stream, null, links));
        return found;
    }

    /// <summary>
    /// One stream against the checkpoint: against the <paramref name="head"/> it lists for it (null: it lists none), from the
    /// stream's links as the ledger holds them now. <see cref="Compare"/> is this for every listed stream in the checkpoint's
    /// order, then every unlisted one; the verification calls it a stream at a time, so it keeps no links (issue 23).
    /// </summary>
    public static IReadOnlyList<Discrepancy> Stream(CheckpointPayload checkpoint, string stream, StreamHead? head, IReadOnlyList<EventLink> links)
    {
        var found = new List<Discrepancy>();
        var when = InstantPattern.ExtendedIso.Format(checkpoint.CreatedAt);
        void Found(long version, string code, string detail) =>
            found.Add(new Discrepancy(stream, checkpoint.Municipality, version, code, detail));
        void Unlisted(EventLink link) => Found(link.Version, "checkpoint.unlisted-event",
            $"Version {link.Version} is at position {link.Sequence}, not after the checkpoint of {when} (position {checkpoint.Position}), which does not list it.");

        if (head is null)
        {
            if (links.FirstOrDefault(l => l.Sequence <= checkpoint.Position) is { } slipped)
                Unlisted(slipped);
            return found;
        }
        var at = links.FirstOrDefault(l => l.Version == head.Version);
        if (links.Count == 0)
            Found(head.Version, "checkpoint.stream-missing",
                $"The checkpoint of {when} lists this stream at version {head.Version}; it now has no events.");
        else if (at is null)
            Found(head.Version, "checkpoint.events-lost",
                $"The checkpoint of {when} lists version {head.Version}; the stream now ends at version {links[^1].Version}" +
                (links[^1].Version > head.Version ? " without it." : "."));
        else if (at.Hash is null || Convert.ToHexStringLower(at.Hash) != head.Hash)
            Found(head.Version, "checkpoint.head-differs",
                $"The checkpoint of {when} recorded hash {head.Hash} for version {head.Version}; the ledger now has {(at.Hash is null ? "none" : Convert.ToHexStringLower(at.Hash))}.");
        if (links.FirstOrDefault(l => l.Version > head.Version && l.Sequence <= checkpoint.Position) is { } after)
            Unlisted(after);
        return found;
    }
}
