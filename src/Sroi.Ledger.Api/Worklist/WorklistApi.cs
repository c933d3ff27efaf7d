using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.RateLimiting;

namespace Sroi.Ledger.Api.Worklist;

/// <summary>The WSP's worklist at /api/v1/worklist.</summary>
public static class WorklistApi
{
    public static void MapWorklist(RouteGroupBuilder api) =>
        api.MapGet("/worklist", WorklistEndpoint.GetAsync).WithName("getWorklist").WithTags("Worklist")
            .WithSummary("The WSP's worklist, oldest first: contracts behind, overdue (ended with a shortfall), settlement due " +
                         "(the repair period after the end has passed without a settlement: `repairPeriodMonths` of the policy version " +
                         "the contract's obligation was decided under, else of the version in force on its award date, else 3 months) " +
                         "and reports pending review; with `kind=plan-missing` only, running contracts still without an approved plan of " +
                         "approach three months after their award " +
                         "(an admin may filter by `municipality`; `kind` keeps one kind; page, pageSize).")
            .RequireRoles(WorklistEndpoint.Readers)
            .IsExpensiveRead()
            .IsGatedPerNode()
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
