using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Exports;

namespace Sroi.Ledger.Api.BuildingBlocks;

/// <summary>The history of a municipality's building-block table stream at /api/v1/building-block-tables/history.</summary>
public static class BuildingBlockReadApi
{
    public static void MapBuildingBlockReads(RouteGroupBuilder api) =>
        api.MapGet("/building-block-tables/history", BuildingBlockHistoryEndpoint.HandleAsync).WithName("getBuildingBlockTableHistory").WithTags("Building-block tables")
            .WithSummary("Every event of the municipality's building-block table stream (paged), the chain verified, and the versions as known on `asKnownOn` (admin: municipality).")
            .RequireRoles(Role.Admin, Role.Wsp, Role.Inkoop, Role.Auditor, Role.Opdrachtnemer)
            .WithCsvHeader(HistoryCsv.Table)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
}
