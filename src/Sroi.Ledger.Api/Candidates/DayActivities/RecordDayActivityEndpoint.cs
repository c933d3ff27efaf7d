using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Programmes.Enrolling;
using Sroi.Ledger.Api.Time;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Candidates.DayActivities;

public sealed record RecordDayActivityRequest([property: Required] DayActivity? Activity, [property: Required] LocalDate? EffectiveOn);

/// <param name="SchoolLeaver">Null for a candidate not registered as a school leaver.</param>
/// <param name="DayActivities">In effective order; the last is in force.</param>
public sealed record DayActivitiesResponse(CandidateNumber CandidateNumber, SchoolLeaverResponse? SchoolLeaver, IReadOnlyList<DayActivityResponse> DayActivities,
    long Version)
{
    public static DayActivitiesResponse From(CandidateState state, long version) =>
        new(state.CandidateNumber, state.SchoolLeaver is { } s ? new SchoolLeaverResponse(s.SchoolType, s.SchoolYearLeft) : null,
            [.. state.DayActivities.Select(a => new DayActivityResponse(a.Activity, a.EffectiveOn))], version);
}

public sealed record SchoolLeaverResponse(SchoolType SchoolType, string SchoolYearLeft);

public sealed record DayActivityResponse(DayActivity Activity, LocalDate EffectiveOn);

/// <summary>POST /api/v1/candidates/{candidateNumber}/day-activities — what the candidate does by day from a date on.</summary>
public static class RecordDayActivityEndpoint
{
    public static async Task<Results<Written<DayActivitiesResponse>, ProblemHttpResult>> HandleAsync(
        string candidateNumber, JsonBody<RecordDayActivityRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user,
        LedgerWriter writer, IClock clock, CancellationToken ct)
    {
        var (number, badNumber) = CandidatePath.Parse(candidateNumber);
        if (badNumber is not null) return badNumber;
        var errors = body.Errors;
        errors.Required("activity", body.Value.Activity);
        errors.Required("effectiveOn", body.Value.EffectiveOn);
        if (errors.Any) return Problems.BadRequest(errors);

        var caller = Caller.From(user);
        var command = new RecordDayActivity(body.Value.Activity!.Value, body.Value.EffectiveOn!.Value, BusinessCalendar.Today(clock));
        return await writer.WriteAsync<CandidateDocument, Written<DayActivitiesResponse>>(CandidateWrites.Stream(number, caller), caller, headers,
            body.Fingerprint, reason: null, (document, version) => CandidateStateWrites.OnCandidate(document, version, number,
                state => CandidateDecider.Decide(command, state), (state, after) => Answers.Changed(DayActivitiesResponse.From(state, after))), ct);
    }
}
