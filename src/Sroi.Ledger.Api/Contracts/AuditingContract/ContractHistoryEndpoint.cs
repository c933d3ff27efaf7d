using System.Text.Json;
using NodaTime.Text;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Contracts;
using Wolverine.Http;

namespace Sroi.Ledger.Api.Contracts.AuditingContract;

/// <summary>
/// GET /api/v1/contracts/{id}/history[?knownOn=instant] — for auditors: every event of the contract as stored
/// (type, version, recorded time, metadata, payload), the hash chain recomputed, and the contract as the
/// ledger knew it at that moment (the events recorded up to it as read here, folded by the same Evolve).
/// </summary>
public static class ContractHistoryEndpoint
{
    [WolverineGet("/api/v1/contracts/{id:guid}/history", OperationId = "getContractHistory")]
    public static async Task<IResult> HandleAsync(Guid id, HttpContext http, ContractReader reader, LedgerEvents store, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var knownOn = QueryParameters.OptionalKnownOn(http.Request, errors);
        if (errors.Any) return Problems.BadRequest(errors);

        // The document names the contract's municipality (an admin's key names none); its events are read as stored in that tenant.
        var document = await reader.FindVisibleWithoutReportsAsync(id, http, ct);
        if (document is null) return Problems.NotFound($"Contract {id}");
        var stream = ContractEventTypes.StreamOf(id);
        var all = await store.ReadStreamAsync(document.State.Municipality, stream, ct: ct);
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
            else JsonSerializer.Serialize(json, ContractView.From(ContractDecider.Fold(Deserialized(known)), known[^1].StreamVersion), LedgerJson.Options);
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

    private static IEnumerable<IContractEvent> Deserialized(IEnumerable<RecordedEvent> events) =>
        events.Select(e => ContractEventTypes.Deserialize(e.EventType, e.Data));

    /// <summary>Wolverine calls this for the endpoint: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain) => chain.Describe("Every event as stored, the hash chain verified, and the contract as known on `knownOn`.").WithTags("Contracts").RequireRoles(Role.Auditor, Role.Admin, Role.Inkoop, Role.Wsp)
            .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
