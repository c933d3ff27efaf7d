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

namespace Sroi.Ledger.Api.Candidates.EndingBenefit;

public sealed record EndBenefitRequest([property: Required] LocalDate? EffectiveOn, [property: Required] BenefitEndReason? Reason);

/// <summary>POST /api/v1/candidates/{candidateNumber}/benefit-end — the benefit ended (uitstroom), for work income or otherwise.</summary>
public static class EndBenefitEndpoint
{
    public static async Task<Results<Written<CandidateResponse>, ProblemHttpResult>> HandleAsync(
        string candidateNumber, JsonBody<EndBenefitRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user,
        LedgerWriter writer, IClock clock, CancellationToken ct)
    {
        var (number, badNumber) = CandidatePath.Parse(candidateNumber);
        if (badNumber is not null) return badNumber;
        var request = body.Value;
        var errors = body.Errors;
        errors.Required("effectiveOn", request.EffectiveOn);
        errors.Required("reason", request.Reason);
        if (errors.Any) return Problems.BadRequest(errors);

        var caller = Caller.From(user);
        var command = new EndBenefit(request.EffectiveOn!.Value, request.Reason!.Value, BusinessCalendar.Today(clock));
        return await writer.WriteAsync<CandidateDocument, Written<CandidateResponse>>(CandidateWrites.Stream(number, caller), caller, headers,
            body.Fingerprint, CandidateReportTables.Kebab(request.Reason.Value), (document, version) => CandidateWrites.OnCandidate(document, version,
                number, placementId: null, state => CandidateDecider.Decide(command, state), CandidateWrites.Candidate), ct);
    }
}
