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
    bool? ServedByWsp = null)
{
    /// <summary>Issue 22: the candidate left praktijkonderwijs or VSO; recorded by its own event in the registration's append.</summary>
    public SchoolLeaverRequest? SchoolLeaver { get; init; }
}

/// <param name="SchoolYearLeft">The school year the candidate left in, e.g. 2017-2018.</param>
public sealed record SchoolLeaverRequest(
    [property: Required] SchoolType? SchoolType,
    [property: Required, RegularExpression(SchoolYears.Pattern)] string? SchoolYearLeft);

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
        // Issue 22: school leavers.
        if (request.SchoolLeaver is { } leaver)
        {
            errors.Required("schoolLeaver.schoolType", leaver.SchoolType);
            if (errors.RequiredText("schoolLeaver.schoolYearLeft", leaver.SchoolYearLeft, 9) && !SchoolYears.IsSchoolYear(leaver.SchoolYearLeft))
                errors.Add("schoolLeaver.schoolYearLeft", SchoolYears.Message);
        }
        if (errors.Any) return Problems.BadRequest(errors);

        var caller = Caller.From(user);
        if (request.Municipality != caller.Municipality)
            return Problems.Forbidden($"This key registers candidates in {caller.Municipality} only.");

        var number = request.CandidateNumber!.Value;
        var command = new RegisterCandidate(number, request.Municipality!.Value, request.RegisteredOn!.Value, request.Trede!.Value,
            request.TargetGroup!.Value, request.BenefitSince, BusinessCalendar.Today(clock), request.BenefitAct, request.ServedByWsp);
        var schoolLeaver = request.SchoolLeaver is { } named
            ? new RecordSchoolLeaver(named.SchoolType!.Value, named.SchoolYearLeft!, command.Today) : null;
        return await writer.WriteAsync<CandidateDocument, WrittenNew<CandidateResponse>>(CandidateWrites.Stream(number, caller), caller, headers,
            body.Fingerprint, reason: null, (document, version) => CandidateWrites.Registering(document, version,
                state => Register(command, schoolLeaver, state), candidate => Answers.Created(candidate, CandidateWrites.PathOf(number))), ct);
    }

    /// <summary>
    /// The registration, and for a school leaver its own event after it in the same append: <c>candidate.registered.v1</c>
    /// keeps its shape, and a registration is a school leaver's from its first version on.
    /// </summary>
    private static IReadOnlyList<ICandidateEvent> Register(RegisterCandidate command, RecordSchoolLeaver? schoolLeaver, CandidateState state)
    {
        var registered = CandidateDecider.Decide(command, state);
        if (schoolLeaver is null) return registered;
        return [.. registered, .. CandidateDecider.Decide(schoolLeaver, registered.Aggregate(state, CandidateDecider.Evolve))];
    }
}
