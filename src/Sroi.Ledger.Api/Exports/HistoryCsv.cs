using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Exports;

/// <summary>
/// A history as CSV: one row per event, the same values as the JSON history's events (<c>gegevens</c> is the payload
/// exactly as stored, the bytes the chain covers; <c>hash</c> in lowercase hex). A row names its stream, so the export
/// of every stream of a municipality is one file. Paging does not apply: the export is the whole stream (as known on
/// <c>asKnownOn</c>), read from the database one row at a time.
/// </summary>
public static class HistoryCsv
{
    public static readonly CsvTable<RecordedEvent> Table = new(
    [
        new("stroom", e => e.StreamId.Value),
        new("versie", e => CsvWriter.Number(e.StreamVersion)),
        new("volgnummer", e => CsvWriter.Number(e.Sequence)),
        new("event_id", e => e.EventId.ToString()),
        new("type", e => e.EventType),
        new("vastgelegd_op", e => CsvWriter.Instant(e.RecordedAt)),
        new("actor", e => e.Metadata.Actor),
        new("reden", e => e.Metadata.Reason),
        new("correlatie_id", e => e.Metadata.CorrelationId),
        new("oorzaak_id", e => e.Metadata.CausationId),
        new("idempotentiesleutel", e => e.Metadata.IdempotencyKey),
        new("gegevens", e => e.Data),
        new("hash", e => e.Hash is null ? null : Convert.ToHexStringLower(e.Hash)),
    ]);

    /// <summary>The stream (or, <paramref name="stream"/> null, every stream of the municipality) as known on the moment, read as it is written.</summary>
    public static CsvExport Export(LedgerEvents events, MunicipalityCode municipality, StreamId? stream, NodaTime.Instant? asKnownOn,
        Func<IAsyncEnumerable<RecordedEvent>, IAsyncEnumerable<RecordedEvent>>? observe = null) =>
        new($"{stream?.Value ?? $"all-streams-{municipality}"}.csv", (writer, ct) =>
        {
            var rows = events.StreamEventsAsync(null, municipality, stream, asKnownOn, ct);
            return Table.WriteAsync(writer, observe is null ? rows : observe(rows), ct);
        });
}
