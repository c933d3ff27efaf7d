using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Api.Writing;

namespace Sroi.Ledger.Api.Candidates.EndingBenefit;

public sealed record EndBenefitRequest([property: Required] LocalDate? EffectiveOn, [property: Required] BenefitEndReason? Reason);

/// <summary>POST /api/v1/candidates/{candidateNumber}/benefit-end — the benefit ended (uitstroom), for work income or otherwise.</summary>
public static class EndBenefitEndpoint
{
    private static readonly CandidateChange<EndBenefitRequest> Change = new(
        (request, errors) =>
        {
            errors.Required("effectiveOn", request.EffectiveOn);
            errors.Required("reason", request.Reason);
        },
        (request, today, state) => CandidateDecider.Decide(new EndBenefit(request.EffectiveOn!.Value, request.Reason!.Value, today), state),
        request => CandidateReportTables.Kebab(request.Reason!.Value));

    public static Task<Results<Written<CandidateResponse>, ProblemHttpResult>> HandleAsync(
        string candidateNumber, JsonBody<EndBenefitRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user,
        LedgerWriter writer, IClock clock, CancellationToken ct) =>
        Change.WriteAsync(candidateNumber, body, headers, user, writer, clock, ct);
}
