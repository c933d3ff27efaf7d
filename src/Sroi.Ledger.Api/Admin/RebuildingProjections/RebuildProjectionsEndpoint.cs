using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Wolverine.Http;

namespace Sroi.Ledger.Api.Admin.RebuildingProjections;

public sealed record RebuildResponse(IReadOnlyList<RebuiltProjection> Projections);

/// <summary>POST /api/v1/admin/projections/rebuild — an administrator folds every read model again from the event log.</summary>
public static class RebuildProjectionsEndpoint
{
    [WolverinePost("/api/v1/admin/projections/rebuild", OperationId = "rebuildProjections")]
    public static async Task<IResult> RebuildAsync(ProjectionRebuild rebuild, CancellationToken ct) =>
        await rebuild.RunAsync(ct) is { } rebuilt
            ? Results.Json(new RebuildResponse(rebuilt), LedgerJson.Options)
            : Problems.Conflict("A rebuild is already running; wait for it to finish.");

    /// <summary>Wolverine calls this for the endpoint: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain) => chain
        .Describe("Rebuild every projection from the event log (documents and report tables); writes answer 503 meanwhile.")
        .RequireRoles(Role.Admin).WithTags("Administration")
        .Produces<RebuildResponse>().ProducesProblem(StatusCodes.Status409Conflict);
}
