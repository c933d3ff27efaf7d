using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Fulfilments;

/// <summary>
/// The reports a command's decision reads (<see cref="ReportSlice.Needs(ReportFulfilment)"/>): those with these ids, those whose
/// pending correction is one of them, the reports those named ones replace, and the counting reports of
/// <paramref name="Candidate"/> (for the overlap of periods and the cap per candidate). A store answers this with one query over
/// indexed columns (id, pending correction, candidate), whatever the contract's size.
/// </summary>
public sealed record ReportNeeds(IReadOnlyList<Guid> Ids, CandidateNumber? Candidate)
{
    public bool Covers(Fulfilment report) =>
        Ids.Contains(report.Id) || (report.PendingCorrection is { } c && Ids.Contains(c))
        || (Candidate is { } candidate && report.Counts && report.Report.Work?.Candidate == candidate);
}

/// <summary>
/// Which of a contract's reports a command's decision reads (<see cref="Needs(ReportFulfilment)"/>) and which a report event
/// reads and changes (<see cref="Of(FulfilmentList, Contracts.IContractEvent)"/>): issue 23, a contract's write cost flat in
/// its size. A store that keeps each report apart loads these, and only these: the decider decides on them as on the whole
/// list, and for an event <see cref="FulfilmentDecider.Evolve"/> over
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

    public static ReportNeeds Needs(ReportFulfilment command) => new([command.FulfilmentId], command.Report.Work?.Candidate);

    /// <summary>The report corrected (and, through <see cref="Of(FulfilmentList, ReportNeeds)"/>, the one it replaced), the new one, the candidate's.</summary>
    public static ReportNeeds Needs(CorrectFulfilment command) => new([command.FulfilmentId, command.NewFulfilmentId], command.Report.Work?.Candidate);

    public static ReportNeeds Needs(AcceptFulfilment command) => new([command.FulfilmentId], null);

    public static ReportNeeds Needs(RejectFulfilment command) => new([command.FulfilmentId], null);

    public static ReportNeeds Needs(WithdrawFulfilment command) => new([command.FulfilmentId], null);

    /// <summary>
    /// Of <paramref name="reports"/>, what <paramref name="needs"/> covers, with the chain of reports each named one replaces
    /// (the rule "correct the original" follows it back to the original): a decider given only these decides as it does on
    /// the whole list.
    /// </summary>
    public static FulfilmentList Of(FulfilmentList reports, ReportNeeds needs)
    {
        var replaced = Replaced(reports, needs.Ids);
        return new(reports.InOrder.RemoveAll(f => !needs.Covers(f) && !replaced.Contains(f.Id)));
    }

    /// <summary>
    /// The reports <paramref name="ids"/> replace, and those these replace, back to the first of each chain, as far as
    /// <paramref name="reports"/> holds them.
    /// </summary>
    public static IReadOnlySet<Guid> Replaced(FulfilmentList reports, IEnumerable<Guid> ids)
    {
        var replaced = new HashSet<Guid>();
        foreach (var id in ids)
            for (var at = reports.TryGetValue(id, out var named) ? named.Replaces : null;
                 at is { } old && replaced.Add(old) && reports.TryGetValue(old, out var report);
                 at = report.Replaces) { }
        return replaced;
    }
}
