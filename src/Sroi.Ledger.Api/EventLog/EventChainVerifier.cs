using System.Security.Cryptography;
using System.Text;

namespace Sroi.Ledger.Api.EventLog;

/// <summary>The outcome of recomputing one stream's hash chain.</summary>
public sealed record ChainVerification(StreamId StreamId, int EventsChecked, long? FirstBrokenVersion)
{
    public bool IsIntact => FirstBrokenVersion is null;
}

/// <summary>
/// Recomputes a stream's hash chain the way an auditor would, independently of the trigger that wrote it
/// (EventLog/event_chain.sql): any edit of an event's type, payload, metadata or time breaks the chain from there on.
/// </summary>
public static class EventChainVerifier
{
    public static ChainVerification Verify(StreamId streamId, IReadOnlyList<RecordedEvent> events)
    {
        var previous = Array.Empty<byte>();
        foreach (var e in events)
        {
            var expected = SHA256.HashData([.. previous, .. CanonicalBytes(e)]);
            if (e.Hash is null || !expected.AsSpan().SequenceEqual(e.Hash))
                return new ChainVerification(streamId, events.Count, e.StreamVersion);
            previous = e.Hash;
        }
        return new ChainVerification(streamId, events.Count, null);
    }

    /// <summary>Must match sroi_event_canonical_bytes in EventLog/event_chain.sql.</summary>
    public static byte[] CanonicalBytes(RecordedEvent e)
    {
        var microseconds = e.RecordedAt.ToUnixTimeTicks() / 10;
        var text = string.Join('\n',
            e.Tenant, e.StreamId.Value, e.StreamVersion, e.EventId.ToString("D"), e.EventType, e.Data,
            e.Metadata.Actor, e.Metadata.CorrelationId ?? "", e.Metadata.CausationId ?? "", e.HeadersJson ?? "", microseconds);
        return Encoding.UTF8.GetBytes(text);
    }
}
