using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.People;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Exports;

/// <summary>
/// A history as CSV: one row per event, the same values as the JSON history's events (<c>gegevens</c> is the payload
/// exactly as stored, the bytes the chain covers; <c>hash</c> in lowercase hex). A row names its stream, so the export
/// of every stream of a municipality is one file. Paging does not apply: the export is the whole stream (as known on
/// <c>asKnownOn</c>), read from the database one row at a time. The last three columns say who acted (issue 19): the
/// role and organisation the event recorded, and the person's name the people directory knows now (read once for the
/// whole export; empty for a key, an erased person or one it does not know) with the display line.
/// </summary>
public static class HistoryCsv
{
    public static readonly CsvTable<HistoryCsvRow> Table = new(
    [
        new("stroom", r => r.Event.StreamId.Value),
        new("versie", r => CsvWriter.Number(r.Event.StreamVersion)),
        new("volgnummer", r => CsvWriter.Number(r.Event.Sequence)),
        new("event_id", r => r.Event.EventId.ToString()),
        new("type", r => r.Event.EventType),
        new("vastgelegd_op", r => CsvWriter.Instant(r.Event.RecordedAt)),
        new("actor", r => r.Event.Metadata.Actor),
        new("reden", r => r.Event.Metadata.Reason),
        new("correlatie_id", r => r.Event.Metadata.CorrelationId),
        new("oorzaak_id", r => r.Event.Metadata.CausationId),
        new("idempotentiesleutel", r => r.Event.Metadata.IdempotencyKey),
        new("gegevens", r => r.Event.Data),
        new("hash", r => r.Event.Hash is null ? null : Convert.ToHexStringLower(r.Event.Hash)),
        new("actor_rol", r => r.Event.Metadata.ActorRole),
        new("actor_organisatie", r => r.Event.Metadata.ActorOrganisation),
        new("actor_naam", r => r.Person?.DisplayName),
        new("actor_weergave", r => ActorDisplay.Line(r.Event.Metadata.Actor, r.Event.Metadata.ActorRole, r.Event.Metadata.ActorOrganisation, r.Person)),
    ]);

    /// <summary>The stream (or, <paramref name="stream"/> null, every stream of the municipality) as known on the moment, read as it is written.</summary>
    public static CsvExport Export(LedgerEvents events, PeopleDirectory people, MunicipalityCode municipality, StreamId? stream, NodaTime.Instant? asKnownOn,
        Func<IAsyncEnumerable<RecordedEvent>, IAsyncEnumerable<RecordedEvent>>? observe = null) =>
        new($"{stream?.Value ?? $"all-streams-{municipality}"}.csv", async (writer, ct) =>
        {
            var persons = await people.ForStreamAsync(municipality, stream, ct);
            var rows = events.StreamEventsAsync(null, municipality, stream, asKnownOn, ct);
            return await Table.WriteAsync(writer, WithPersons(observe is null ? rows : observe(rows), persons), ct);
        });

    private static async IAsyncEnumerable<HistoryCsvRow> WithPersons(IAsyncEnumerable<RecordedEvent> events, IReadOnlyDictionary<string, Person> persons)
    {
        await foreach (var e in events)
            yield return new HistoryCsvRow(e, persons.GetValueOrDefault(e.Metadata.Actor));
    }
}

/// <summary>An event of a history's CSV and the directory's entry for its actor (null for a key, or a person it does not know).</summary>
public sealed record HistoryCsvRow(RecordedEvent Event, Person? Person);
