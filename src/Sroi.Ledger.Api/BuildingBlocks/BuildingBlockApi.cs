using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Exports;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.RateLimiting;

namespace Sroi.Ledger.Api.BuildingBlocks;

/// <summary>The building-block table endpoints under /api/v1/building-block-tables: who may call each, and what it is.</summary>
public static class BuildingBlockApi
{
    public static void MapBuildingBlocks(RouteGroupBuilder api)
    {
        var tables = api.MapGroup("/building-block-tables").WithTags("Building-block tables");

        tables.MapGet("", BuildingBlockEndpoints.ListAsync).WithName("listBuildingBlockTables")
            .WithSummary("Building-block table versions (an admin: all, or of `municipality`; any other key: its own municipality's, naming another is 403).")
            .RequireRoles(BuildingBlockEndpoints.Readers);

        tables.MapGet("/{id}", BuildingBlockEndpoints.GetAsync).WithName("getBuildingBlockTable")
            .WithSummary("One table version by its id, e.g. GM0603-bouwblokken-v1.")
            .RequireRoles(BuildingBlockEndpoints.Readers)
            .ProducesProblem(StatusCodes.Status404NotFound);

        tables.MapPost("", BuildingBlockEndpoints.AddAsync).WithName("addBuildingBlockTable")
            .WithSummary("Add a table version with its effective date; versions are never edited.")
            .RequireRoles(Role.Admin, Role.Wsp)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesLedgerWriteProblems();

        tables.MapGet("/history", BuildingBlockHistoryEndpoint.HandleAsync).WithName("getBuildingBlockTableHistory").IsExpensiveRead()
            .WithSummary("Every event of the municipality's building-block table stream (paged), the chain verified, and the versions as known on `asKnownOn` (admin: municipality).")
            .RequireRoles(Role.Admin, Role.Wsp, Role.Inkoop, Role.Auditor, Role.Opdrachtnemer)
            .WithCsvHeader(HistoryCsv.Table)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }
}
