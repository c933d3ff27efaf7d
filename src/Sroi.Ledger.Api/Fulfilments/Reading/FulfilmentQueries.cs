using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Contracts;
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
/// GET the reports of a contract, answered from the contract's document (with <c>?asKnownOn=</c>: as the ledger knew it then);
/// a contract the caller may not see is 404.
/// </summary>
public static class FulfilmentQueries
{
    /// <summary>Every bad parameter (the moment, the filters) is named in one 400, before the contract is looked up.</summary>
    public static async Task<Results<Ok<FulfilmentPage>, ProblemHttpResult>> ListAsync(
        Guid id, [AsParameters] AsKnownOnQuery known, [AsParameters] FulfilmentListQuery query, ClaimsPrincipal user, ContractReader reader, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var asKnownOn = known.Read(errors);
        var status = query.Status is { Text.Length: > 0 } s ? s.Read("status", errors) : null;
        var kind = query.Kind is { Text.Length: > 0 } k ? k.Read("kind", errors) : null;
        if (errors.Any) return Problems.BadRequest(errors);
        var (document, _, problem) = await reader.ReadAsync(id, Caller.From(user), asKnownOn, withReports: true, ct);
        if (problem is not null) return problem;

        // In the order they were reported: the order of their events in the contract's stream.
        var items = document!.State.Fulfilments.InOrder
            .Where(f => (status is null || f.Status == status) && (kind is null || f.Report.Kind == kind))
            .Select(f => FulfilmentView.From(id, f))
            .ToList();
        return TypedResults.Ok(new FulfilmentPage(items, items.Count));
    }

    public static async Task<Results<Ok<FulfilmentResponse>, ProblemHttpResult>> GetAsync(
        Guid id, Guid fid, [AsParameters] AsKnownOnQuery known, ClaimsPrincipal user, ContractReader reader, CancellationToken ct)
    {
        var (document, _, problem) = await reader.ReadAsync(id, Caller.From(user), known, withReports: true, ct);
        if (problem is not null) return problem;
        return document!.State.Fulfilments.TryGetValue(fid, out var report)
            ? TypedResults.Ok(FulfilmentView.From(id, report))
            : Problems.NotFound($"Report {fid} of contract {id}");
    }
}
