using System.Security.Cryptography;
using System.Text;

namespace Sroi.Ledger.EventStore;

/// <summary>The outcome of recomputing one stream's hash chain.</summary>
public sealed record ChainVerification(StreamId StreamId, int EventsChecked, long? FirstBrokenVersion)
{
    public bool IsIntact => FirstBrokenVersion is null;
}

/// <summary>
/// Recomputes a stream's hash chain the way an auditor would, independently of the database function
/// that wrote it: any edit of an event's type, payload, metadata or time breaks the chain from there on.
/// </summary>
public sealed class EventChainVerifier(EventStore store)
{
    public async Task<ChainVerification> VerifyAsync(StreamId streamId, CancellationToken ct = default)
    {
        var events = await store.ReadStreamAsync(streamId, ct: ct);
        var previous = Array.Empty<byte>();
        foreach (var e in events)
        {
            var expected = SHA256.HashData([.. previous, .. CanonicalBytes(e)]);
            if (!expected.AsSpan().SequenceEqual(e.Hash))
                return new ChainVerification(streamId, events.Count, e.StreamVersion);
            previous = e.Hash;
        }
        return new ChainVerification(streamId, events.Count, null);
    }

    /// <summary>Must match sroi_event_canonical_bytes in Schema/002_append_function.sql.</summary>
    public static byte[] CanonicalBytes(RecordedEvent e)
    {
        var microseconds = e.RecordedAt.ToUnixTimeTicks() / 10;
        var text = string.Join('\n',
            e.StreamId.Value, e.StreamVersion, e.EventId.ToString("D"), e.EventType, e.Data, e.MetadataJson, microseconds);
        return Encoding.UTF8.GetBytes(text);
    }
}
