using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.Candidates.DayActivities;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Programmes.Enrolling;

/// <summary>
/// GET a candidate's enrolments on a programme, or their school-leaver fact and day activities, from the candidate's
/// folded document (or with <c>?asKnownOn=</c> the fold of the events recorded by then); the ETag is the stream's version.
/// </summary>
public static class CandidateProgrammeQueries
{
    public static async Task<Results<Versioned<CandidateProgrammeResponse>, ProblemHttpResult>> EnrolmentsAsync(string candidateNumber, string code,
        [AsParameters] MunicipalityQuery scope, [AsParameters] AsKnownOnQuery known, ClaimsPrincipal user, CandidateReader reader,
        ProgrammeReader programmes, CancellationToken ct)
    {
        var (_, badCode) = ProgrammePath.Parse(code);
        if (badCode is not null) return badCode;
        var caller = Caller.From(user);
        var (document, problem) = await LoadAsync(candidateNumber, scope, known, caller, reader, ct);
        if (problem is not null) return problem;
        // An unknown programme is a 404, as on every other programme route (it answered 200 with no enrolments, so a
        // mistyped code, or another municipality's, read as "never enrolled"). A programme is never removed: one the
        // candidate was ever enrolled on exists.
        if (await programmes.LoadAsync(MunicipalityScope.ForRead(caller, scope).Municipality, code, ct) is null)
            return Problems.NotFound($"Programme {code}");
        return LedgerResults.Versioned(CandidateProgrammeResponse.From(document!.State, code, document.StreamVersion), document.StreamVersion);
    }

    public static async Task<Results<Versioned<DayActivitiesResponse>, ProblemHttpResult>> DayActivitiesAsync(string candidateNumber,
        [AsParameters] MunicipalityQuery scope, [AsParameters] AsKnownOnQuery known, ClaimsPrincipal user, CandidateReader reader, CancellationToken ct)
    {
        var (document, problem) = await LoadAsync(candidateNumber, scope, known, Caller.From(user), reader, ct);
        if (problem is not null) return problem;
        return LedgerResults.Versioned(DayActivitiesResponse.From(document!.State, document.StreamVersion), document.StreamVersion);
    }

    /// <summary>The candidate number (400), the municipality (400, 403), the moment (400), then the candidate then (404).</summary>
    private static async Task<(CandidateDocument? Document, ProblemHttpResult? Problem)> LoadAsync(
        string candidateNumber, MunicipalityQuery scope, AsKnownOnQuery known, Caller caller, CandidateReader reader, CancellationToken ct)
    {
        var (number, badNumber) = CandidatePath.Parse(candidateNumber);
        if (badNumber is not null) return (null, badNumber);
        var (municipality, outside) = MunicipalityScope.ForRead(caller, scope);
        if (outside is not null) return (null, outside);
        var errors = new FieldErrors();
        var asKnownOn = known.Read(errors);
        if (errors.Any) return (null, Problems.BadRequest(errors));
        var document = asKnownOn is { } moment
            ? await reader.KnownOnAsync(municipality, number, moment, ct)
            : await reader.LoadAsync(municipality, number, ct);
        return document is null ? (null, Problems.NotFound($"Candidate {number}")) : (document, null);
    }
}
