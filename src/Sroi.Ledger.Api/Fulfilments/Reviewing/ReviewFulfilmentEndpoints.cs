using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.Fulfilments;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Api.Writing;
using Sroi.Ledger.Domain.Contracts;

namespace Sroi.Ledger.Api.Fulfilments.Reviewing;

public sealed record AcceptanceRequest([property: MaxLength(1000)] string? Note) : IOptionalBody<AcceptanceRequest>
{
    public static AcceptanceRequest Empty { get; } = new(Note: null);
}

public sealed record RejectionRequest([property: Required, MaxLength(1000)] string? Reason);

public sealed record WithdrawalRequest([property: MaxLength(1000)] string? Reason) : IOptionalBody<WithdrawalRequest>
{
    public static WithdrawalRequest Empty { get; } = new(Reason: null);
}

/// <summary>
/// The SROI coordinator accepts (…/acceptance, an optional note) or rejects (…/rejection, with a reason) a pending
/// report; the reporter withdraws its own pending report (…/withdrawal, an optional reason). Each answers with the report.
/// </summary>
public static class ReviewFulfilmentEndpoints
{
    public static async Task<Results<Written<FulfilmentResponse>, ProblemHttpResult>> AcceptAsync(
        Guid id, Guid fid, JsonBody<AcceptanceRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user,
        LedgerWriter writer, Marten.IDocumentStore store, IClock clock, CancellationToken ct)
    {
        if (!body.Errors.OptionalText("note", body.Value.Note, 1000) || body.Errors.Any) return Problems.BadRequest(body.Errors);
        var caller = Caller.From(user);
        var moment = await ContractMoment.OfAsync(clock, store, caller, announcesObligation: false, ct);
        var command = new AcceptFulfilment(fid, body.Value.Note, moment.Today);
        return await OnReportAsync(writer, ContractWrites.Stream(id, caller).Needing(ReportSlice.Needs(command), existing: fid), id, fid, caller, headers, body.Fingerprint,
            body.Value.Note, state => FulfilmentDecider.Decide(command, state), moment, ct);
    }

    public static async Task<Results<Written<FulfilmentResponse>, ProblemHttpResult>> RejectAsync(
        Guid id, Guid fid, JsonBody<RejectionRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user,
        LedgerWriter writer, Marten.IDocumentStore store, IClock clock, CancellationToken ct)
    {
        if (!body.Errors.RequiredText("reason", body.Value.Reason, 1000) || body.Errors.Any) return Problems.BadRequest(body.Errors);
        var caller = Caller.From(user);
        var moment = await ContractMoment.OfAsync(clock, store, caller, announcesObligation: false, ct);
        var command = new RejectFulfilment(fid, body.Value.Reason!, moment.Today);
        return await OnReportAsync(writer, ContractWrites.Stream(id, caller).Needing(ReportSlice.Needs(command), existing: fid), id, fid, caller, headers, body.Fingerprint,
            body.Value.Reason, state => FulfilmentDecider.Decide(command, state), moment, ct);
    }

    public static async Task<Results<Written<FulfilmentResponse>, ProblemHttpResult>> WithdrawAsync(
        Guid id, Guid fid, JsonBody<WithdrawalRequest> body, [AsParameters] WriteHeaders headers, ClaimsPrincipal user,
        LedgerWriter writer, Marten.IDocumentStore store, Npgsql.NpgsqlDataSource db, IClock clock, CancellationToken ct)
    {
        if (!body.Errors.OptionalText("reason", body.Value.Reason, 1000) || body.Errors.Any) return Problems.BadRequest(body.Errors);
        var caller = Caller.From(user);
        // A contractor acting in every municipality withdraws in the contract's own tenant.
        if (await ContractorReach.TenantOfContractAsync(db, caller, id, ct) is not { } municipality) return Problems.NotFound($"Contract {id}");
        var moment = await ContractMoment.OfAsync(clock, store, caller, announcesObligation: false, ct);
        var command = new WithdrawFulfilment(fid, FulfilmentCommands.ReporterOf(caller), body.Value.Reason, moment.Today);
        return await OnReportAsync(writer, ContractWrites.Stream(id, municipality).Needing(ReportSlice.Needs(command), existing: fid), id, fid, caller, headers, body.Fingerprint, body.Value.Reason,
            state => FulfilmentDecider.Decide(command, state), moment, ct);
    }

    private static Task<Results<Written<FulfilmentResponse>, ProblemHttpResult>> OnReportAsync(LedgerWriter writer, LedgerStream<ContractDocument> stream,
        Guid contractId, Guid reportId, Caller caller, WriteHeaders headers, byte[] fingerprint, string? reason,
        Func<ContractState, IReadOnlyList<IContractEvent>> decide, ContractMoment moment, CancellationToken ct) =>
        writer.WriteAsync<ContractDocument, Written<FulfilmentResponse>>(stream, caller, headers, fingerprint, reason,
            (document, version) => FulfilmentCommands.OnContract(document, version, caller, contractId, reportId, decide, moment,
                after => FulfilmentCommands.Report(after, reportId)), ct);
}
