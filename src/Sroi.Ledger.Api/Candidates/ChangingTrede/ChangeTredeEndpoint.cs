using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Api.Time;

namespace Sroi.Ledger.Api.Candidates.ChangingTrede;

public sealed record ChangeTredeRequest(
    [property: Required, Range(1, 6)] int? Trede, [property: Required] LocalDate? EffectiveOn, [property: Required, MaxLength(1000)] string? Reason);

/// <summary>POST /api/v1/candidates/{candidateNumber}/trede-changes — a re-assessment on the participatieladder.</summary>
public static class ChangeTredeEndpoint
{
    public static async Task<Results<Written<CandidateResponse>, ProblemHttpResult>> HandleAsync(
        string candidateNumber, JsonBody<ChangeTredeRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user,
        LedgerWriter writer, IClock clock, CancellationToken ct)
    {
        var (number, badNumber) = CandidatePath.Parse(candidateNumber);
        if (badNumber is not null) return badNumber;
        var request = body.Value;
        var errors = body.Errors;
        if (errors.Required("trede", request.Trede) && !Participatieladder.IsTrede(request.Trede!.Value))
            errors.Add("trede", "A trede on the participatieladder: 1 to 6.");
        errors.Required("effectiveOn", request.EffectiveOn);
        errors.RequiredText("reason", request.Reason, 1000);
        if (errors.Any) return Problems.BadRequest(errors);

        var caller = Caller.From(user);
        var command = new ChangeTrede(request.Trede!.Value, request.EffectiveOn!.Value, request.Reason!, BusinessCalendar.Today(clock));
        return await writer.WriteAsync<CandidateDocument, Written<CandidateResponse>>(CandidateWrites.Stream(number, caller), caller, headers,
            body.Fingerprint, request.Reason, (document, version) => CandidateWrites.OnCandidate(document, version, number, placementId: null,
                state => CandidateDecider.Decide(command, state), CandidateWrites.Candidate), ct);
    }
}
