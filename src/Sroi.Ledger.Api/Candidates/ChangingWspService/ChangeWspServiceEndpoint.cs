using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.Candidates;

namespace Sroi.Ledger.Api.Candidates.ChangingWspService;

public sealed record ChangeWspServiceRequest([property: Required] bool? Served, [property: Required] LocalDate? EffectiveOn);

/// <summary>
/// POST /api/v1/candidates/{candidateNumber}/wsp-service — from a date the WSP guides the candidate towards work, or no
/// longer does (what the caseload counts).
/// </summary>
public static class ChangeWspServiceEndpoint
{
    private static readonly CandidateChange<ChangeWspServiceRequest> Change = new(
        (request, errors) =>
        {
            errors.Required("served", request.Served);
            errors.Required("effectiveOn", request.EffectiveOn);
        },
        (request, today, state) => CandidateDecider.Decide(new ChangeWspService(request.Served!.Value, request.EffectiveOn!.Value, today), state));

    public static Task<Results<Written<CandidateResponse>, ProblemHttpResult>> HandleAsync(
        string candidateNumber, JsonBody<ChangeWspServiceRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user,
        LedgerWriter writer, IClock clock, CancellationToken ct) =>
        Change.WriteAsync(candidateNumber, body, headers, user, writer, clock, ct);
}
