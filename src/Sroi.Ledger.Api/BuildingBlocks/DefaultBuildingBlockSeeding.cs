using Sroi.Ledger.Domain.BuildingBlocks;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Api.EventLog;

namespace Sroi.Ledger.Api.BuildingBlocks;

/// <summary>
/// Records the shipped Haaglanden 2023 table for Rijswijk the first time the service starts on a database, as
/// events like any other version. Several nodes starting at once race on the new stream; a loser's conflict
/// means "already seeded".
/// </summary>
public static class DefaultBuildingBlockSeeding
{
    public static async Task SeedAsync(LedgerEvents store, CancellationToken ct)
    {
        var municipality = MunicipalityCode.Rijswijk;
        var (history, version) = await BuildingBlockEvents.LoadAsync(store, municipality, ct);
        if (version > 0) return;
        var added = BuildingBlockTableDecider.Decide(DefaultBuildingBlockTables.Haaglanden2023(municipality), history);
        var metadata = new EventMetadata("system:default-building-blocks", Reason: "Table shipped with the service (Haaglanden 2023)");
        try
        {
            await store.AppendAsync(new AppendRequest(municipality, BuildingBlockEvents.StreamOf(municipality), 0, [added], metadata)
            {
                SameTransaction = [BuildingBlockProjection.Insert(added.Table)],
            }, ct);
        }
        catch (StreamConflictException) { /* seeded by another node a moment ago */ }
    }
}
