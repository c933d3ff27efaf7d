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
    string MetadataJson,
    Instant RecordedAt,
    ulong TransactionId,
    byte[] Hash)
{
    /// <summary>Parsed when asked for (not cached, so the record stays a plain value): most readers never look at it.</summary>
    public EventMetadata Metadata => System.Text.Json.JsonSerializer.Deserialize<EventMetadata>(MetadataJson, EventStore.MetadataJsonOptions)!;

    public GlobalCursor Cursor => new(TransactionId, GlobalPosition);
}
