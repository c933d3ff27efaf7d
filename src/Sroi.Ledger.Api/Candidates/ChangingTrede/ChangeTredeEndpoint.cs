using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Api.Writing;

namespace Sroi.Ledger.Api.Candidates.ChangingTrede;

public sealed record ChangeTredeRequest(
    [property: Required, Range(1, 6)] int? Trede, [property: Required] LocalDate? EffectiveOn, [property: Required, MaxLength(1000)] string? Reason);

/// <summary>POST /api/v1/candidates/{candidateNumber}/trede-changes — a re-assessment on the participatieladder.</summary>
public static class ChangeTredeEndpoint
{
    private static readonly CandidateChange<ChangeTredeRequest> Change = new(
        (request, errors) =>
        {
            if (errors.Required("trede", request.Trede) && !Participatieladder.IsTrede(request.Trede!.Value))
                errors.Add("trede", "A trede on the participatieladder: 1 to 6.");
            errors.Required("effectiveOn", request.EffectiveOn);
            errors.RequiredText("reason", request.Reason, 1000);
        },
        (request, today, state) => CandidateDecider.Decide(new ChangeTrede(request.Trede!.Value, request.EffectiveOn!.Value, request.Reason!, today), state),
        request => request.Reason);

    public static Task<Results<Written<CandidateResponse>, ProblemHttpResult>> HandleAsync(
        string candidateNumber, JsonBody<ChangeTredeRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user,
        LedgerWriter writer, IClock clock, CancellationToken ct) =>
        Change.WriteAsync(candidateNumber, body, headers, user, writer, clock, ct);
}
