using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.OpenApi;
using Sroi.Ledger.Api.Time;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.Candidates;

namespace Sroi.Ledger.Api.Placements.CorrectingPlacementEnd;

/// <summary>Exactly one of <see cref="EndedOn"/> and <see cref="NotEnded"/>: a forgotten date must not silently undo an end.</summary>
[RequiredWhen("endedOn", "notEnded is not true (refused when it is)")]
public sealed record CorrectPlacementEndRequest(
    [property: Description("The correct end date; or give notEnded instead.")] LocalDate? EndedOn,
    [property: Description("true: the placement has not ended, its end was recorded by mistake; or give endedOn instead.")] bool? NotEnded,
    [property: Required, MaxLength(1000)] string? Reason);

/// <summary>
/// POST /api/v1/candidates/{candidateNumber}/placements/{placementId}/end-correction — the recorded end was wrong: another
/// date, or none. Durable placements (and every report) then measure the placement as corrected.
/// </summary>
public static class CorrectPlacementEndEndpoint
{
    public static async Task<Results<Written<PlacementResponse>, ProblemHttpResult>> HandleAsync(
        string candidateNumber, Guid placementId, JsonBody<CorrectPlacementEndRequest> body, [AsParameters] WriteHeaders headers,
        ClaimsPrincipal user, LedgerWriter writer, IClock clock, CancellationToken ct)
    {
        var (number, badNumber) = CandidatePath.Parse(candidateNumber);
        if (badNumber is not null) return badNumber;
        var errors = body.Errors;
        errors.RequiredText("reason", body.Value.Reason, 1000);
        if ((body.Value.EndedOn is not null) == (body.Value.NotEnded == true))
            errors.Add("endedOn", "Give the correct end date (endedOn), or notEnded: true when the placement has not ended; one of the two.");
        if (errors.Any) return Problems.BadRequest(errors);

        var caller = Caller.From(user);
        var command = new CorrectPlacementEnd(placementId, body.Value.EndedOn, body.Value.Reason!, BusinessCalendar.Today(clock));
        return await writer.WriteAsync<CandidateDocument, Written<PlacementResponse>>(CandidateWrites.Stream(number, caller), caller, headers,
            body.Fingerprint, body.Value.Reason, (document, version) => CandidateWrites.OnCandidate(document, version, number, placementId,
                state => CandidateDecider.Decide(command, state), candidate => PlacementAnswers.Changed(candidate, placementId)), ct);
    }
}
