using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.EventLog;

namespace Sroi.Ledger.Api.Contracts.AuditingContract;

/// <summary>
/// GET /api/v1/contracts/{id}/history[?knownOn=instant] — for auditors: every event of the contract as stored
/// (type, version, recorded time, metadata, payload), the hash chain recomputed, and the contract as the
/// ledger knew it at that moment (the events recorded up to it, folded).
/// </summary>
public static class ContractHistoryEndpoint
{
    public static async Task<IResult> HandleAsync(Guid id, HttpContext http, ContractReader reader, LedgerEvents store, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var knownOn = QueryParameters.OptionalKnownOn(http.Request, errors);
        if (errors.Any) return Problems.BadRequest(errors);

        // The read row names the contract's municipality (an admin's key names none); its events are read in that tenant.
        var row = await reader.FindVisibleAsync(id, http, ct);
        if (row is null) return Problems.NotFound($"Contract {id}");
        var stream = ContractEventTypes.StreamOf(id);
        var all = await store.ReadStreamAsync(Domain.Shared.MunicipalityCode.Parse(row.Municipality), stream, ct: ct);
        if (all.Count == 0) return Problems.NotFound($"Contract {id}");

        var known = knownOn is { } moment ? all.Where(e => e.RecordedAt <= moment).ToList() : all;
        var chain = EventChainVerifier.Verify(stream, all);

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("contractId", id);
            if (knownOn is { } asOf) json.WriteString("knownOn", InstantPattern.ExtendedIso.Format(asOf));
            json.WritePropertyName("chain");
            JsonSerializer.Serialize(json, new { intact = chain.IsIntact, eventsChecked = chain.EventsChecked, firstBrokenVersion = chain.FirstBrokenVersion });
            json.WritePropertyName("contract");
            if (known.Count == 0) json.WriteNullValue();
            else JsonSerializer.Serialize(json, ContractView.From(Deserialized(known), known[^1].StreamVersion), LedgerJson.Options);
            json.WriteStartArray("events");
            foreach (var e in known)
            {
                json.WriteStartObject();
                json.WriteNumber("version", e.StreamVersion);
                json.WriteString("eventId", e.EventId);
                json.WriteString("type", e.EventType);
                json.WriteString("recordedAt", InstantPattern.ExtendedIso.Format(e.RecordedAt));
                json.WriteString("hash", e.Hash is null ? null : Convert.ToHexStringLower(e.Hash));
                json.WritePropertyName("metadata");
                JsonSerializer.Serialize(json, e.Metadata, MetadataJson);
                json.WritePropertyName("data");
                json.WriteRawValue(e.Data, skipInputValidation: true);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Results.Bytes(buffer.WrittenMemory.ToArray(), "application/json");
    }

    private static readonly JsonSerializerOptions MetadataJson = new()
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static IEnumerable<Domain.Contracts.IContractEvent> Deserialized(IEnumerable<RecordedEvent> events) =>
        events.Select(e => ContractEventTypes.Deserialize(e.EventType, e.Data));
}
