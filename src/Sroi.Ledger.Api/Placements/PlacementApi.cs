using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Placements.CorrectingPlacement;
using Sroi.Ledger.Api.Placements.CorrectingPlacementEnd;
using Sroi.Ledger.Api.Placements.EndingPlacement;
using Sroi.Ledger.Api.Placements.RecordingPlacement;
using Sroi.Ledger.Api.Placements.WithdrawingPlacement;

namespace Sroi.Ledger.Api.Placements;

/// <summary>Placements live in their candidate's stream, so their routes are under the candidate.</summary>
public static class PlacementApi
{
    public static void MapPlacements(RouteGroupBuilder api)
    {
        var placements = api.MapGroup("/candidates/{candidateNumber}/placements").WithTags("Placements");

        placements.MapPost("", RecordPlacementEndpoint.HandleAsync).WithName("recordPlacement")
            .WithSummary("Record a placement on work; channel sroi names the SROI contract.")
            .RequireRoles(Role.Wsp)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesLedgerWriteProblems();

        placements.MapPost("/{placementId:guid}/end", EndPlacementEndpoint.HandleAsync).WithName("endPlacement")
            .WithSummary("Record the end of a placement.")
            .RequireRoles(Role.Wsp)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesLedgerWriteProblems();

        placements.MapPost("/{placementId:guid}/correction", CorrectPlacementEndpoint.HandleAsync).WithName("correctPlacement")
            .WithSummary("Correct start date, hours, fulltime, kind or channel; it then counts in its corrected year.")
            .RequireRoles(Role.Wsp)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesLedgerWriteProblems();

        placements.MapPost("/{placementId:guid}/withdrawal", WithdrawPlacementEndpoint.HandleAsync).WithName("withdrawPlacement")
            .WithSummary("Withdraw a placement recorded by mistake; it no longer counts anywhere.")
            .RequireRoles(Role.Wsp)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesLedgerWriteProblems();

        placements.MapPost("/{placementId:guid}/end-correction", CorrectPlacementEndEndpoint.HandleAsync).WithName("correctPlacementEnd")
            .WithSummary("Correct the recorded end of a placement: another date, or endedOn null when it has not ended.")
            .RequireRoles(Role.Wsp)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesLedgerWriteProblems();
    }
}
