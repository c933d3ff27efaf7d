using System.Text.Json.Serialization;

namespace Sroi.Ledger.EventStore;

/// <summary>Who caused an event and why. Stored beside every event as jsonb.</summary>
public sealed record EventMetadata(
    [property: JsonPropertyName("actor")] string Actor,
    [property: JsonPropertyName("correlationId")] string? CorrelationId = null,
    [property: JsonPropertyName("causationId")] string? CausationId = null,
    [property: JsonPropertyName("reason")] string? Reason = null,
    [property: JsonPropertyName("idempotencyKey")] string? IdempotencyKey = null);
