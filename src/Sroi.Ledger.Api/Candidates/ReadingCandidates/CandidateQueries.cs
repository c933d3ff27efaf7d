using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Placements;

namespace Sroi.Ledger.Api.Candidates.ReadingCandidates;

/// <summary>
/// GET a candidate or one placement, from the candidate's folded document, or with <c>?asKnownOn=</c> (alias <c>knownOn</c>)
/// from the fold of the events recorded by then; the ETag is the stream's version (then).
/// </summary>
public static class CandidateQueries
{
    public static async Task<Results<Versioned<CandidateResponse>, ProblemHttpResult>> GetAsync(string candidateNumber,
        [AsParameters] MunicipalityQuery scope, [AsParameters] AsKnownOnQuery known, ClaimsPrincipal user, CandidateReader reader, CancellationToken ct)
    {
        var (view, problem) = await LoadAsync(candidateNumber, scope, known, Caller.From(user), reader, ct);
        if (problem is not null) return problem;
        return LedgerResults.Versioned(view!, view!.Version);
    }

    public static async Task<Results<Versioned<PlacementResponse>, ProblemHttpResult>> GetPlacementAsync(string candidateNumber, Guid placementId,
        [AsParameters] MunicipalityQuery scope, [AsParameters] AsKnownOnQuery known, ClaimsPrincipal user, CandidateReader reader, CancellationToken ct)
    {
        var (view, problem) = await LoadAsync(candidateNumber, scope, known, Caller.From(user), reader, ct);
        if (problem is not null) return problem;
        if (view!.Placements.FirstOrDefault(p => p.Id == placementId) is not { } placement)
            return Problems.NotFound($"Placement {placementId} of candidate {view.CandidateNumber}");
        return LedgerResults.Versioned(placement, view.Version);
    }

    /// <summary>The candidate number (400), the municipality (400, 403), the moment (400), then the candidate then (404).</summary>
    private static async Task<(CandidateResponse? View, ProblemHttpResult? Problem)> LoadAsync(
        string candidateNumber, MunicipalityQuery scope, AsKnownOnQuery known, Caller caller, CandidateReader reader, CancellationToken ct)
    {
        var (number, badNumber) = CandidatePath.Parse(candidateNumber);
        if (badNumber is not null) return (null, badNumber);
        var (municipality, outside) = MunicipalityScope.ForRead(caller, scope);
        if (outside is not null) return (null, outside);
        var errors = new FieldErrors();
        var asKnownOn = known.Read(errors);
        if (errors.Any) return (null, Problems.BadRequest(errors));
        if (asKnownOn is { } moment)
            return await reader.KnownOnAsync(municipality, number, moment, ct) is { } then
                ? (CandidateView.From(then), null)
                : (null, Problems.NotFound($"Candidate {number} as known on {moment}"));
        return await reader.LoadAsync(municipality, number, ct) is { } document
            ? (CandidateView.From(document), null)
            : (null, Problems.NotFound($"Candidate {number}"));
    }
}
