using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Domain.BuildingBlocks;
using Sroi.Ledger.Domain.Shared;

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
        var stream = BuildingBlockEvents.StreamOf(municipality);
        if (await store.StreamVersionAsync(municipality, stream, ct) > 0) return;
        var added = BuildingBlockTableDecider.Decide(DefaultBuildingBlockTables.Haaglanden2023(municipality), BuildingBlockTableHistory.Empty);
        var metadata = new EventMetadata("system:default-building-blocks", Reason: "Table shipped with the service (Haaglanden 2023)");
        try
        {
            await store.AppendAsync(new AppendRequest(municipality, stream, 0, [added], metadata), ct);
        }
        catch (StreamConflictException) { /* seeded by another node a moment ago */ }
    }
}
