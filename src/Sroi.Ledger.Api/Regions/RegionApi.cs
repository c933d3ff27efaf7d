using Microsoft.AspNetCore.Http.HttpResults;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Regions;

/// <summary>
/// <c>GET /api/v1/regions</c> and <c>/regions/{code}</c>: the regions a regional contract's participants must belong to
/// (issue 21). Shipped data, the same for every signed-in role, like the municipality table.
/// </summary>
public static class RegionApi
{
    public static void MapRegions(RouteGroupBuilder api)
    {
        var regions = api.MapGroup("/regions").WithTags("Regions");

        regions.MapGet("", () => TypedResults.Ok<IReadOnlyList<RegionResponse>>([.. ShippedRegions.All.Select(RegionResponse.From)]))
            .WithName("listRegions")
            .WithSummary("The regions (arbeidsmarktregio's) shipped with the service, by code: each as it is today (its newest version: name and member municipalities) with every version it had.")
            .WithDescription("A regional contract (`POST /contracts` with `scope: regional`) names participating municipalities that are all members of one region, " +
                "in the version in force on the award date; the contract's event records that version (`haaglanden.v1`). A version is never edited: a change of members is a new version.")
            .RequireRoles(Enum.GetValues<Role>());

        regions.MapGet("/{code}", RegionEndpoints.GetAsync).WithName("getRegion")
            .WithSummary("One region by its code (`haaglanden`, `holland-rijnland`): its members today and every version.")
            .RequireRoles(Enum.GetValues<Role>())
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

public static class RegionEndpoints
{
    public static Results<Ok<RegionResponse>, ProblemHttpResult> GetAsync(string code) =>
        ShippedRegions.Find(code) is { } region ? TypedResults.Ok(RegionResponse.From(region)) : Problems.NotFound($"Region {code}");
}
