using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Api.Time;

namespace Sroi.Ledger.Api.Candidates.RegisteringCandidate;

/// <summary>Nothing else about the person: a pseudonymous number, the municipality, dates, trede and target group.</summary>
/// <param name="BenefitAct">The act of a municipal benefit (target group participatiewet, with benefitSince); default participatiewet.</param>
/// <param name="ServedByWsp">Whether the WSP guides the candidate towards work; default true.</param>
public sealed record RegisterCandidateRequest(
    [property: Required] CandidateNumber? CandidateNumber,
    [property: Required] MunicipalityCode? Municipality,
    [property: Required] LocalDate? RegisteredOn,
    [property: Required, Range(1, 6)] int? Trede,
    [property: Required] TargetGroup? TargetGroup,
    LocalDate? BenefitSince,
    BenefitAct? BenefitAct = null,
    bool? ServedByWsp = null);

/// <summary>POST /api/v1/candidates — the WSP registers a candidate in its own municipality.</summary>
public static class RegisterCandidateEndpoint
{
    public static async Task<Results<WrittenNew<CandidateResponse>, ProblemHttpResult>> HandleAsync(
        JsonBody<RegisterCandidateRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user,
        LedgerWriter writer, IClock clock, CancellationToken ct)
    {
        var request = body.Value;
        var errors = body.Errors;
        errors.Required("candidateNumber", request.CandidateNumber);
        errors.Required("municipality", request.Municipality);
        errors.Required("registeredOn", request.RegisteredOn);
        if (errors.Required("trede", request.Trede) && !Participatieladder.IsTrede(request.Trede!.Value))
            errors.Add("trede", "A trede on the participatieladder: 1 to 6.");
        errors.Required("targetGroup", request.TargetGroup);
        if (errors.Any) return Problems.BadRequest(errors);

        var caller = Caller.From(user);
        if (request.Municipality != caller.Municipality)
            return Problems.Forbidden($"This key registers candidates in {caller.Municipality} only.");

        var number = request.CandidateNumber!.Value;
        var command = new RegisterCandidate(number, request.Municipality!.Value, request.RegisteredOn!.Value, request.Trede!.Value,
            request.TargetGroup!.Value, request.BenefitSince, BusinessCalendar.Today(clock), request.BenefitAct, request.ServedByWsp);
        return await writer.WriteAsync<CandidateDocument, WrittenNew<CandidateResponse>>(CandidateWrites.Stream(number, caller), caller, headers,
            body.Fingerprint, reason: null, (document, version) => CandidateWrites.Registering(document, version,
                state => CandidateDecider.Decide(command, state), candidate => Answers.Created(candidate, CandidateWrites.PathOf(number))), ct);
    }
}
