using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Placements;
using Wolverine.Http;

namespace Sroi.Ledger.Api.Candidates.ReadingCandidates;

/// <summary>
/// GET a candidate or one placement, from the candidate's folded document, or with <c>?asKnownOn=</c> (alias <c>knownOn</c>)
/// from the fold of the events recorded by then; the ETag is the stream's version (then).
/// </summary>
public static class CandidateQueries
{
    [WolverineGet("/api/v1/candidates/{candidateNumber}", OperationId = "getCandidate")]
    public static async Task<IResult> GetAsync(string candidateNumber, HttpContext http, CandidateReader reader, CancellationToken ct)
    {
        var (view, problem) = await LoadAsync(candidateNumber, http, reader, ct);
        if (problem is not null) return problem;
        ETags.Set(http.Response, view!.Version);
        return Results.Json(view, LedgerJson.Options);
    }

    [WolverineGet("/api/v1/candidates/{candidateNumber}/placements/{placementId:guid}", OperationId = "getPlacement")]
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
        var errors = new FieldErrors();
        var asKnownOn = QueryParameters.OptionalAsKnownOn(http.Request, errors);
        if (errors.Any) return (null, Problems.BadRequest(errors));
        if (asKnownOn is { } moment)
            return await reader.KnownOnAsync(municipality, number, moment, ct) is { } then
                ? (CandidateView.From(then), null)
                : (null, Problems.NotFound($"Candidate {number} as known on {moment}"));
        return await reader.LoadAsync(municipality, number, ct) is { } document
            ? (CandidateView.From(document), null)
            : (null, Problems.NotFound($"Candidate {number}"));
    }

    /// <summary>Wolverine calls this for each endpoint of the class: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain)
    {
        switch (chain.Method.Method.Name)
        {
            case nameof(GetAsync):
                chain.Describe("One candidate: trede history, benefit and placements, or as known on `asKnownOn`; ETag is its version (admin: municipality).").WithTags("Candidates").RequireRoles(CandidateEndpoints.Readers)
                    .Produces<CandidateResponse>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
                break;
            case nameof(GetPlacementAsync):
                chain.Describe("One placement as it stands, or as known on `asKnownOn`; ETag is the candidate's version (admin: municipality).").WithTags("Placements").RequireRoles(CandidateEndpoints.Readers)
                    .Produces<PlacementResponse>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
                break;
        }
    }
}
