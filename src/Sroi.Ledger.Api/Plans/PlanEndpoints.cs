using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Api.Time;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Plans;

namespace Sroi.Ledger.Api.Plans;

/// <summary>
/// The plan of approach of a contract: the contractor (or procurement for it) submits a revision (PUT), the WSP approves it
/// or sends it back with a reason; every revision is kept in the contract's stream. Each write answers with the plan.
/// </summary>
public static class PlanEndpoints
{
    public static async Task<Results<Written<PlanResponse>, ProblemHttpResult>> SubmitAsync(
        Guid id, JsonBody<SubmitPlanRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user,
        LedgerWriter writer, Marten.IDocumentStore store, Npgsql.NpgsqlDataSource db, IClock clock, CancellationToken ct)
    {
        var lines = PlanRequestValidation.Validate(body.Value, body.Errors);
        if (lines is null || body.Errors.Any) return Problems.BadRequest(body.Errors);
        var caller = Caller.From(user);
        // A contractor acting in every municipality submits in the contract's own tenant.
        if (await ContractorReach.TenantOfContractAsync(db, caller, id, ct) is not { } municipality) return Problems.NotFound($"Contract {id}");
        var moment = await ContractMoment.OfAsync(clock, store, caller, announcesObligation: false, ct);
        return await WriteAsync(writer, ContractWrites.Stream(id, municipality) with { DecidesOn = ContractReports.Every }, id, caller, headers, body.Fingerprint, reason: null,
            state => PlanDecider.Decide(new SubmitPlan(lines, moment.Today), state), moment, ct);
    }

    public static async Task<Results<Written<PlanResponse>, ProblemHttpResult>> ApproveAsync(
        Guid id, JsonBody<PlanApprovalRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user,
        LedgerWriter writer, Marten.IDocumentStore store, IClock clock, CancellationToken ct)
    {
        if (!body.Errors.OptionalText("note", body.Value.Note, 1000) || body.Errors.Any) return Problems.BadRequest(body.Errors);
        var caller = Caller.From(user);
        var moment = await ContractMoment.OfAsync(clock, store, caller, announcesObligation: false, ct);
        return await WriteAsync(writer, ContractWrites.Stream(id, caller) with { DecidesOn = ContractReports.Every }, id, caller, headers, body.Fingerprint, body.Value.Note,
            state => PlanDecider.Decide(new ApprovePlan(body.Value.Note, moment.Today), state), moment, ct);
    }

    public static async Task<Results<Written<PlanResponse>, ProblemHttpResult>> ReturnAsync(
        Guid id, JsonBody<PlanReturnRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user,
        LedgerWriter writer, Marten.IDocumentStore store, IClock clock, CancellationToken ct)
    {
        if (!body.Errors.RequiredText("reason", body.Value.Reason, 1000) || body.Errors.Any) return Problems.BadRequest(body.Errors);
        var caller = Caller.From(user);
        var moment = await ContractMoment.OfAsync(clock, store, caller, announcesObligation: false, ct);
        return await WriteAsync(writer, ContractWrites.Stream(id, caller) with { DecidesOn = ContractReports.Every }, id, caller, headers, body.Fingerprint, body.Value.Reason,
            state => PlanDecider.Decide(new ReturnPlan(body.Value.Reason!, moment.Today), state), moment, ct);
    }

    public static async Task<Results<Versioned<PlanResponse>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, ContractReader reader, IClock clock, CancellationToken ct)
    {
        var document = await reader.FindVisibleWithoutReportsAsync(id, Caller.From(user), ct);
        if (document is null) return Problems.NotFound($"Contract {id}");
        return LedgerResults.Versioned(PlanView.From(document, BusinessCalendar.Today(clock)), document.StreamVersion);
    }

    private static Task<Results<Written<PlanResponse>, ProblemHttpResult>> WriteAsync(LedgerWriter writer, LedgerStream<ContractDocument> stream,
        Guid contractId, Caller caller, WriteHeaders headers, byte[] fingerprint, string? reason,
        Func<ContractState, IReadOnlyList<IContractEvent>> decide, ContractMoment moment, CancellationToken ct) =>
        writer.WriteAsync<ContractDocument, Written<PlanResponse>>(stream, caller, headers, fingerprint, reason, (document, version) =>
            ContractWrites.Missing(document, caller, contractId) is { } missing ? missing
            : ContractWrites.Decide(document!.State, version, decide(document.State), moment, (after, newVersion) =>
                Answers.Changed(PlanView.From(after.Id, after.Plan, PlanFigures.Of(after), newVersion, moment.Today))), ct);
}
