using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Candidates.ChangingTrede;
using Sroi.Ledger.Api.Candidates.EndingBenefit;
using Sroi.Ledger.Api.Candidates.ReadingCandidates;
using Sroi.Ledger.Api.Candidates.RegisteringCandidate;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Candidates;

public static class CandidateEndpoints
{
    public static readonly Role[] Readers = [Role.Wsp, Role.Auditor, Role.Admin];
}
