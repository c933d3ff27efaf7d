using Microsoft.AspNetCore.Http.HttpResults;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Admin.RebuildingProjections;

public sealed record RebuildResponse(IReadOnlyList<RebuiltProjection> Projections);

/// <summary>POST /api/v1/admin/projections/rebuild — an administrator folds every read model again from the event log.</summary>
public static class RebuildProjectionsEndpoint
{
    public static async Task<Results<Ok<RebuildResponse>, ProblemHttpResult>> RebuildAsync(ProjectionRebuild rebuild, CancellationToken ct) =>
        await rebuild.RunAsync(ct) is { } rebuilt
            ? TypedResults.Ok(new RebuildResponse(rebuilt))
            : Problems.Conflict("A rebuild is already running; wait for it to finish.");
}
