using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.Candidates;

namespace Sroi.Ledger.Api.Candidates.ChangingBenefitAct;

public sealed record ChangeBenefitActRequest([property: Required] BenefitAct? BenefitAct, [property: Required] LocalDate? EffectiveOn);

/// <summary>POST /api/v1/candidates/{candidateNumber}/benefit-act — from a date the benefit falls under another act (Participatiewet, IOAW, IOAZ).</summary>
public static class ChangeBenefitActEndpoint
{
    private static readonly CandidateChange<ChangeBenefitActRequest> Change = new(
        (request, errors) =>
        {
            errors.Required("benefitAct", request.BenefitAct);
            errors.Required("effectiveOn", request.EffectiveOn);
        },
        (request, today, state) => CandidateDecider.Decide(new ChangeBenefitAct(request.BenefitAct!.Value, request.EffectiveOn!.Value, today), state));

    public static Task<Results<Written<CandidateResponse>, ProblemHttpResult>> HandleAsync(
        string candidateNumber, JsonBody<ChangeBenefitActRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user,
        LedgerWriter writer, IClock clock, CancellationToken ct) =>
        Change.WriteAsync(candidateNumber, body, headers, user, writer, clock, ct);
}
