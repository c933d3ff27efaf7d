using NodaTime;
using Sroi.Ledger.Api.Auditing.History;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Exports;
using Sroi.Ledger.Api.Hosting;
using Sroi.Ledger.Api.HttpConventions;
using Wolverine.Http;

namespace Sroi.Ledger.Api.Contracts.AuditingContract;

/// <summary>A contract's history with the contract as its events up to <c>asKnownOn</c> fold to.</summary>
public sealed record ContractHistory : StreamHistory
{
    public ContractHistory(StreamHistory history, Guid contractId, ContractResponse? contract) : base(history)
    {
        ContractId = contractId;
        Contract = contract;
    }

    public Guid ContractId { get; }

    /// <summary>Null when nothing was recorded by <c>asKnownOn</c>.</summary>
    public ContractResponse? Contract { get; }

    /// <summary>The first release's name of <see cref="StreamHistory.AsKnownOn"/>, repeated for its clients.</summary>
    public Instant? KnownOn => AsKnownOn;
}

/// <summary>
/// GET /api/v1/contracts/{id}/history[?asKnownOn=instant] — for auditors: every event of the contract as stored, paged,
/// the hash chain recomputed, and the contract as the ledger knew it at that moment (<see cref="StreamHistories"/>).
/// </summary>
public static class ContractHistoryEndpoint
{
    [WolverineGet("/api/v1/contracts/{id:guid}/history", OperationId = "getContractHistory")]
    public static async Task<IResult> HandleAsync(Guid id, HttpContext http, ContractReader reader, StreamHistories histories, CancellationToken ct)
    {
        var (query, badQuery) = StreamHistories.QueryOf(http.Request);
        if (badQuery is not null) return badQuery;

        // The document names the contract's municipality (an admin's key names none); its events are read in that tenant.
        var document = await reader.FindVisibleWithoutReportsAsync(id, http, ct);
        if (document is null) return Problems.NotFound($"Contract {id}");
        if (query.Format == ResponseFormat.Csv) return await histories.CsvAsync(document.State.Municipality, ContractEventTypes.StreamOf(id), query, $"Contract {id}", ct);
        var read = await histories.ReadAsync<ContractDocument>(document.State.Municipality, ContractEventTypes.StreamOf(id), query, ct);
        if (read is not { } history) return Problems.NotFound($"Contract {id}");
        return Results.Json(new ContractHistory(history.History, id, history.Then is null ? null : ContractView.From(history.Then)), LedgerJson.Options);
    }

    /// <summary>Wolverine calls this for the endpoint: who may call it and what the OpenAPI document says of it.</summary>
    public static void Configure(HttpChain chain) => chain.Describe(
            "Every event as stored (paged: page, pageSize ≤ 1000), the hash chain verified, and the contract as known on `asKnownOn` (alias `knownOn`).")
        .WithTags("Contracts").RequireRoles(Role.Auditor, Role.Admin, Role.Inkoop, Role.Wsp)
        .Produces<ContractHistory>().ProducesCsv(HistoryCsv.Table).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
}
