using System.ComponentModel.DataAnnotations;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.Fulfilments;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Fulfilments;
using Wolverine.Http;

namespace Sroi.Ledger.Api.Fulfilments.Reviewing;

public sealed record AcceptanceRequest([property: MaxLength(1000)] string? Note);

public sealed record RejectionRequest([property: Required, MaxLength(1000)] string? Reason);

public sealed record WithdrawalRequest([property: MaxLength(1000)] string? Reason);

/// <summary>
/// The SROI coordinator accepts (…/acceptance, an optional note) or rejects (…/rejection, with a reason) a pending
/// report; the reporter withdraws its own pending report (…/withdrawal, an optional reason).
/// </summary>
public static class ReviewFulfilmentEndpoints
{
    [WolverinePost("/api/v1/contracts/{id:guid}/fulfilments/{fid:guid}/acceptance", OperationId = "acceptFulfilment")]
    public static async Task<IResult> AcceptAsync(Guid id, Guid fid, HttpContext http, ContractWriter writer, IClock clock, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadOptionalAsync(http.Request, new AcceptanceRequest(null), ct);
        if (problem is not null) return problem;
        var errors = new FieldErrors();
        if (!errors.OptionalText("note", body!.Value.Note, 1000)) return Problems.BadRequest(errors);

        var command = new AcceptFulfilment(fid, body.Value.Note, BusinessCalendar.Today(clock));
        return await writer.ExecuteAsync(http, FulfilmentCommands.OnReport(id, fid, body.Fingerprint, body.Value.Note,
            state => FulfilmentDecider.Decide(command, state)), ct);
    }

    [WolverinePost("/api/v1/contracts/{id:guid}/fulfilments/{fid:guid}/rejection", OperationId = "rejectFulfilment")]
    public static async Task<IResult> RejectAsync(Guid id, Guid fid, HttpContext http, ContractWriter writer, IClock clock, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadAsync<RejectionRequest>(http.Request, ct);
        if (problem is not null) return problem;
        var errors = new FieldErrors();
        if (!errors.RequiredText("reason", body!.Value.Reason, 1000)) return Problems.BadRequest(errors);

        var command = new RejectFulfilment(fid, body.Value.Reason!, BusinessCalendar.Today(clock));
        return await writer.ExecuteAsync(http, FulfilmentCommands.OnReport(id, fid, body.Fingerprint, body.Value.Reason,
            state => FulfilmentDecider.Decide(command, state)), ct);
    }

    [WolverinePost("/api/v1/contracts/{id:guid}/fulfilments/{fid:guid}/withdrawal", OperationId = "withdrawFulfilment")]
    public static async Task<IResult> WithdrawAsync(Guid id, Guid fid, HttpContext http, ContractWriter writer, IClock clock, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadOptionalAsync(http.Request, new WithdrawalRequest(null), ct);
        if (problem is not null) return problem;
        var errors = new FieldErrors();
        if (!errors.OptionalText("reason", body!.Value.Reason, 1000)) return Problems.BadRequest(errors);

        var command = new WithdrawFulfilment(fid, FulfilmentCommands.ReporterOf(Caller.From(http)), body.Value.Reason, BusinessCalendar.Today(clock));
        return await writer.ExecuteAsync(http, FulfilmentCommands.OnReport(id, fid, body.Fingerprint, body.Value.Reason,
            state => FulfilmentDecider.Decide(command, state)), ct);
    }

    /// <summary>Wolverine calls this for each endpoint of the class: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain)
    {
        switch (chain.Method.Method.Name)
        {
            case nameof(AcceptAsync):
                chain.Describe("Accept a pending report (optional note); its value counts as fulfilled.").WithTags("Fulfilment").RequireRoles(Role.Wsp)
                    .Accepts<AcceptanceRequest>(isOptional: true, "application/json")
                    .ProducesReportChange(StatusCodes.Status200OK);
                break;
            case nameof(RejectAsync):
                chain.Describe("Reject a pending report, with the reason.").WithTags("Fulfilment").RequireRoles(Role.Wsp)
                    .Accepts<RejectionRequest>("application/json")
                    .ProducesReportChange(StatusCodes.Status200OK);
                break;
            case nameof(WithdrawAsync):
                chain.Describe("The reporter takes its own pending report back (optional reason).").WithTags("Fulfilment").RequireRoles(FulfilmentEndpoints.Reporters)
                    .Accepts<WithdrawalRequest>(isOptional: true, "application/json")
                    .ProducesReportChange(StatusCodes.Status200OK);
                break;
        }
    }
}
