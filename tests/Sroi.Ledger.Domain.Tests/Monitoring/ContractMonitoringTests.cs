using Sroi.Ledger.Domain.Monitoring;
using Sroi.Ledger.Domain.Settlement;
using Sroi.Ledger.Domain.Shared;
using static Sroi.Ledger.Domain.Tests.Fulfilments.FulfilmentScenario;
using static Sroi.Ledger.Domain.Tests.Monitoring.MonitoringScenario;

namespace Sroi.Ledger.Domain.Tests.Monitoring;

/// <summary>
/// The contract runs 2024-04-01 through 2025-03-31 (365 days) and owes €10.000. Under the default terms its reporting
/// intervals are 2024-04-01–2024-09-30 and 2024-10-01–2025-03-31, and a settlement is due from 2025-07-01.
/// </summary>
public class ContractMonitoringTests
{
    private static readonly DueSignal FirstIntervalDue = ReportDue(D(2024, 4, 1), D(2024, 9, 30));
    private static readonly DueSignal LastIntervalDue = ReportDue(D(2024, 10, 1), D(2025, 3, 31));
    private static readonly DueSignal Overdue = new(MonitoringSignal.Overdue, D(2025, 4, 1));

    [Fact]
    public void On_track_nothing_is_due_and_the_next_check_is_the_first_day_behind()
    {
        // A quarter accepted covers 91 of the 365 days: behind from 2024-07-02.
        var state = Contract().ReportedOn(D(2024, 5, 15), 2_500m).LastReportAccepted();

        var outcome = state.On(D(2024, 6, 1));

        outcome.Due.Should().BeEmpty();
        outcome.NextCheck.Should().Be(D(2024, 7, 2));
    }

    [Fact]
    public void Behind_since_the_first_day_the_accepted_share_falls_below_the_elapsed_share()
    {
        var outcome = Contract().On(D(2024, 5, 1));

        outcome.Due.Should().Equal(new DueSignal(MonitoringSignal.Behind, D(2024, 4, 2)));
        outcome.Due[0].Key.Should().Be("behind:2024-04-02");
        outcome.NextCheck.Should().Be(D(2024, 10, 1), "the first reporting interval is reached then");
    }

    [Fact]
    public void An_accepted_report_moves_the_first_day_behind_and_with_it_the_key()
    {
        var state = Contract().ReportedOn(D(2024, 7, 10), 2_500m).LastReportAccepted();

        var outcome = state.On(D(2024, 7, 10));

        outcome.Due.Should().Equal(new DueSignal(MonitoringSignal.Behind, D(2024, 7, 2)));
        outcome.Due[0].Key.Should().Be("behind:2024-07-02");
        outcome.NextCheck.Should().Be(D(2024, 10, 1));
    }

    [Fact]
    public void A_report_is_due_the_day_after_an_interval_without_one()
    {
        Contract().On(D(2024, 9, 30)).Due.Should().NotContain(s => s.Kind == MonitoringSignal.ReportDue);

        var outcome = Contract().On(D(2024, 10, 1));

        outcome.Due.Should().Equal(new DueSignal(MonitoringSignal.Behind, D(2024, 4, 2)), FirstIntervalDue);
        FirstIntervalDue.Since.Should().Be(D(2024, 10, 1));
        FirstIntervalDue.Key.Should().Be("report-due:2024-04-01");
        outcome.NextCheck.Should().Be(D(2025, 4, 1), "the last interval is reached and the term ends then");
    }

    [Fact]
    public void Any_report_made_within_the_interval_counts_even_a_rejected_one_on_its_last_day()
    {
        var state = Contract().ReportedOn(D(2024, 9, 30)).LastReportRejected();

        state.On(D(2024, 10, 1)).Due.Should().Equal(new DueSignal(MonitoringSignal.Behind, D(2024, 4, 2)));
    }

    [Fact]
    public void A_report_made_after_the_interval_does_not_count_for_it()
    {
        var state = Contract().ReportedOn(D(2024, 10, 1));

        state.On(D(2024, 10, 1)).Due.Should().Contain(FirstIntervalDue);
    }

    [Fact]
    public void Only_the_latest_interval_reached_is_due_when_several_have_passed()
    {
        var quarterly = new MonitoringTerms(3, 3);

        var outcome = Contract().On(D(2024, 12, 15), quarterly);

        outcome.Due.Should().Equal(new DueSignal(MonitoringSignal.Behind, D(2024, 4, 2)), ReportDue(D(2024, 7, 1), D(2024, 9, 30)));
        outcome.NextCheck.Should().Be(D(2025, 1, 1));
    }

    [Fact]
    public void Intervals_from_the_31st_are_counted_from_the_start_and_do_not_drift_to_the_28th()
    {
        var state = Contract(startsOn: D(2024, 8, 31), endsOn: D(2026, 8, 30));

        state.On(D(2025, 2, 27)).NextCheck.Should().Be(D(2025, 2, 28));
        state.On(D(2025, 2, 28)).Due.Should().Contain(ReportDue(D(2024, 8, 31), D(2025, 2, 27)));
        state.On(D(2025, 2, 28)).NextCheck.Should().Be(D(2025, 8, 31));

        var outcome = state.On(D(2025, 8, 31));

        outcome.Due.Should().Contain(ReportDue(D(2025, 2, 28), D(2025, 8, 30)));
        outcome.NextCheck.Should().Be(D(2026, 2, 28));
    }

    [Fact]
    public void Overdue_the_day_after_the_end_with_a_shortfall()
    {
        var state = Contract().ReportedOn(D(2024, 12, 1)).LastReportRejected();

        // The first interval had no report: that stays the latest interval reached until the term ends.
        state.On(D(2025, 3, 31)).Due.Should().Equal(new DueSignal(MonitoringSignal.Behind, D(2024, 4, 2)), FirstIntervalDue);
        state.On(D(2025, 3, 31)).NextCheck.Should().Be(D(2025, 4, 1));
        var outcome = state.On(D(2025, 4, 1));

        outcome.Due.Should().Equal(Overdue);
        Overdue.Key.Should().Be("overdue");
        outcome.NextCheck.Should().Be(D(2025, 7, 1), "the settlement is due then");
    }

    [Fact]
    public void The_last_interval_is_reached_the_day_after_the_end_and_no_interval_follows()
    {
        var outcome = Contract().On(D(2025, 4, 1));

        outcome.Due.Should().Equal(Overdue, LastIntervalDue);
        Contract().On(D(2025, 5, 1)).Due.Should().Equal(Overdue, LastIntervalDue);
        Contract().On(D(2025, 5, 1)).NextCheck.Should().Be(D(2025, 7, 1));
    }

    [Fact]
    public void Settlement_is_due_the_day_after_the_default_three_month_repair_period()
    {
        var state = Contract().ReportedOn(D(2024, 12, 1));

        state.On(D(2025, 6, 30)).Due.Should().Equal(Overdue);
        state.On(D(2025, 6, 30)).NextCheck.Should().Be(D(2025, 7, 1));
        var outcome = state.On(D(2025, 7, 1));

        outcome.Due.Should().Equal(Overdue, new DueSignal(MonitoringSignal.SettlementDue, D(2025, 7, 1)));
        outcome.Due[1].Key.Should().Be("settlement-due");
        outcome.NextCheck.Should().BeNull("nothing changes any more without a new event");
    }

    [Fact]
    public void A_one_month_repair_period_makes_the_settlement_due_two_months_earlier()
    {
        var oneMonth = new MonitoringTerms(6, 1);
        var state = Contract().ReportedOn(D(2024, 12, 1));

        state.On(D(2025, 4, 30), oneMonth).Due.Should().Equal(Overdue);
        state.On(D(2025, 4, 30), oneMonth).NextCheck.Should().Be(D(2025, 5, 1));
        state.On(D(2025, 5, 1), oneMonth).Due.Should().Equal(Overdue, new DueSignal(MonitoringSignal.SettlementDue, D(2025, 5, 1)));
        ContractMonitoring.SettlementDueFrom(EndsOn, new MonitoringTerms(6, 0)).Should().Be(D(2025, 4, 1));
    }

    [Fact]
    public void A_late_check_finds_overdue_and_settlement_due_on_one_day()
    {
        var state = Contract().ReportedOn(D(2024, 12, 1));

        var outcome = state.On(D(2025, 9, 15));

        outcome.Due.Should().Equal(Overdue, new DueSignal(MonitoringSignal.SettlementDue, D(2025, 7, 1)));
        outcome.NextCheck.Should().BeNull();
    }

    [Fact]
    public void Before_the_start_nothing_is_due_and_the_first_day_behind_is_checked()
    {
        var outcome = Contract().On(D(2024, 3, 15));

        outcome.Due.Should().BeEmpty();
        outcome.NextCheck.Should().Be(D(2024, 4, 2));
    }

    [Fact]
    public void Fulfilled_settled_and_not_applicable_contracts_need_no_reminders()
    {
        var fulfilled = Contract().ReportedOn(D(2024, 5, 1), 10_000m).LastReportAccepted();
        var settled = Contract().With([new ObligationSettled(SettlementOutcome.Penalty, Euros(5_000m), null, D(2025, 7, 1), Euros(10_000m), Money.Zero, Euros(10_000m))]);
        var notApplicable = Contract(value: 100_000m);

        foreach (var state in new[] { fulfilled, settled, notApplicable })
        foreach (var day in new[] { D(2024, 4, 2), D(2024, 10, 1), D(2025, 4, 1), D(2025, 9, 15) })
            state.On(day).Should().Be(new MonitoringOutcome([], null));
    }
}
