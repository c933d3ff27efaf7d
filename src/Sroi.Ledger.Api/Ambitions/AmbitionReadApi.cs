using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Exports;

namespace Sroi.Ledger.Api.Ambitions;

/// <summary>The history of a municipality's ambition stream at /api/v1/ambitions/history.</summary>
public static class AmbitionReadApi
{
    /// <summary>Read by those who read the reports the ambitions appear in.</summary>
    public static void MapAmbitionReads(RouteGroupBuilder api) =>
        api.MapGet("/ambitions/history", AmbitionHistoryEndpoint.HandleAsync).WithName("getAmbitionHistory").WithTags("Ambitions")
            .WithSummary("Every event of the municipality's ambition stream (paged), the chain verified, and each year's ambition as known on `asKnownOn` (admin: municipality).")
            .RequireRoles(Reports.ReportEndpoints.Readers)
            .WithCsvHeader(HistoryCsv.Table)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
}
