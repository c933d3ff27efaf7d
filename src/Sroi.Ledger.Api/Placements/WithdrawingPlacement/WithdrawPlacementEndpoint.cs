using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Placements;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Api.Writing;

namespace Sroi.Ledger.Api.Placements.WithdrawingPlacement;

public sealed record WithdrawPlacementRequest([property: Required, MaxLength(1000)] string? Reason);

/// <summary>
/// POST /api/v1/candidates/{candidateNumber}/placements/{placementId}/withdrawal — the placement was recorded by
/// mistake: it stays in the history and no longer counts anywhere.
/// </summary>
public static class WithdrawPlacementEndpoint
{
    public static async Task<Results<Written<PlacementResponse>, ProblemHttpResult>> HandleAsync(
        string candidateNumber, Guid placementId, JsonBody<WithdrawPlacementRequest> body, [AsParameters] WriteHeaders headers,
        ClaimsPrincipal user, LedgerWriter writer, CancellationToken ct)
    {
        var (number, badNumber) = CandidatePath.Parse(candidateNumber);
        if (badNumber is not null) return badNumber;
        if (!body.Errors.RequiredText("reason", body.Value.Reason, 1000) || body.Errors.Any) return Problems.BadRequest(body.Errors);

        var caller = Caller.From(user);
        var command = new WithdrawPlacement(placementId, body.Value.Reason!);
        return await writer.WriteAsync<CandidateDocument, Written<PlacementResponse>>(CandidateWrites.Stream(number, caller), caller, headers,
            body.Fingerprint, body.Value.Reason, (document, version) => CandidateWrites.OnCandidate(document, version, number, placementId,
                state => CandidateDecider.Decide(command, state), candidate => PlacementAnswers.Changed(candidate, placementId)), ct);
    }
}
