using NodaTime;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Domain.Balance;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Monitoring;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Worklist;

/// <summary>What the WSP has to act on. Serialised in kebab case.</summary>
public enum WorklistKind
{
    Behind,
    Overdue,
    SettlementDue,
    ReportPendingReview,
}

/// <summary>
/// One thing to act on. <paramref name="DueSince"/> is the first day it was due: the first day behind, the day after
/// <c>endsOn</c>, the day after the repair period, the day the report was made. The report fields are set only for
/// <see cref="WorklistKind.ReportPendingReview"/>. <paramref name="Version"/> is the contract's version as read (its ETag):
/// the If-Match of a review or settlement made from the list, so a contract that changed meanwhile is a 412.
/// </summary>
public sealed record WorklistItem(
    WorklistKind Kind,
    LocalDate DueSince,
    Guid ContractId,
    MunicipalityCode Municipality,
    string Reference,
    string Title,
    Contractor Contractor,
    LocalDate EndsOn,
    Money Obligation,
    Money Accepted,
    Money Pending,
    Money Remaining,
    Guid? FulfilmentId,
    FulfilmentKind? FulfilmentKind,
    Money? ReportedValue,
    long Version);

public sealed record WorklistPage(IReadOnlyList<WorklistItem> Items, int Page, int PageSize, long Total);

/// <summary>A contract document's items on a day: the balance's status rules, and its reports still to review.</summary>
public static class WorklistItems
{
    /// <summary>
    /// The items of a contract monitored under <paramref name="terms"/> (its policy's: the repair period after <c>endsOn</c>
    /// in which the contractor may still make up a shortfall before the WSP settles).
    /// </summary>
    public static IEnumerable<WorklistItem> Of(ContractDocument document, MonitoringTerms terms, LocalDate today)
    {
        var state = document.State;
        var balance = document.Balance;
        var settlementDueFrom = ContractMonitoring.SettlementDueFrom(state.EndsOn, terms);
        WorklistItem Item(WorklistKind kind, LocalDate since, Fulfilment? report = null) => new(
            kind, since, state.Id, state.Municipality, state.Reference, state.Title, state.Contractor!, state.EndsOn,
            balance.Obligation, balance.Accepted, balance.Pending, balance.Remaining,
            report?.Id, report?.Report.Kind, report?.Valuation.Value, document.StreamVersion);

        // One item for the contract's standing: overdue turns into settlement due when the repair period is over.
        switch (balance.StatusOn(today))
        {
            case BalanceStatus.Behind:
                yield return Item(WorklistKind.Behind, balance.BehindFrom!.Value);
                break;
            case BalanceStatus.Overdue when today >= settlementDueFrom:
                yield return Item(WorklistKind.SettlementDue, settlementDueFrom);
                break;
            case BalanceStatus.Overdue:
                yield return Item(WorklistKind.Overdue, state.EndsOn.PlusDays(1));
                break;
        }
        foreach (var report in state.Fulfilments.InOrder.Where(f => f.Status == FulfilmentStatus.Pending))
            yield return Item(WorklistKind.ReportPendingReview, report.ReportedOn, report);
    }

    /// <summary>Oldest first; ties in a fixed order so that pages do not overlap.</summary>
    public static IEnumerable<WorklistItem> Ordered(IEnumerable<WorklistItem> items) => items
        .OrderBy(i => i.DueSince).ThenBy(i => i.Kind).ThenBy(i => i.Municipality.Value, StringComparer.Ordinal)
        .ThenBy(i => i.Reference, StringComparer.Ordinal).ThenBy(i => i.FulfilmentId);
}
