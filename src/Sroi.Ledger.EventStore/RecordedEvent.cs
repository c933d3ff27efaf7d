using NodaTime;

namespace Sroi.Ledger.EventStore;

/// <summary>An event as stored. <see cref="Data"/> is PostgreSQL's normalised jsonb text.</summary>
public sealed record RecordedEvent(
    long GlobalPosition,
    Guid EventId,
    StreamId StreamId,
    long StreamVersion,
    string EventType,
    string Data,
    EventMetadata Metadata,
    string MetadataJson,
    Instant RecordedAt,
    ulong TransactionId,
    byte[] Hash)
{
    public GlobalCursor Cursor => new(TransactionId, GlobalPosition);
}
