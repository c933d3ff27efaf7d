using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Exports;

namespace Sroi.Ledger.Api.Policies;

/// <summary>The history of a municipality's SROI policy stream at /api/v1/sroi-policies/history.</summary>
public static class PolicyReadApi
{
    public static void MapPolicyReads(RouteGroupBuilder api) =>
        api.MapGet("/sroi-policies/history", PolicyHistoryEndpoint.HandleAsync).WithName("getSroiPolicyHistory").WithTags("SROI policies")
            .WithSummary("Every event of the municipality's policy stream (paged), the chain verified, and the versions as known on `asKnownOn` (admin: municipality).")
            .RequireRoles(Role.Admin, Role.Inkoop, Role.Wsp, Role.Auditor, Role.Opdrachtnemer)
            .WithCsvHeader(HistoryCsv.Table)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
}
