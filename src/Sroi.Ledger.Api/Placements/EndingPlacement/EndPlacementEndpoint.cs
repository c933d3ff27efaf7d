using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Placements;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Api.Time;

namespace Sroi.Ledger.Api.Placements.EndingPlacement;

public sealed record EndPlacementRequest([property: Required] LocalDate? EndedOn, [property: Required, MaxLength(1000)] string? Reason);

/// <summary>POST /api/v1/candidates/{candidateNumber}/placements/{placementId}/end — the work ended.</summary>
public static class EndPlacementEndpoint
{
    public static async Task<Results<Written<PlacementResponse>, ProblemHttpResult>> HandleAsync(
        string candidateNumber, Guid placementId, JsonBody<EndPlacementRequest> body, [AsParameters] WriteHeaders headers,
        ClaimsPrincipal user, LedgerWriter writer, IClock clock, CancellationToken ct)
    {
        var (number, badNumber) = CandidatePath.Parse(candidateNumber);
        if (badNumber is not null) return badNumber;
        var errors = body.Errors;
        errors.Required("endedOn", body.Value.EndedOn);
        errors.RequiredText("reason", body.Value.Reason, 1000);
        if (errors.Any) return Problems.BadRequest(errors);

        var caller = Caller.From(user);
        var command = new EndPlacement(placementId, body.Value.EndedOn!.Value, body.Value.Reason!, BusinessCalendar.Today(clock));
        return await writer.WriteAsync<CandidateDocument, Written<PlacementResponse>>(CandidateWrites.Stream(number, caller), caller, headers,
            body.Fingerprint, body.Value.Reason, (document, version) => CandidateWrites.OnCandidate(document, version, number, placementId,
                state => CandidateDecider.Decide(command, state), candidate => PlacementAnswers.Changed(candidate, placementId)), ct);
    }
}
