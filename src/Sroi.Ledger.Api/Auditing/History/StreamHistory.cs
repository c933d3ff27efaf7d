using System.Text.Json;
using NodaTime;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Auditing.History;

/// <summary>One event as stored: its place in its stream and in the whole log, who recorded it and why, its payload and chain hash.</summary>
/// <param name="Sequence">The global position in the event log (Marten's <c>seq_id</c>): the order across all streams.</param>
/// <param name="RecordedAt">When the ledger recorded it (the server's clock); business dates are in <paramref name="Data"/>.</param>
/// <param name="Data">The payload exactly as stored.</param>
/// <param name="Hash">SHA-256 of the previous event's hash and this event's canonical bytes, as stored (hex).</param>
/// <param name="ActorName">The person's name from the people directory, now; null for a key, or a person it does not know (or erased). Never part of the event.</param>
/// <param name="ActorDisplay">Who acted in words: "M. de Vries (WSP Rijswijk)", "API-sleutel (Inkoop Den Haag)" (People/ActorDisplay).</param>
/// <param name="ChainHolds">Whether the chain recomputed from the stream's first event up to and including this one holds:
/// false from the first broken link on (<see cref="HistoryChain.FirstBrokenVersion"/>), since every later hash rests on it.</param>
public sealed record HistoryEvent(
    long Version, long Sequence, Guid EventId, string Type, Instant RecordedAt, EventMetadata Metadata, JsonElement Data, string? Hash,
    string? ActorName = null, string? ActorDisplay = null, bool ChainHolds = true)
{
    public static HistoryEvent Of(RecordedEvent e, IReadOnlyDictionary<string, People.Person> people, long? firstBrokenVersion = null)
    {
        using var data = JsonDocument.Parse(e.Data);
        var person = people.GetValueOrDefault(e.Metadata.Actor);
        return new(e.StreamVersion, e.Sequence, e.EventId, e.EventType, e.RecordedAt, e.Metadata, data.RootElement.Clone(),
            e.Hash is null ? null : Convert.ToHexStringLower(e.Hash), person?.DisplayName,
            People.ActorDisplay.Line(e.Metadata.Actor, e.Metadata.ActorRole, e.Metadata.ActorOrganisation, person),
            firstBrokenVersion is not { } broken || e.StreamVersion < broken);
    }
}

/// <summary>The stream's hash chain recomputed over every event it holds now, whatever page or moment is asked for.</summary>
public sealed record HistoryChain(bool Intact, int EventsChecked, long? FirstBrokenVersion);

/// <summary>
/// What every history answers: one page of the stream's events recorded up to <see cref="AsKnownOn"/> (all of them
/// without it), in version order, and the chain. Each stream type's answer adds the state those events fold to.
/// </summary>
/// <param name="Total">How many events were recorded up to <see cref="AsKnownOn"/>: the pages' total.</param>
/// <param name="FoldProblem">Why the events do not fold (a payload edited into a shape no fold reads); the state is then null.</param>
/// <param name="Checkpoint">The municipality's newest signed checkpoint held to this stream as it is now; asked as known on a
/// moment, the newest signed at or before it, held to the events recorded by then. Null when none was signed (by then).</param>
public record StreamHistory(
    string Stream, MunicipalityCode Municipality, Instant? AsKnownOn, HistoryChain Chain,
    IReadOnlyList<HistoryEvent> Events, int Page, int PageSize, long Total, string? FoldProblem, StreamCheckpoint? Checkpoint = null);

/// <summary>What a history is asked for: a recorded moment (or now), a page, and JSON or CSV (which is the whole stream, unpaged).</summary>
public sealed record HistoryQuery(Instant? AsKnownOn, int Page, int PageSize, Exports.ResponseFormat Format = Exports.ResponseFormat.Json);
