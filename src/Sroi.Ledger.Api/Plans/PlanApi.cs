using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.OpenApi;

namespace Sroi.Ledger.Api.Plans;

/// <summary>The plan of approach under /api/v1/contracts/{id}/plan: who may call each, and what it is.</summary>
public static class PlanApi
{
    public static void MapPlans(RouteGroupBuilder api)
    {
        var plan = api.MapGroup("/contracts/{id:guid}/plan").WithTags("Plan of approach");

        plan.MapGet("", PlanEndpoints.GetAsync).WithName("getContractPlan")
            .WithSummary("The plan of approach: the plan in force (the last approved revision) and the revision awaiting review, each line planned against realised today, and every revision submitted; ETag is the contract's version.")
            .WithDescription("Realised counts the contract's accepted reports of the line's kind (and block) in its period: persons for employment, internship, bbl and work-experience (people whose working period overlaps the line's, each candidate once), euros for social-procurement (amount excl. VAT) and training (cost), hours for social-activity. A line is `met`, `open` (its period runs) or `behind` (its period ended below plan).")
            .RequireRoles(ContractEndpoints.Readers)
            .ProducesProblem(StatusCodes.Status404NotFound);

        plan.MapPut("", PlanEndpoints.SubmitAsync).WithName("submitContractPlan")
            .WithSummary("Submit a revision of the plan of approach (all its lines); it awaits the WSP's approval. If-Match optional.")
            .WithDescription("The contractor submits for its own contract (procurement may for it). Every revision is kept; a new submission replaces one still awaiting review. " +
                "Rules (422): `plan.no-lines`, `plan.too-many-lines`, `plan.amount-not-positive`, `plan.amount-not-whole` (persons), `plan.block-not-of-kind`, " +
                "`plan.ends-before-start`, `plan.outside-contract-term`, `plan.lines-overlap` (same kind and block — a line without a block covers them all — in overlapping periods), " +
                "`plan.no-obligation`, `contract.already-completed`, `contract.settled`.")
            .RequireRoles(Role.Opdrachtnemer, Role.Inkoop)
            .WithRequestExamples(PlanRequestValidation.Examples)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesLedgerWriteProblems();

        plan.MapPost("/approval", PlanEndpoints.ApproveAsync).WithName("approveContractPlan")
            .WithSummary("Approve the revision awaiting review (an optional note); it becomes the plan in force. If-Match optional.")
            .WithDescription("Only a submitted revision is approved (422 `plan.nothing-submitted`), and not once the contract is completed or settled (422 `contract.already-completed`, `contract.settled`: send it back instead).")
            .RequireRoles(Role.Wsp)
            .WithRequestExamples(new RequestExample("approve", "Approve with a note", new() { ["note"] = "Besproken in het startgesprek" }))
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesLedgerWriteProblems();

        plan.MapPost("/return", PlanEndpoints.ReturnAsync).WithName("returnContractPlan")
            .WithSummary("Send the revision awaiting review back with a reason; the plan in force stays. If-Match optional.")
            .WithDescription("Only a submitted revision is sent back (422 `plan.nothing-submitted`).")
            .RequireRoles(Role.Wsp)
            .WithRequestExamples(new RequestExample("return", "Send back with the reason", new() { ["reason"] = "Geen BBL-plaatsen in 2025 opgenomen" }))
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesLedgerWriteProblems();
    }
}
