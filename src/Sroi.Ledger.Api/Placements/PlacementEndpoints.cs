using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.Candidates.ReadingCandidates;
using Sroi.Ledger.Api.Placements.CorrectingPlacement;
using Sroi.Ledger.Api.Placements.EndingPlacement;
using Sroi.Ledger.Api.Placements.RecordingPlacement;
using Sroi.Ledger.Api.Placements.WithdrawingPlacement;

namespace Sroi.Ledger.Api.Placements;

/// <summary>Placements live in their candidate's stream, so their routes are under the candidate.</summary>
public static class PlacementEndpoints
{
    public static void MapPlacements(this IEndpointRouteBuilder api)
    {
        var placements = api.MapGroup("/candidates/{candidateNumber}/placements").WithTags("Placements");

        placements.MapPost("/", RecordPlacementEndpoint.HandleAsync).RequireRoles(Role.Wsp)
            .WithName("recordPlacement").WithSummary("Record a placement on work; channel sroi names the SROI contract.")
            .Accepts<RecordPlacementRequest>("application/json")
            .ProducesCandidateChange<PlacementResponse>(StatusCodes.Status201Created);

        placements.MapGet("/{placementId:guid}", CandidateQueries.GetPlacementAsync).RequireRoles(CandidateEndpoints.Readers)
            .WithName("getPlacement").WithSummary("One placement as it stands; ETag is the candidate's version (admin: municipality).")
            .Produces<PlacementResponse>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        placements.MapPost("/{placementId:guid}/end", EndPlacementEndpoint.HandleAsync).RequireRoles(Role.Wsp)
            .WithName("endPlacement").WithSummary("Record the end of a placement.")
            .Accepts<EndPlacementRequest>("application/json")
            .ProducesCandidateChange<PlacementResponse>();

        placements.MapPost("/{placementId:guid}/correction", CorrectPlacementEndpoint.HandleAsync).RequireRoles(Role.Wsp)
            .WithName("correctPlacement").WithSummary("Correct start date, hours, fulltime, kind or channel; it then counts in its corrected year.")
            .Accepts<CorrectPlacementRequest>("application/json")
            .ProducesCandidateChange<PlacementResponse>();

        placements.MapPost("/{placementId:guid}/withdrawal", WithdrawPlacementEndpoint.HandleAsync).RequireRoles(Role.Wsp)
            .WithName("withdrawPlacement").WithSummary("Withdraw a placement recorded by mistake; it no longer counts anywhere.")
            .Accepts<WithdrawPlacementRequest>("application/json")
            .ProducesCandidateChange<PlacementResponse>();
    }
}
