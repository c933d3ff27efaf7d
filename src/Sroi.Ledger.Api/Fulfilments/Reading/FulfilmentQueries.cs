using System.ComponentModel;
using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.Fulfilments.Storing;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Fulfilments;

namespace Sroi.Ledger.Api.Fulfilments.Reading;

public sealed record FulfilmentPage(IReadOnlyList<FulfilmentResponse> Items, long Total);

/// <summary>The filters of <c>GET /contracts/{id}/fulfilments</c>; each is optional.</summary>
public sealed record FulfilmentListQuery
{
    [Description("Only reports in this review status.")]
    public QueryChoice<FulfilmentStatus>? Status { get; init; }

    [Description("Only reports of this kind.")]
    public QueryChoice<FulfilmentKind>? Kind { get; init; }
}

/// <summary>
/// GET the reports of a contract: today's from the report documents (<see cref="FulfilmentDocument"/>, issue 23), with
/// <c>?asKnownOn=</c> from the contract's events folded as the ledger knew them then; a contract the caller may not see is 404.
/// </summary>
public static class FulfilmentQueries
{
    /// <summary>Every bad parameter (the moment, the filters) is named in one 400, before the contract is looked up.</summary>
    public static async Task<Results<Ok<FulfilmentPage>, ProblemHttpResult>> ListAsync(
        Guid id, [AsParameters] AsKnownOnQuery known, [AsParameters] FulfilmentListQuery query, ClaimsPrincipal user, ContractReader reader,
        IDocumentStore store, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var asKnownOn = known.Read(errors);
        var status = query.Status is { Text.Length: > 0 } s ? s.Read("status", errors) : null;
        var kind = query.Kind is { Text.Length: > 0 } k ? k.Read("kind", errors) : null;
        if (errors.Any) return Problems.BadRequest(errors);
        var (reports, problem) = await ReportsAsync(id, asKnownOn, Caller.From(user), reader, store, only: null, ct);
        if (problem is not null) return problem;

        var items = reports!
            .Where(f => (status is null || f.Status == status) && (kind is null || f.Report.Kind == kind))
            .Select(f => FulfilmentView.From(id, f))
            .ToList();
        return TypedResults.Ok(new FulfilmentPage(items, items.Count));
    }

    public static async Task<Results<Ok<FulfilmentResponse>, ProblemHttpResult>> GetAsync(
        Guid id, Guid fid, [AsParameters] AsKnownOnQuery known, ClaimsPrincipal user, ContractReader reader, IDocumentStore store, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var asKnownOn = known.Read(errors);
        if (errors.Any) return Problems.BadRequest(errors);
        var (reports, problem) = await ReportsAsync(id, asKnownOn, Caller.From(user), reader, store, only: fid, ct);
        if (problem is not null) return problem;
        return reports!.FirstOrDefault(f => f.Id == fid) is { } report
            ? TypedResults.Ok(FulfilmentView.From(id, report))
            : Problems.NotFound($"Report {fid} of contract {id}");
    }

    /// <summary>
    /// The contract's reports in the order they were reported (<paramref name="only"/>: that one report, when it has it), once
    /// the contract is found visible: today's read from their documents in the contract's tenant, without the contract's
    /// own, when they are folded up to its version; on a past moment folded from the events known then.
    /// </summary>
    private static async Task<(IReadOnlyList<Fulfilment>? Reports, ProblemHttpResult? Problem)> ReportsAsync(
        Guid id, Instant? asKnownOn, Caller caller, ContractReader reader, IDocumentStore store, Guid? only, CancellationToken ct)
    {
        var (document, _, problem) = await reader.ReadAsync(id, caller, asKnownOn, withReports: asKnownOn is not null, ct);
        if (problem is not null) return (null, problem);
        if (asKnownOn is not null) return (document!.State.Fulfilments.InOrder, null);
        var tenant = document!.State.Municipality.Value;
        await using var session = store.QuerySession(tenant);
        if (await FulfilmentDocuments.FoldedUpToAsync(session, tenant, document.Id, ct) != document.StreamVersion)
        {
            // A node of a build before the report documents wrote the contract since its reports were last folded: they are
            // folded from the contract's events (not read from its document's list, which a later release no longer writes)
            // until the next write folds them again.
            var events = await session.Events.FetchStreamAsync(document.Id, token: ct);
            return ([.. FulfilmentDocuments.Fold(document.Id, events).OrderBy(d => d.Position).Select(d => d.Report)], null);
        }
        var stored = only is { } one
            ? await session.Query<FulfilmentDocument>().Where(d => d.Id == one && d.ContractId == document.Id).ToListAsync(ct)
            : await session.Query<FulfilmentDocument>().Where(d => d.ContractId == document.Id).OrderBy(d => d.Position).ToListAsync(ct);
        return ([.. stored.Select(d => d.Report)], null);
    }
}
