using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Time;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.Candidates;

namespace Sroi.Ledger.Api.Candidates.ChangingBenefitAct;

public sealed record ChangeBenefitActRequest([property: Required] BenefitAct? BenefitAct, [property: Required] LocalDate? EffectiveOn);

/// <summary>POST /api/v1/candidates/{candidateNumber}/benefit-act — from a date the benefit falls under another act (Participatiewet, IOAW, IOAZ).</summary>
public static class ChangeBenefitActEndpoint
{
    public static async Task<Results<Written<CandidateResponse>, ProblemHttpResult>> HandleAsync(
        string candidateNumber, JsonBody<ChangeBenefitActRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user,
        LedgerWriter writer, IClock clock, CancellationToken ct)
    {
        var (number, badNumber) = CandidatePath.Parse(candidateNumber);
        if (badNumber is not null) return badNumber;
        var request = body.Value;
        var errors = body.Errors;
        errors.Required("benefitAct", request.BenefitAct);
        errors.Required("effectiveOn", request.EffectiveOn);
        if (errors.Any) return Problems.BadRequest(errors);

        var caller = Caller.From(user);
        var command = new ChangeBenefitAct(request.BenefitAct!.Value, request.EffectiveOn!.Value, BusinessCalendar.Today(clock));
        return await writer.WriteAsync<CandidateDocument, Written<CandidateResponse>>(CandidateWrites.Stream(number, caller), caller, headers,
            body.Fingerprint, reason: null, (document, version) => CandidateWrites.OnCandidate(document, version,
                number, placementId: null, state => CandidateDecider.Decide(command, state), CandidateWrites.Candidate), ct);
    }
}
