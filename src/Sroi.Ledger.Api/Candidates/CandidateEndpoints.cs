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

    /// <summary>What a command on an existing candidate can answer: the result, or 400/404/409/412/422.</summary>
    public static RouteHandlerBuilder ProducesCandidateChange<T>(this RouteHandlerBuilder route, int status = StatusCodes.Status200OK) =>
        route.Produces<T>(status).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesLedgerWriteProblems();
}
