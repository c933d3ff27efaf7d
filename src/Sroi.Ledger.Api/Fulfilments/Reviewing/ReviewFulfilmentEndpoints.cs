using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Fulfilments;

namespace Sroi.Ledger.Api.Fulfilments.Reviewing;

public sealed record AcceptanceRequest(string? Note);

public sealed record RejectionRequest(string? Reason);

public sealed record WithdrawalRequest(string? Reason);

/// <summary>
/// The SROI coordinator accepts (…/acceptance, an optional note) or rejects (…/rejection, with a reason) a pending
/// report; the reporter withdraws its own pending report (…/withdrawal, an optional reason).
/// </summary>
public static class ReviewFulfilmentEndpoints
{
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
}
