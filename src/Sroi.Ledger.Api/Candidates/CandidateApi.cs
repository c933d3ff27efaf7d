using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Candidates.ChangingBenefitAct;
using Sroi.Ledger.Api.Candidates.ChangingTrede;
using Sroi.Ledger.Api.Candidates.ChangingWspService;
using Sroi.Ledger.Api.Candidates.EndingBenefit;
using Sroi.Ledger.Api.Candidates.ListingCandidates;
using Sroi.Ledger.Api.Candidates.ReadingCandidates;
using Sroi.Ledger.Api.Candidates.RegisteringCandidate;
using Sroi.Ledger.Api.Exports;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.RateLimiting;

namespace Sroi.Ledger.Api.Candidates;

/// <summary>The candidate endpoints under /api/v1/candidates: who may call each, and what it is.</summary>
public static class CandidateApi
{
    public static void MapCandidates(RouteGroupBuilder api)
    {
        var candidates = api.MapGroup("/candidates").WithTags("Candidates");

        // Tags per endpoint: a placement is read under its candidate but listed with the placements.
        var reads = api.MapGroup("/candidates");

        // The WSP's list (and an admin's, of a municipality it names); not the auditor's, who reads one candidate at a time.
        candidates.MapGet("", CandidateListEndpoint.HandleAsync).WithName("listCandidates")
            .IsExpensiveRead()
            .WithSummary("One municipality's candidates by number, filtered (number prefix `q`, `trede`, `benefitAct`, `servedByWsp`) and paged (admin: municipality).")
            .RequireRoles(Role.Wsp, Role.Admin)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);

        reads.MapGet("/{candidateNumber}", CandidateQueries.GetAsync).WithName("getCandidate").WithTags("Candidates")
            .WithSummary("One candidate: trede history, benefit and placements, or as known on `asKnownOn`; ETag is its version (admin: municipality).")
            .RequireRoles(CandidateEndpoints.Readers)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        reads.MapGet("/{candidateNumber}/placements/{placementId:guid}", CandidateQueries.GetPlacementAsync).WithName("getPlacement").WithTags("Placements")
            .WithSummary("One placement as it stands, or as known on `asKnownOn`; ETag is the candidate's version (admin: municipality).")
            .RequireRoles(CandidateEndpoints.Readers)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        reads.MapGet("/{candidateNumber}/history", CandidateHistoryEndpoint.HandleAsync).WithName("getCandidateHistory").WithTags("Candidates").IsExpensiveRead()
            .WithSummary("Every event of the candidate as stored (paged), the hash chain verified, and the candidate as known on `asKnownOn` (admin: municipality).")
            .RequireRoles(CandidateEndpoints.Readers)
            .WithCsvHeader(HistoryCsv.Table)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

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

        candidates.MapPost("/{candidateNumber}/benefit-act", ChangeBenefitActEndpoint.HandleAsync).WithName("changeBenefitAct")
            .WithSummary("Record that, from effectiveOn, the candidate's municipal benefit falls under another act (participatiewet, ioaw, ioaz).")
            .RequireRoles(Role.Wsp)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesLedgerWriteProblems();

        candidates.MapPost("/{candidateNumber}/wsp-service", ChangeWspServiceEndpoint.HandleAsync).WithName("changeWspService")
            .WithSummary("Record that, from effectiveOn, the WSP guides the candidate towards work (served) or no longer does.")
            .RequireRoles(Role.Wsp)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesLedgerWriteProblems();
    }
}
