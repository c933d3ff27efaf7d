using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Domain.BuildingBlocks;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Api.EventLog;

namespace Sroi.Ledger.Api.BuildingBlocks;

/// <summary>A municipality's building-block table versions are one stream, so a new version is decided against all earlier ones.</summary>
public static class BuildingBlockEvents
{
    public const string VersionAdded = "building-block-table.version-added.v1";

    public static IReadOnlyList<(Type, string)> Mapped { get; } = [(typeof(BuildingBlockTableAdded), VersionAdded)];

    public static StreamId StreamOf(MunicipalityCode municipality) => new($"building-block-table-{municipality}");

    public static BuildingBlockTableAdded Deserialize(RecordedEvent e) => e.EventType == VersionAdded
        ? EventJson.Deserialize<BuildingBlockTableAdded>(e.Data)
        : throw new InvalidOperationException($"Unknown building-block table event type '{e.EventType}'.");

    public static async Task<(BuildingBlockTableHistory History, long Version)> LoadAsync(
        LedgerEvents store, MunicipalityCode municipality, CancellationToken ct)
    {
        var recorded = await store.ReadStreamAsync(municipality, StreamOf(municipality), ct: ct);
        var history = recorded.Select(Deserialize).Aggregate(BuildingBlockTableHistory.Empty, BuildingBlockTableDecider.Evolve);
        return (history, recorded.Count == 0 ? 0 : recorded[^1].StreamVersion);
    }
}
