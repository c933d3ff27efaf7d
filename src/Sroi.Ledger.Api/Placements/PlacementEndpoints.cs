using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Candidates.ReadingCandidates;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.Placements.CorrectingPlacement;
using Sroi.Ledger.Api.Placements.EndingPlacement;
using Sroi.Ledger.Api.Placements.RecordingPlacement;
using Sroi.Ledger.Api.Placements.WithdrawingPlacement;

namespace Sroi.Ledger.Api.Placements;

/// <summary>Placements live in their candidate's stream, so their routes are under the candidate.</summary>
public static class PlacementEndpoints
{
}
