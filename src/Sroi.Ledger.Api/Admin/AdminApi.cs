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
            .WithSummary("Rebuild every projection from the event log (documents and report tables); writes answer 503 meanwhile.")
            .RequireRoles(Role.Admin)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
