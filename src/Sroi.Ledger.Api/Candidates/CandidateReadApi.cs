using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Candidates.ReadingCandidates;
using Sroi.Ledger.Api.Exports;

namespace Sroi.Ledger.Api.Candidates;

/// <summary>The reads of a candidate under /api/v1/candidates: the candidate, one placement, the history.</summary>
public static class CandidateReadApi
{
    public static void MapCandidateReads(RouteGroupBuilder api)
    {
        // Tags per endpoint: a placement is read under its candidate but listed with the placements.
        var candidates = api.MapGroup("/candidates");

        candidates.MapGet("/{candidateNumber}", CandidateQueries.GetAsync).WithName("getCandidate").WithTags("Candidates")
            .WithSummary("One candidate: trede history, benefit and placements, or as known on `asKnownOn`; ETag is its version (admin: municipality).")
            .RequireRoles(CandidateEndpoints.Readers)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        candidates.MapGet("/{candidateNumber}/placements/{placementId:guid}", CandidateQueries.GetPlacementAsync).WithName("getPlacement").WithTags("Placements")
            .WithSummary("One placement as it stands, or as known on `asKnownOn`; ETag is the candidate's version (admin: municipality).")
            .RequireRoles(CandidateEndpoints.Readers)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        candidates.MapGet("/{candidateNumber}/history", CandidateHistoryEndpoint.HandleAsync).WithName("getCandidateHistory").WithTags("Candidates")
            .WithSummary("Every event of the candidate as stored (paged), the hash chain verified, and the candidate as known on `asKnownOn` (admin: municipality).")
            .RequireRoles(CandidateEndpoints.Readers)
            .WithCsvHeader(HistoryCsv.Table)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }
}
