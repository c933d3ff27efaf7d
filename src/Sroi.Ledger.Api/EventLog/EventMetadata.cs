using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.EventLog;

/// <summary>
/// Who caused an event and why. Stored in Marten's metadata columns: the actor as <c>user_name</c>, the
/// correlation and causation ids in their columns, the reason, the idempotency key and what the actor acted as (role and
/// organisation) as headers. The headers are part of the bytes each event's chain hash covers, so none can be changed
/// afterwards; an event from before issue 19 simply has no actorRole or actorOrganisation.
/// </summary>
/// <param name="Actor">Pseudonymous: <c>inkoop:&lt;keyId&gt;</c> for an API key, <c>person:&lt;hash&gt;</c> for a person. Never a name.</param>
/// <param name="ActorRole">The role the actor acted in (inkoop, wsp, auditor, admin, opdrachtnemer); null for the service's own writes.</param>
/// <param name="ActorOrganisation">For whom: a CBS code (<c>GM0603</c>), <c>KvK 12345678</c> for a contractor, null for admin.</param>
public sealed record EventMetadata(
    [property: JsonPropertyName("actor")] string Actor,
    [property: JsonPropertyName("correlationId")] string? CorrelationId = null,
    [property: JsonPropertyName("causationId")] string? CausationId = null,
    [property: JsonPropertyName("reason")] string? Reason = null,
    [property: JsonPropertyName("idempotencyKey")] string? IdempotencyKey = null,
    [property: JsonPropertyName("actorRole")] string? ActorRole = null,
    [property: JsonPropertyName("actorOrganisation")] string? ActorOrganisation = null)
{
    public const string ReasonHeader = "reason";
    public const string IdempotencyKeyHeader = "idempotencyKey";
    public const string ActorRoleHeader = "actorRole";
    public const string ActorOrganisationHeader = "actorOrganisation";

    /// <summary>
    /// The Idempotency-Key as the events record it: as sent, unless its digits hold a BSN-like run (about one random UUID in
    /// 120 does, by chance). Such a key still answers its retries from <c>idempotency_keys</c>, which is not part of the
    /// immutable ledger, but the events get only <c>sha256:</c> and the key's SHA-256 in hex: a client can match it, the
    /// number never enters an event.
    /// </summary>
    public static string RecordedIdempotencyKey(string key) =>
        BsnScreen.ContainsBsn(key) ? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))) : key;
}
