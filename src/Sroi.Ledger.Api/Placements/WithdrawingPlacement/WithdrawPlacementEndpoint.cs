using System.ComponentModel.DataAnnotations;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Placements;
using Sroi.Ledger.Domain.Candidates;
using Wolverine.Http;

namespace Sroi.Ledger.Api.Placements.WithdrawingPlacement;

public sealed record WithdrawPlacementRequest([property: Required, MaxLength(1000)] string? Reason);

/// <summary>
/// POST /api/v1/candidates/{candidateNumber}/placements/{placementId}/withdrawal — the placement was recorded by
/// mistake: it stays in the history and no longer counts anywhere.
/// </summary>
public static class WithdrawPlacementEndpoint
{
    [WolverinePost("/api/v1/candidates/{candidateNumber}/placements/{placementId:guid}/withdrawal", OperationId = "withdrawPlacement")]
    public static async Task<IResult> HandleAsync(string candidateNumber, Guid placementId, HttpContext http, CandidateWriter writer, CancellationToken ct)
    {
        var (number, body, problem) = await CandidatePath.ReadAsync<WithdrawPlacementRequest>(candidateNumber, http.Request, ct);
        if (problem is not null) return problem;
        var errors = new FieldErrors();
        if (!errors.RequiredText("reason", body!.Value.Reason, 1000)) return Problems.BadRequest(errors);

        var command = new WithdrawPlacement(placementId, body.Value.Reason!);
        return await writer.ExecuteAsync(http, new CandidateCommand(number, RegistersNewCandidate: false, body.Fingerprint, body.Value.Reason,
            state => CandidateDecider.Decide(command, state),
            view => PlacementAnswers.Placement(view, placementId, StatusCodes.Status200OK)) { PlacementId = placementId }, ct);
    }

    /// <summary>Wolverine calls this for the endpoint: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain) => chain.Describe("Withdraw a placement recorded by mistake; it no longer counts anywhere.").WithTags("Placements").RequireRoles(Role.Wsp)
            .Accepts<WithdrawPlacementRequest>("application/json")
            .ProducesCandidateChange<PlacementResponse>();
}
