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
        // One hash object for the stream: the one-shot SHA256.HashData looks OpenSSL's digest up afresh on every call, a
        // measurable share of hashing a million small events (issue 23).
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                var length = previous.Length + MaxCanonicalBytes(e);
                if (buffer.Length < length)
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                    buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
                }
                previous.CopyTo(buffer, 0);
                var written = previous.Length + WriteCanonical(e, buffer.AsSpan(previous.Length));
                sha256.AppendData(buffer, 0, written);
                chain[i] = previous = sha256.GetHashAndReset();
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
    public static byte[] CanonicalBytes(RecordedEvent e)
    {
        var bytes = new byte[MaxCanonicalBytes(e)];
        return bytes[..WriteCanonical(e, bytes)];
    }

    /// <summary>At least the bytes <see cref="WriteCanonical"/> writes: each text at UTF-8's worst, the numbers and the id at their longest.</summary>
    private static int MaxCanonicalBytes(RecordedEvent e) => Encoding.UTF8.GetMaxByteCount(e.Tenant.Length + e.StreamId.Value.Length + e.EventType.Length
        + e.Data.Length + e.Metadata.Actor.Length + (e.Metadata.CorrelationId?.Length ?? 0) + (e.Metadata.CausationId?.Length ?? 0)
        + (e.HeadersJson?.Length ?? 0)) + 3 * 20 + 36 + 10;

    /// <summary>
    /// The fields joined by a line feed, absent metadata as the empty string, the time in microseconds since 1970, written as
    /// UTF-8 straight into <paramref name="into"/>: no joined string of every event's payload made first and encoded after
    /// (issue 23: the verification hashes every event of the ledger). Returns the bytes written.
    /// </summary>
    private static int WriteCanonical(RecordedEvent e, Span<byte> into)
    {
        var at = 0;
        void Text(string? value, Span<byte> into)
        {
            at += Encoding.UTF8.GetBytes(value ?? "", into[at..]);
            into[at++] = (byte)'\n';
        }
        void Number(long value, Span<byte> into)
        {
            value.TryFormat(into[at..], out var written, default, System.Globalization.CultureInfo.InvariantCulture);
            at += written;
            into[at++] = (byte)'\n';
        }
        Text(e.Tenant, into);
        Text(e.StreamId.Value, into);
        Number(e.StreamVersion, into);
        e.EventId.TryFormat(into[at..], out var id, "D");
        at += id;
        into[at++] = (byte)'\n';
        Text(e.EventType, into);
        Text(e.Data, into);
        Text(e.Metadata.Actor, into);
        Text(e.Metadata.CorrelationId, into);
        Text(e.Metadata.CausationId, into);
        Text(e.HeadersJson, into);
        (e.RecordedAt.ToUnixTimeTicks() / 10).TryFormat(into[at..], out var time, default, System.Globalization.CultureInfo.InvariantCulture);
        return at + time;
    }
}
