using NodaTime;
using Sroi.Ledger.Domain.Balance;
using Sroi.Ledger.Domain.BuildingBlocks;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Monitoring;

namespace Sroi.Ledger.Api.Notifications;

/// <summary>
/// The event-driven signals of one contract command, from the contract before and after it: they are recorded and sent in
/// the transaction of its events (Writing/LedgerWriter), so there is no event without its notification and no notification
/// without its event. A contract that falls behind because of the command (a correction, a higher obligation) is signalled
/// here; one that falls behind as the days pass is signalled by its scheduled check (<see cref="ContractDeadlineHandler"/>),
/// under the same once-key.
/// </summary>
public static class ContractSignals
{
    public static IReadOnlyList<Notification> Of(ContractChange change, IReadOnlyList<IContractEvent> events, Instant now, LocalDate today,
        BuildingBlockTable? tableInForce)
    {
        var after = change.After;
        var signals = new List<Notification>();
        Notification Signal(string type, object data, string? onceKey = null) =>
            Notification.New(type, now, after.Municipality, after.Id, after.Contractor?.KvkNumber, data, onceKey);

        foreach (var e in events)
        {
            switch (e)
            {
                case ContractRegistered when after.Obligation is { Applies: true }:
                    signals.Add(Signal(SignalType.ContractRegistered, ContractAnnounced.Of("registered", after, tableInForce)));
                    break;
                // Also when the amendment took the obligation away (minderwerk below the threshold): the WSP stops counting on it.
                case ContractAmended when after.Obligation is { Applies: true } || change.Before.Obligation is { Applies: true }:
                    signals.Add(Signal(SignalType.ContractRegistered, ContractAnnounced.Of("amended", after, tableInForce)));
                    break;
                case FulfilmentReported reported:
                    signals.Add(Signal(SignalType.FulfilmentReported, new FulfilmentReportedData(
                        reported.FulfilmentId, after.Reference, reported.Report.Kind, reported.ReportedOn,
                        reported.Valuation.Value, reported.Replaces, reported.ReportedBy)));
                    break;
                case FulfilmentAccepted accepted:
                    signals.Add(Signal(SignalType.FulfilmentReviewed, Reviewed(change, accepted.FulfilmentId, "accepted", accepted.ReviewedOn, accepted.Note)));
                    break;
                case FulfilmentRejected rejected:
                    signals.Add(Signal(SignalType.FulfilmentReviewed, Reviewed(change, rejected.FulfilmentId, "rejected", rejected.ReviewedOn, rejected.Reason)));
                    break;
            }
        }

        if (change.BalanceAfter.StatusOn(today) == BalanceStatus.Behind && change.BalanceBefore?.StatusOn(today) != BalanceStatus.Behind)
        {
            var balance = change.BalanceAfter;
            var behind = new DueSignal(MonitoringSignal.Behind, balance.BehindFrom!.Value);
            signals.Add(Signal(SignalType.ContractBehind, BehindData.Of(after, balance, behind.Since), behind.Key));
        }
        return signals;
    }

    private static FulfilmentReviewedData Reviewed(ContractChange change, Guid fulfilmentId, string decision, LocalDate reviewedOn, string? reason)
    {
        var after = change.After;
        var report = after.Fulfilments[fulfilmentId];
        var balance = change.BalanceAfter;
        return new FulfilmentReviewedData(fulfilmentId, after.Reference, report.Report.Kind, decision, reason, reviewedOn,
            report.Valuation.Value, balance.Obligation, balance.Accepted, balance.Remaining);
    }
}

/// <summary>A contract before and after a command (which leaves it registered), each balance computed once.</summary>
public sealed class ContractChange(ContractState before, ContractState after)
{
    public ContractState Before { get; } = before;

    public ContractState After { get; } = after;

    /// <summary>Null before the registration.</summary>
    public ContractBalance? BalanceBefore { get; } = before.Exists ? ContractBalance.Of(before) : null;

    public ContractBalance BalanceAfter { get; } = ContractBalance.Of(after);

    /// <summary>A new contract, or a change of what its deadlines depend on: its deadline check runs again (and drops the older one).</summary>
    public bool MovesDeadlines =>
        BalanceBefore is null || ContractDeadlineCheck.GenerationOf(Before, BalanceBefore) != ContractDeadlineCheck.GenerationOf(After, BalanceAfter);
}
