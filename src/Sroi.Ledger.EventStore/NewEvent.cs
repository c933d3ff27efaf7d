namespace Sroi.Ledger.EventStore;

/// <summary>An event about to be appended: its stable type name and its JSON payload.</summary>
public sealed record NewEvent(Guid EventId, string EventType, string Data, EventMetadata Metadata);
