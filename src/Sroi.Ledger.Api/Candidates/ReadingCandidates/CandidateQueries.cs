using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Candidates.ReadingCandidates;

/// <summary>GET a candidate or one placement, folded from the candidate's stream; the ETag is its version.</summary>
public static class CandidateQueries
{
    public static async Task<IResult> GetAsync(string candidateNumber, HttpContext http, CandidateReader reader, CancellationToken ct)
    {
        var (view, problem) = await LoadAsync(candidateNumber, http, reader, ct);
        if (problem is not null) return problem;
        ETags.Set(http.Response, view!.Version);
        return Results.Json(view, LedgerJson.Options);
    }

    public static async Task<IResult> GetPlacementAsync(string candidateNumber, Guid placementId, HttpContext http, CandidateReader reader, CancellationToken ct)
    {
        var (view, problem) = await LoadAsync(candidateNumber, http, reader, ct);
        if (problem is not null) return problem;
        if (view!.Placements.FirstOrDefault(p => p.Id == placementId) is not { } placement)
            return Problems.NotFound($"Placement {placementId} of candidate {view.CandidateNumber}");
        ETags.Set(http.Response, view.Version);
        return Results.Json(placement, LedgerJson.Options);
    }

    private static async Task<(CandidateResponse? View, IResult? Problem)> LoadAsync(
        string candidateNumber, HttpContext http, CandidateReader reader, CancellationToken ct)
    {
        var (number, badNumber) = CandidatePath.Parse(candidateNumber);
        if (badNumber is not null) return (null, badNumber);
        var (municipality, outside) = MunicipalityScope.ForRead(http);
        if (outside is not null) return (null, outside);
        var (events, version) = await reader.LoadAsync(municipality, number, ct);
        return events.Count == 0
            ? (null, Problems.NotFound($"Candidate {number}"))
            : (CandidateView.From(events, version), null);
    }
}
