using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Exports;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.RateLimiting;

namespace Sroi.Ledger.Api.Policies;

/// <summary>The SROI policy endpoints under /api/v1/sroi-policies: who may call each, and what it is.</summary>
public static class PolicyApi
{
    public static void MapPolicies(RouteGroupBuilder api)
    {
        var policies = api.MapGroup("/sroi-policies").WithTags("SROI policies");

        policies.MapGet("", PolicyEndpoints.ListAsync).WithName("listSroiPolicies")
            .WithSummary("Policy versions (an admin: all, or of `municipality`; any other key: its own municipality's, naming another is 403), each with the monitoring terms its contracts are held to.")
            .RequireRoles(Role.Admin, Role.Inkoop, Role.Wsp, Role.Auditor, Role.Opdrachtnemer);

        policies.MapPost("", PolicyEndpoints.AddAsync).WithName("addSroiPolicyVersion")
            .WithSummary("Add a policy version with its effective date; versions are never edited. Its monitoring terms: " +
                "`reportingIntervalMonths` (a report is expected every so many months from a contract's `startsOn`; 1–24, default 6) " +
                "and `repairPeriodMonths` (the months after `endsOn` in which a shortfall may still be made up before a settlement is due; 0–24, default 3). " +
                "Optionally `pso` (issue 21): `reductions` [{level, percentage}] reduce a PSO-certified contractor's obligation for the days its " +
                "certificate is valid under this version; `purchaseShares` [{level, percentage}] count a purchase from a certified supplier as " +
                "social procurement at that share of its amount excl. VAT (when more than the building-block table gives). Left out: PSO does nothing.")
            .RequireRoles(Role.Admin)
            .ProducesLedgerWriteProblems();

        policies.MapGet("/history", PolicyHistoryEndpoint.HandleAsync).WithName("getSroiPolicyHistory").IsExpensiveRead()
            .WithSummary("Every event of the municipality's policy stream (paged), the chain verified, and the versions as known on `asKnownOn` (admin: municipality).")
            .RequireRoles(Role.Admin, Role.Inkoop, Role.Wsp, Role.Auditor, Role.Opdrachtnemer)
            .WithCsvHeader(HistoryCsv.Table)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }
}
