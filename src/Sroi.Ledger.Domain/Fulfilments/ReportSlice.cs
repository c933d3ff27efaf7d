namespace Sroi.Ledger.Domain.Fulfilments;

/// <summary>
/// Which of a contract's reports a report event reads and changes (issue 23: a contract's write cost flat in its size). A
/// store that keeps each report apart loads these, and only these, for an event: <see cref="FulfilmentDecider.Evolve"/> over
/// them gives the same reports as over the whole list, and the totals move by the difference between them before and after
/// (<see cref="Balance.ReportTotals.Apply"/>).
/// </summary>
/// <remarks>
/// What Evolve looks up, event by event: the event's own report; for a correction, the report it replaces; and, for either,
/// the accepted report whose pending correction it is (<c>Settle</c> and <c>Superseded</c> find that one by
/// <see cref="Fulfilment.PendingCorrection"/>, so a store indexes that field). No other report is read or changed.
/// </remarks>
public static class ReportSlice
{
    /// <summary>The ids the event names itself; a store also loads the reports whose pending correction is one of them.</summary>
    public static IReadOnlyList<Guid> Named(Contracts.IContractEvent @event) => @event switch
    {
        FulfilmentReported { Replaces: { } old } e => [e.FulfilmentId, old],
        FulfilmentReported e => [e.FulfilmentId],
        FulfilmentAccepted e => [e.FulfilmentId],
        FulfilmentRejected e => [e.FulfilmentId],
        FulfilmentWithdrawn e => [e.FulfilmentId],
        _ => [],
    };

    /// <summary>
    /// Of <paramref name="reports"/> (the whole list, or whatever a store holds), the ones <paramref name="event"/> reads:
    /// those it names and those whose pending correction it names, in the order they were reported.
    /// </summary>
    public static FulfilmentList Of(FulfilmentList reports, Contracts.IContractEvent @event)
    {
        var named = Named(@event);
        return new(reports.InOrder.RemoveAll(f => !named.Contains(f.Id) && !(f.PendingCorrection is { } c && named.Contains(c))));
    }
}
