using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.Writing;

namespace Sroi.Ledger.Api.Placements;

/// <summary>A placement command answers with the placement as it is afterwards.</summary>
public static class PlacementAnswers
{
    public static string PathOf(CandidateResponse candidate, Guid placementId) =>
        $"{CandidateWrites.PathOf(candidate.CandidateNumber)}/placements/{placementId}";

    public static WrittenNew<PlacementResponse> Recorded(CandidateResponse candidate, Guid placementId) =>
        Answers.Created(Of(candidate, placementId), PathOf(candidate, placementId));

    public static Written<PlacementResponse> Changed(CandidateResponse candidate, Guid placementId) => Answers.Changed(Of(candidate, placementId));

    private static PlacementResponse Of(CandidateResponse candidate, Guid placementId) => candidate.Placements.Single(p => p.Id == placementId);
}
