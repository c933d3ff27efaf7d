using System.ComponentModel;
using NodaTime;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Worklist;

/// <summary>What the WSP has to act on. Serialised in kebab case.</summary>
public enum WorklistKind
{
    Behind,
    Overdue,
    SettlementDue,
    ReportPendingReview,
    /// <summary>
    /// Three months after the award the contract still has no approved plan of approach (while its term runs); due since the
    /// award date plus three months. Listed with <c>?kind=plan-missing</c> only, not in the unfiltered list.
    /// </summary>
    PlanMissing,
}

/// <summary>
/// One thing to act on. <paramref name="DueSince"/> is the first day it was due: the first day behind, the day after
/// <c>endsOn</c>, the day after the repair period, the day the report was made. The report fields are set only for
/// <see cref="WorklistKind.ReportPendingReview"/>. <paramref name="Version"/> is the contract's version as read (its ETag):
/// the If-Match of a review or settlement made from the list, so a contract that changed meanwhile is a 412.
/// <paramref name="TakingPart"/> (issue 21): the contract is a regional contract that another municipality leads
/// (<paramref name="Municipality"/>) and the caller's municipality takes part in. Listed so that its WSP follows how the
/// contract stands (behind, overdue, settlement due) and can place candidates on it; the lead's WSP reviews and settles, so
/// nothing on the item is for the participant to act on (its review or settlement is a 404). Such a contract's reports
/// awaiting review and a missing plan are the lead's work and not on a participant's list.
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
    long Version,
    bool TakingPart);

public sealed record WorklistPage(IReadOnlyList<WorklistItem> Items, int Page, int PageSize,
    [property: Description("How many items there are: exact while each kind holds at most " + WorklistQuery.ExactUpToText + " items; beyond " +
        "that the items counted (each kind up to " + WorklistQuery.ExactUpToText + " + 1, never below what this and the earlier pages hold), " +
        "so there are more, and `totalIsExact` is false.")]
    long Total,
    [property: Description("Whether `total` is exact (every kind at most " + WorklistQuery.ExactUpToText + " items) or a lower bound.")]
    bool TotalIsExact = true);

/// <summary>
/// An item of a page as <see cref="WorklistQuery"/> found it: which kind and since when came from SQL, the contract's
/// figures from its document (read without its reports), the report's from the pending-reports column.
/// </summary>
public static class WorklistItems
{
    /// <param name="reader">The municipality whose list it is (null: an admin's list of all): another's contract is one it takes part in.</param>
    public static WorklistItem Of(ContractDocument document, WorklistKind kind, LocalDate dueSince, Domain.Contracts.PendingReport? report,
        MunicipalityCode? reader)
    {
        var state = document.State;
        var balance = document.Balance;
        return new(kind, dueSince, state.Id, state.Municipality, state.Reference, state.Title, state.Contractor!, state.EndsOn,
            balance.Obligation, balance.Accepted, balance.Pending, balance.Remaining,
            report?.Id, report?.Kind, report?.Value, document.StreamVersion, reader is { } own && state.Municipality != own);
    }
}
