using Marten;
using NodaTime;
using Sroi.Ledger.Api.Auditing.History;
using Sroi.Ledger.Domain.Balance;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Contracts.AuditingContract;

/// <summary>The contract and its balance as they stood right after one event of its history.</summary>
public sealed record ContractAfterEvent(long Version, ContractResponse Contract, BalanceAfterEvent Balance);

/// <summary>
/// The balance right after an event: what GET …/balance?asKnownOn= answers for the moment the event was recorded, its status
/// on that moment's date. Reports change only this part (a contract's own fields stay as they were).
/// </summary>
public sealed record BalanceAfterEvent(
    LocalDate AsOf, BalanceStatus Status, bool ObligationApplies, Money Obligation, Money Accepted, Money Pending, Money Rejected,
    Money Remaining, decimal? Percentage);

/// <summary>
/// Each shown event's state after it, for an auditor stepping through the history: the stream read once and folded event
/// by event with <see cref="ContractFold"/> — the fold Marten keeps the document with — rather than one aggregation per
/// event.
/// </summary>
public static class ContractStatesAfter
{
    public static async Task<IReadOnlyList<ContractAfterEvent>> FoldAsync(
        IDocumentStore store, MunicipalityCode municipality, string stream, IReadOnlyList<HistoryEvent> shown, CancellationToken ct)
    {
        if (shown.Count == 0) return [];
        var recordedAt = shown.ToDictionary(e => e.Version, e => e.RecordedAt);
        await using var session = store.QuerySession(municipality.Value);
        var events = await session.Events.FetchStreamAsync(stream, version: shown[^1].Version, token: ct);
        ContractDocument? document = null;
        var states = new List<ContractAfterEvent>(shown.Count);
        foreach (var e in events)
        {
            document = ContractFold.Fresh(document, stream, e);
            if (document is null || !recordedAt.TryGetValue(e.Version, out var at)) continue;
            var b = document.Balance;
            var asOf = Time.BusinessCalendar.DateOf(at);
            states.Add(new ContractAfterEvent(e.Version, ContractView.From(document.State, e.Version),
                new BalanceAfterEvent(asOf, b.StatusOn(asOf), b.Applies, b.Obligation, b.Accepted, b.Pending, b.Rejected, b.Remaining, b.Percentage)));
        }
        return states;
    }
}
