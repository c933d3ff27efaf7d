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
        Recompute(events, out var broken);
        return new ChainVerification(streamId, events.Count, broken);
    }

    /// <summary>
    /// The chain recomputed from the events alone, one hash an event, in one pass; <paramref name="firstBroken"/> the first
    /// version whose stored hash differs from it. Up to that version every stored hash equals the recomputed one, so this is
    /// the version at which the stored chain, each link checked against the stored one before it, breaks first.
    /// </summary>
    public static byte[][] Recompute(IReadOnlyList<RecordedEvent> events, out long? firstBroken)
    {
        firstBroken = null;
        var chain = new byte[events.Count][];
        var previous = Array.Empty<byte>();
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1024);
        try
        {
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                var text = CanonicalText(e);
                var length = previous.Length + Encoding.UTF8.GetMaxByteCount(text.Length);
                if (buffer.Length < length)
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                    buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
                }
                previous.CopyTo(buffer, 0);
                var written = previous.Length + Encoding.UTF8.GetBytes(text, 0, text.Length, buffer, previous.Length);
                chain[i] = previous = SHA256.HashData(buffer.AsSpan(0, written));
                if (firstBroken is null && (e.Hash is null || !previous.AsSpan().SequenceEqual(e.Hash)))
                    firstBroken = e.StreamVersion;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
        return chain;
    }

    /// <summary>Must match sroi_event_canonical_bytes in EventLog/event_chain.sql.</summary>
    public static byte[] CanonicalBytes(RecordedEvent e) => Encoding.UTF8.GetBytes(CanonicalText(e));

    private static string CanonicalText(RecordedEvent e)
    {
        var microseconds = e.RecordedAt.ToUnixTimeTicks() / 10;
        return string.Join('\n',
            e.Tenant, e.StreamId.Value, e.StreamVersion, e.EventId.ToString("D"), e.EventType, e.Data,
            e.Metadata.Actor, e.Metadata.CorrelationId ?? "", e.Metadata.CausationId ?? "", e.HeadersJson ?? "", microseconds);
    }
}
