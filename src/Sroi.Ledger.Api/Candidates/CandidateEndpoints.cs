using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Candidates.ChangingTrede;
using Sroi.Ledger.Api.Candidates.EndingBenefit;
using Sroi.Ledger.Api.Candidates.ReadingCandidates;
using Sroi.Ledger.Api.Candidates.RegisteringCandidate;

namespace Sroi.Ledger.Api.Candidates;

public static class CandidateEndpoints
{
    public static readonly Role[] Readers = [Role.Wsp, Role.Auditor, Role.Admin];

    public static void MapCandidates(this IEndpointRouteBuilder api)
    {
        var candidates = api.MapGroup("/candidates").WithTags("Candidates");

        candidates.MapPost("/", RegisterCandidateEndpoint.HandleAsync).RequireRoles(Role.Wsp)
            .WithName("registerCandidate").WithSummary("Register a candidate under a pseudonymous number, with trede and target group.")
            .Accepts<RegisterCandidateRequest>("application/json")
            .Produces<CandidateResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        candidates.MapGet("/{candidateNumber}", CandidateQueries.GetAsync).RequireRoles(Readers)
            .WithName("getCandidate").WithSummary("One candidate: trede history, benefit and placements; ETag is its version (admin: municipality).")
            .Produces<CandidateResponse>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        candidates.MapPost("/{candidateNumber}/trede-changes", ChangeTredeEndpoint.HandleAsync).RequireRoles(Role.Wsp)
            .WithName("changeTrede").WithSummary("Record a trede change (re-assessment) with its effective date and reason.")
            .Accepts<ChangeTredeRequest>("application/json")
            .ProducesCandidateChange<CandidateResponse>();

        candidates.MapPost("/{candidateNumber}/benefit-end", EndBenefitEndpoint.HandleAsync).RequireRoles(Role.Wsp)
            .WithName("endBenefit").WithSummary("Record that the candidate's benefit ended (work-income or other).")
            .Accepts<EndBenefitRequest>("application/json")
            .ProducesCandidateChange<CandidateResponse>();
    }

    /// <summary>What a command on an existing candidate can answer: the result, or 400/404/409/412/422.</summary>
    public static RouteHandlerBuilder ProducesCandidateChange<T>(this RouteHandlerBuilder route, int status = StatusCodes.Status200OK) =>
        route.Produces<T>(status).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
