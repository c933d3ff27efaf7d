using NodaTime;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Monitoring;
using static Sroi.Ledger.Domain.Tests.Fulfilments.FulfilmentScenario;

namespace Sroi.Ledger.Domain.Tests.Monitoring;

/// <summary>
/// Given a contract's events / When monitoring asks on a day / Then the signals due and the next check. The contract
/// is the fulfilment scenario's (€10.000 owed), on the term a test gives it; reports are trainings reported on a day.
/// </summary>
internal static class MonitoringScenario
{
    public static readonly LocalDate StartsOn = D(2024, 4, 1);
    public static readonly LocalDate EndsOn = D(2025, 3, 31);

    public static ContractState Contract(LocalDate? startsOn = null, LocalDate? endsOn = null, decimal value = 200_000m)
    {
        var start = startsOn ?? StartsOn;
        var register = Contracts.ContractScenario.Register(value) with { AwardedOn = start.PlusMonths(-1), StartsOn = start, EndsOn = endsOn ?? EndsOn };
        return ContractDecider.Fold(ContractDecider.Decide(register, ContractState.Initial));
    }

    /// <summary>A training of <paramref name="euros"/> reported on <paramref name="day"/>, still pending.</summary>
    public static ContractState ReportedOn(this ContractState state, LocalDate day, decimal euros = 1_000m) =>
        state.With(Report(state, new FulfilmentReport.Training("VCA", Euros(euros), null), today: day));

    public static ContractState LastReportAccepted(this ContractState state) =>
        state.With([new FulfilmentAccepted(state.Fulfilments.InOrder[^1].Id, state.Fulfilments.InOrder[^1].ReportedOn, null)]);

    public static ContractState LastReportRejected(this ContractState state) =>
        state.With([new FulfilmentRejected(state.Fulfilments.InOrder[^1].Id, state.Fulfilments.InOrder[^1].ReportedOn, "geen bewijs")]);

    public static ContractState With(this ContractState state, IEnumerable<IContractEvent> events) => events.Aggregate(state, ContractDecider.Evolve);

    public static MonitoringOutcome On(this ContractState state, LocalDate today, MonitoringTerms? terms = null) =>
        ContractMonitoring.On(state, terms ?? MonitoringTerms.Default, today);

    public static DueSignal ReportDue(LocalDate intervalStart, LocalDate intervalEnd) =>
        new(MonitoringSignal.ReportDue, intervalEnd.PlusDays(1), intervalStart, intervalEnd);
}
