using Sroi.Ledger.Api.Admin.RebuildingProjections;
using Sroi.Ledger.Api.Auth;

namespace Sroi.Ledger.Api.Admin;

/// <summary>The administration endpoints under /api/v1/admin.</summary>
public static class AdminApi
{
    public static void MapAdmin(RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").WithTags("Administration");

        admin.MapPost("/projections/rebuild", RebuildProjectionsEndpoint.RebuildAsync).WithName("rebuildProjections")
            .WithSummary("Rebuild every projection from the event log (documents and report tables) while the ledger is written.")
            .RequireRoles(Role.Admin)
            // 409: a rebuild already running, or one a statement error stopped (code rebuild.failed); 503: one rolled back
            // every time it was tried (code rebuild.rolled-back), with Retry-After (Admin/RebuildFailure).
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }
}
