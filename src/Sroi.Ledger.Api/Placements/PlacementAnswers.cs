using Sroi.Ledger.Api.Candidates;

namespace Sroi.Ledger.Api.Placements;

/// <summary>A placement command answers with the placement as it is afterwards.</summary>
public static class PlacementAnswers
{
    public static string PathOf(CandidateResponse candidate, Guid placementId) =>
        $"{CandidateWriter.PathOf(candidate.CandidateNumber)}/placements/{placementId}";

    public static CandidateAnswer Placement(CandidateResponse candidate, Guid placementId, int statusCode) =>
        new(statusCode, statusCode == StatusCodes.Status201Created ? PathOf(candidate, placementId) : null,
            candidate.Placements.Single(p => p.Id == placementId));
}
