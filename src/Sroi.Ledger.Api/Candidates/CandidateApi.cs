using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Candidates.ChangingTrede;
using Sroi.Ledger.Api.Candidates.EndingBenefit;
using Sroi.Ledger.Api.Candidates.RegisteringCandidate;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Candidates;

/// <summary>The candidate endpoints under /api/v1/candidates: who may call each, and what it is.</summary>
public static class CandidateApi
{
    public static void MapCandidates(RouteGroupBuilder api)
    {
        var candidates = api.MapGroup("/candidates").WithTags("Candidates");

        // Writes: each through the one write function (Writing/LedgerWriter).
        candidates.MapPost("", RegisterCandidateEndpoint.HandleAsync).WithName("registerCandidate")
            .WithSummary("Register a candidate under a pseudonymous number, with trede and target group.")
            .RequireRoles(Role.Wsp)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesLedgerWriteProblems();

        candidates.MapPost("/{candidateNumber}/trede-changes", ChangeTredeEndpoint.HandleAsync).WithName("changeTrede")
            .WithSummary("Record a trede change (re-assessment) with its effective date and reason.")
            .RequireRoles(Role.Wsp)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesLedgerWriteProblems();

        candidates.MapPost("/{candidateNumber}/benefit-end", EndBenefitEndpoint.HandleAsync).WithName("endBenefit")
            .WithSummary("Record that the candidate's benefit ended (work-income or other).")
            .RequireRoles(Role.Wsp)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesLedgerWriteProblems();
    }
}
