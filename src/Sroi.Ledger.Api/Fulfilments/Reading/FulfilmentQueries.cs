using System.Text;
using System.Text.Json;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.Fulfilments;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Shared;
using Wolverine.Http;

namespace Sroi.Ledger.Api.Fulfilments.Reading;

public sealed record FulfilmentPage(IReadOnlyList<FulfilmentResponse> Items, long Total);

/// <summary>
/// GET the reports of a contract, answered from the contract's document (with <c>?asKnownOn=</c>: as the ledger knew it then);
/// a contract the caller may not see is 404.
/// </summary>
public static class FulfilmentQueries
{
    [WolverineGet("/api/v1/contracts/{id:guid}/fulfilments", OperationId = "listFulfilments")]
    public static async Task<IResult> ListAsync(Guid id, HttpContext http, ContractReader reader, CancellationToken ct)
    {
        var (document, _, problem) = await reader.ReadAsync(id, http, withReports: true, ct);
        if (problem is not null) return problem;
        var query = http.Request.Query;
        var errors = new FieldErrors();
        var status = Filter<FulfilmentStatus>(query["status"], "status", errors);
        var kind = Filter<FulfilmentKind>(query["kind"], "kind", errors);
        if (errors.Any) return Problems.BadRequest(errors);

        // In the order they were reported: the order of their events in the contract's stream.
        var items = document!.State.Fulfilments.InOrder
            .Where(f => (status is null || f.Status == status) && (kind is null || f.Report.Kind == kind))
            .Select(f => FulfilmentView.From(id, f))
            .ToList();
        return Results.Text(JsonSerializer.Serialize(new FulfilmentPage(items, items.Count), LedgerJson.Options), "application/json", Encoding.UTF8);
    }

    [WolverineGet("/api/v1/contracts/{id:guid}/fulfilments/{fid:guid}", OperationId = "getFulfilment")]
    public static async Task<IResult> GetAsync(Guid id, Guid fid, HttpContext http, ContractReader reader, CancellationToken ct)
    {
        var (document, _, problem) = await reader.ReadAsync(id, http, withReports: true, ct);
        if (problem is not null) return problem;
        return document!.State.Fulfilments.TryGetValue(fid, out var report)
            ? Results.Text(FulfilmentView.Json(id, report), "application/json", Encoding.UTF8)
            : Problems.NotFound($"Report {fid} of contract {id}");
    }

    private static T? Filter<T>(Microsoft.Extensions.Primitives.StringValues raw, string field, FieldErrors errors) where T : struct, Enum
    {
        if (raw.ToString() is not { Length: > 0 } text) return null;
        if (KebabNames<T>.TryParse(text, out var value)) return value;
        errors.Add(field, $"One of {string.Join(", ", KebabNames<T>.Names)}.");
        return null;
    }

    /// <summary>Wolverine calls this for each endpoint of the class: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain)
    {
        switch (chain.Method.Method.Name)
        {
            case nameof(ListAsync):
                chain.Describe("The contract's reports in the order they were made (filter: status, kind), or as known on `asKnownOn`.").WithTags("Fulfilment").RequireRoles(FulfilmentEndpoints.Readers)
                    .Produces<FulfilmentPage>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
                break;
            case nameof(GetAsync):
                chain.Describe("One report with its value, table version, breakdown and review, or as known on `asKnownOn`.").WithTags("Fulfilment").RequireRoles(FulfilmentEndpoints.Readers)
                    .Produces<FulfilmentResponse>().ProducesProblem(StatusCodes.Status404NotFound);
                break;
        }
    }
}
