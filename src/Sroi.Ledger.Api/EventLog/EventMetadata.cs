using System.Text.Json.Serialization;

namespace Sroi.Ledger.Api.EventLog;

/// <summary>
/// Who caused an event and why. Stored in Marten's metadata columns: the actor as <c>user_name</c>, the
/// correlation and causation ids in their columns, the reason and the idempotency key as headers.
/// </summary>
public sealed record EventMetadata(
    [property: JsonPropertyName("actor")] string Actor,
    [property: JsonPropertyName("correlationId")] string? CorrelationId = null,
    [property: JsonPropertyName("causationId")] string? CausationId = null,
    [property: JsonPropertyName("reason")] string? Reason = null,
    [property: JsonPropertyName("idempotencyKey")] string? IdempotencyKey = null)
{
    public const string ReasonHeader = "reason";
    public const string IdempotencyKeyHeader = "idempotencyKey";
}
