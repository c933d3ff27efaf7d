using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Sroi.Ledger.Api.Auditing.History;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Exports;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Contracts.AuditingContract;

/// <summary>A contract's history with the contract as its events up to <c>asKnownOn</c> fold to.</summary>
public sealed record ContractHistory : StreamHistory
{
    public ContractHistory(StreamHistory history, Guid contractId, ContractResponse? contract, IReadOnlyList<ContractAfterEvent> statesAfter) : base(history)
    {
        ContractId = contractId;
        Contract = contract;
        StatesAfter = statesAfter;
    }

    public Guid ContractId { get; }

    /// <summary>Null when nothing was recorded by <c>asKnownOn</c>.</summary>
    public ContractResponse? Contract { get; }

    /// <summary>
    /// The contract and its balance right after each event of this page, by version (empty when the events do not fold:
    /// see <see cref="StreamHistory.FoldProblem"/>). The last one known equals <see cref="Contract"/>.
    /// </summary>
    public IReadOnlyList<ContractAfterEvent> StatesAfter { get; }

    /// <summary>The first release's name of <see cref="StreamHistory.AsKnownOn"/>, repeated for its clients.</summary>
    public Instant? KnownOn => AsKnownOn;
}

/// <summary>
/// GET /api/v1/contracts/{id}/history[?asKnownOn=instant] — for auditors: every event of the contract as stored, paged,
/// the hash chain recomputed, and the contract as the ledger knew it at that moment (<see cref="StreamHistories"/>).
/// </summary>
public static class ContractHistoryEndpoint
{
    public static async Task<Results<JsonOrCsv<ContractHistory>, ProblemHttpResult>> HandleAsync(
        Guid id, [AsParameters] AsKnownOnQuery known, [AsParameters] HistoryPageQuery paging, AcceptedFormat format,
        ClaimsPrincipal user, ContractReader reader, StreamHistories histories, Marten.IDocumentStore store, CancellationToken ct)
    {
        var (query, badQuery) = StreamHistories.QueryOf(format, known, paging);
        if (badQuery is not null) return badQuery;

        // The document names the contract's municipality (an admin's key names none); its events are read in that tenant.
        var document = await reader.FindVisibleWithoutReportsAsync(id, Caller.From(user), ct);
        if (document is null) return Problems.NotFound($"Contract {id}");
        var stream = ContractEventTypes.StreamOf(id);
        if (query.Format == ResponseFormat.Csv)
            return await histories.CsvAsync(document.State.Municipality, stream, query, ct) is { } export
                ? JsonOrCsv<ContractHistory>.Csv(export)
                : Problems.NotFound($"Contract {id}");
        var read = await histories.ReadAsync<ContractDocument>(document.State.Municipality, stream, query, ct);
        if (read is not { } history) return Problems.NotFound($"Contract {id}");
        var states = history.History.FoldProblem is null
            ? await ContractStatesAfter.FoldAsync(store, document.State.Municipality, stream.Value, history.History.Events, ct)
            : [];
        return JsonOrCsv<ContractHistory>.Json(new ContractHistory(history.History, id, history.Then is null ? null : ContractView.From(history.Then), states));
    }
}
