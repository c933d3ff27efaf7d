using NodaTime;

namespace Sroi.Ledger.Api.EventLog;

/// <summary>
/// An event as Marten stored it in <c>mt_events</c>, with its link in the hash chain. <see cref="Data"/> and
/// <see cref="HeadersJson"/> are PostgreSQL's normalised jsonb text: the exact bytes the chain covers.
/// </summary>
public sealed record RecordedEvent(
    long Sequence,
    Guid EventId,
    string Tenant,
    StreamId StreamId,
    long StreamVersion,
    string EventType,
    string Data,
    EventMetadata Metadata,
    string? HeadersJson,
    Instant RecordedAt,
    byte[]? Hash);
