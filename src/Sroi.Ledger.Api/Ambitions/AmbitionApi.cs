using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Exports;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.RateLimiting;

namespace Sroi.Ledger.Api.Ambitions;

/// <summary>The ambition endpoints under /api/v1/ambitions: who may call each, and what it is.</summary>
public static class AmbitionApi
{
    public static void MapAmbitions(RouteGroupBuilder api)
    {
        var ambitions = api.MapGroup("/ambitions").WithTags("Ambitions");

        ambitions.MapPut("/{year:int}", SetAmbitionEndpoint.HandleAsync).WithName("setAmbition")
            .WithSummary("Set a year's ambition: placements and SROI placements (a wsp key: its own municipality).")
            .RequireRoles(Role.Wsp, Role.Admin)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesLedgerWriteProblems();

        // Read by those who read the reports the ambitions appear in.
        ambitions.MapGet("/history", AmbitionHistoryEndpoint.HandleAsync).WithName("getAmbitionHistory").IsExpensiveRead()
            .WithSummary("Every event of the municipality's ambition stream (paged), the chain verified, and each year's ambition as known on `asKnownOn` (admin: municipality).")
            .RequireRoles(Reports.ReportEndpoints.Readers)
            .WithCsvHeader(HistoryCsv.Table)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }
}
