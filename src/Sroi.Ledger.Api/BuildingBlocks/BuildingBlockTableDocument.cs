using Sroi.Ledger.Api.EventLog;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using NodaTime;
using Sroi.Ledger.Domain.BuildingBlocks;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.BuildingBlocks;

/// <summary>
/// A municipality's building-block table stream folded once: what the decider decides on, what values a report and
/// what the API lists. Marten keeps it inline (<see cref="BuildingBlockTableFold"/>) in the municipality's tenant.
/// </summary>
/// <param name="StreamVersion">The version of the stream this document folds.</param>
public sealed record BuildingBlockTableDocument(string Id, BuildingBlockTableHistory History, long StreamVersion);

/// <summary>Each table event applied in one place: <see cref="BuildingBlockTableDecider.Evolve"/>.</summary>
public sealed class BuildingBlockTableFold : SingleStreamProjection<BuildingBlockTableDocument, string>
{
    // Streams are named, not typed: the event types say which streams this fold is for.
    public BuildingBlockTableFold() => IncludeType<BuildingBlockTableAdded>();

    // Inline, Marten hands a fold every event of the streams it appends to; only this stream kind's events count.
    public override BuildingBlockTableDocument? Evolve(BuildingBlockTableDocument? document, string id, IEvent e) => e.Data is BuildingBlockTableAdded added
        ? new(id, BuildingBlockTableDecider.Evolve(document?.History ?? BuildingBlockTableHistory.Empty, added), e.Version)
        : document;
}

/// <summary>Building-block tables as the folded documents hold them.</summary>
public static class BuildingBlockTables
{
    /// <summary>The versions of one municipality, or of all (every role may read them), by municipality and date.</summary>
    public static async Task<IReadOnlyList<BuildingBlockTable>> ListAsync(IDocumentStore store, MunicipalityCode? municipality, CancellationToken ct) =>
        [.. (await MunicipalityDocuments.OneOrAllAsync<BuildingBlockTableDocument>(store, municipality, BuildingBlockEvents.StreamOf, ct))
            .SelectMany(d => d.History.Versions).OrderBy(v => v.Municipality.Value, StringComparer.Ordinal).ThenBy(v => v.EffectiveFrom)];

    /// <summary>The version of the municipality's table in force on a date; null when none is.</summary>
    public static async Task<BuildingBlockTable?> InForceAsync(IDocumentStore store, MunicipalityCode municipality, LocalDate date, CancellationToken ct) =>
        (await MunicipalityDocuments.LoadAsync<BuildingBlockTableDocument>(store, municipality, BuildingBlockEvents.StreamOf(municipality), ct))
            ?.History.InForceOn(date);
}
