using Marten;
using NodaTime;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Policies;
using Sroi.Ledger.Domain.Balance;
using Sroi.Ledger.Domain.Monitoring;
using Sroi.Ledger.Domain.Shared;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.Marten;
using Wolverine.Runtime;
using Sroi.Ledger.Api.Time;

namespace Sroi.Ledger.Api.Notifications;

/// <summary>
/// A contract's deadlines on the day the check runs (<see cref="ContractMonitoring"/>, under the monitoring terms of its
/// policy): each signal due and not raised before is recorded and sent, and the next check is scheduled — a durable
/// Wolverine message in PostgreSQL — for the next day something may fall due. The signals, the next check and Wolverine's
/// own bookkeeping of this message commit in one transaction, so a check fires once even across a restart.
/// </summary>
public static class ContractDeadlineHandler
{
    [WolverineHandler]
    public static async Task HandleAsync(ContractDeadlineCheck check, IDocumentStore store, Npgsql.NpgsqlDataSource db, IWolverineRuntime messaging,
        IClock clock, CancellationToken ct)
    {
        var municipality = MunicipalityCode.Parse(check.Municipality);
        var document = await MunicipalityDocuments.LoadAsync<ContractDocument>(store, municipality, ContractEventTypes.StreamOf(check.ContractId), ct);
        // A later change of the contract's deadlines sent a check of its own: this one is stale.
        if (document is null || ContractDeadlineCheck.GenerationOf(document.State, document.Balance) != check.Generation) return;
        var contract = document.State;
        var policy = await MunicipalityDocuments.LoadAsync<SroiPolicyDocument>(store, municipality, PolicyEvents.StreamOf(municipality), ct);
        var terms = policy?.History.MonitoringTermsFor(contract.Obligation?.PolicyVersion, contract.AwardedOn) ?? MonitoringTerms.Default;

        var now = clock.GetCurrentInstant();
        var today = BusinessCalendar.DateOf(now);
        var outcome = ContractMonitoring.On(contract, terms, today);
        var balance = document.Balance;
        // Falling behind because of a change is the change's own signal (ContractSignals); here only as the days passed since
        // the check that scheduled this one — a contract behind all along (a report accepted that did not catch it up) is
        // not announced again.
        var signals = outcome.Due.Where(due => due.Kind != MonitoringSignal.Behind || check.RaisesBehindFrom(due.Since))
            .Select(due => Notification.New(TypeOf(due.Kind), now, municipality, contract.Id, contract.Contractor?.KvkNumber,
                due.Kind switch
                {
                    MonitoringSignal.ReportDue =>
                        new ReportDueData(contract.Reference, due.IntervalStart!.Value, due.IntervalEnd!.Value, terms.ReportingIntervalMonths),
                    MonitoringSignal.PlanBehind => new PlanBehindData(contract.Reference, document.Plan.InForce!.Revision, due.PlanLine!.Kind,
                        due.PlanLine.Block, due.PlanLine.From, due.PlanLine.To, due.PlanLine.Unit, due.PlanLine.Planned, due.PlanLine.Realised, due.Since),
                    _ => (object)BehindData.Of(contract, balance, due.Since),
                },
                due.Key))
            .ToList();

        await using var session = store.LightweightSession(municipality.Value);
        var outbox = await NotificationOutbox.EnrolAsync(messaging, db, session, signals, [], ct);
        if (outcome.NextCheck is { } day)
            await (outbox ?? new MartenOutbox(messaging, session)).ScheduleAsync(check with { ScheduledOn = today.ToDateOnly() }, Until(day, now));
        await session.SaveChangesAsync(ct);
    }

    /// <summary>
    /// How long until the start of <paramref name="day"/> in Amsterdam, by the ledger's clock. Wolverine schedules by the
    /// system clock, so the wait is handed over, not the moment: the ledger's clock may be set off (rehearsals, tests).
    /// </summary>
    private static TimeSpan Until(LocalDate day, Instant now)
    {
        var wait = BusinessCalendar.StartOf(day) - now;
        return wait > Duration.Zero ? wait.ToTimeSpan() : TimeSpan.Zero;
    }

    private static string TypeOf(MonitoringSignal kind) => kind switch
    {
        MonitoringSignal.Behind => SignalType.ContractBehind,
        MonitoringSignal.Overdue => SignalType.ContractOverdue,
        MonitoringSignal.SettlementDue => SignalType.SettlementDue,
        MonitoringSignal.ReportDue => SignalType.ReportDue,
        MonitoringSignal.PlanBehind => SignalType.PlanBehind,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a monitoring signal."),
    };
}
