using NodaTime;
using Sroi.Ledger.Domain.Monitoring;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Tests.Policies;

public class SroiPolicyTests
{
    private static SroiPolicyHistory RijswijkHistory() =>
        DefaultPolicies.Rijswijk.Aggregate(SroiPolicyHistory.Empty,
            (history, command) => SroiPolicyDecider.Evolve(history, SroiPolicyDecider.Decide(command, history)));

    [Fact]
    public void Rijswijk_follows_the_national_threshold_before_2021_and_its_own_from_2021()
    {
        var history = RijswijkHistory();

        history.InForceOn(new LocalDate(2020, 12, 31))!.Thresholds.Werken.Should().Be(Money.FromEuros(250_000m));
        history.InForceOn(new LocalDate(2021, 1, 1))!.Thresholds.Werken.Should().Be(Money.FromEuros(150_000m));
        history.InForceOn(new LocalDate(2021, 1, 1))!.Id.Should().Be("GM0603-v2");
        history.InForceOn(new LocalDate(1999, 12, 31)).Should().BeNull();
    }

    [Fact]
    public void A_new_version_gets_the_next_number_and_a_date_is_used_once()
    {
        var history = RijswijkHistory();
        var command = new AddSroiPolicyVersion(MunicipalityCode.Rijswijk, new LocalDate(2026, 1, 1), 4m,
            SroiThresholds.Same(Money.FromEuros(100_000m)), "test", new MonitoringTerms(3, 1));

        SroiPolicyDecider.Decide(command, history).Policy.Id.Should().Be("GM0603-v3");
        SroiPolicyDecider.Decide(command, history).Policy.Monitoring.Should().Be(new MonitoringTerms(3, 1));
        var again = () => SroiPolicyDecider.Decide(command with { EffectiveFrom = new LocalDate(2021, 1, 1) }, history);
        again.Should().Throw<RuleViolation>().Which.Field.Should().Be("effectiveFrom");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100.5)]
    public void A_percentage_lies_above_zero_and_at_most_100(decimal percentage)
    {
        var command = new AddSroiPolicyVersion(MunicipalityCode.Rijswijk, new LocalDate(2026, 1, 1), percentage,
            SroiThresholds.Same(Money.Zero), "test", MonitoringTerms.Default);

        var act = () => SroiPolicyDecider.Decide(command, SroiPolicyHistory.Empty);

        act.Should().Throw<RuleViolation>().Which.Field.Should().Be("percentage");
    }

    [Theory]
    [InlineData(0, 3, "reportingIntervalMonths")]
    [InlineData(25, 3, "reportingIntervalMonths")]
    [InlineData(6, -1, "repairPeriodMonths")]
    [InlineData(6, 25, "repairPeriodMonths")]
    public void A_reporting_interval_is_1_to_24_months_and_a_repair_period_0_to_24(int interval, int repair, string field)
    {
        var command = new AddSroiPolicyVersion(MunicipalityCode.Rijswijk, new LocalDate(2026, 1, 1), 5m,
            SroiThresholds.Same(Money.Zero), "test", new MonitoringTerms(interval, repair));

        var act = () => SroiPolicyDecider.Decide(command, SroiPolicyHistory.Empty);

        act.Should().Throw<RuleViolation>().Which.Field.Should().Be(field);
    }

    [Fact]
    public void Rijswijks_shipped_versions_monitor_under_the_defaults_a_report_every_6_months_and_3_months_to_repair()
    {
        RijswijkHistory().Versions.Select(v => v.Monitoring).Should().AllBeEquivalentTo(new MonitoringTerms(6, 3));
        MonitoringTerms.Default.ReportingInterval.Should().Be(Period.FromMonths(6));
        MonitoringTerms.Default.RepairPeriod.Should().Be(Period.FromMonths(3));
    }

    [Fact]
    public void A_contract_is_monitored_under_the_version_its_obligation_names_else_the_one_in_force_on_its_award_date_else_the_defaults()
    {
        var history = SroiPolicyDecider.Evolve(RijswijkHistory(), SroiPolicyDecider.Decide(new AddSroiPolicyVersion(MunicipalityCode.Rijswijk,
            new LocalDate(2026, 1, 1), 5m, SroiThresholds.Same(Money.FromEuros(150_000m)), "kwartaal", new MonitoringTerms(3, 1)), RijswijkHistory()));

        // Awarded in 2026 but under v2 (the obligation was decided then): v2's terms, not v3's.
        history.MonitoringTermsFor("GM0603-v2", new LocalDate(2026, 3, 1)).Should().Be(MonitoringTerms.Default);
        history.MonitoringTermsFor("GM0603-v3", new LocalDate(2025, 3, 1)).Should().Be(new MonitoringTerms(3, 1));
        // Set by procurement without a policy version: the version in force on the award date.
        history.MonitoringTermsFor(null, new LocalDate(2026, 3, 1)).Should().Be(new MonitoringTerms(3, 1));
        history.MonitoringTermsFor(null, new LocalDate(2025, 3, 1)).Should().Be(MonitoringTerms.Default);
        history.MonitoringTermsFor("GM0603-v9", new LocalDate(2026, 3, 1)).Should().Be(new MonitoringTerms(3, 1));
        SroiPolicyHistory.Empty.MonitoringTermsFor(null, new LocalDate(2026, 3, 1)).Should().Be(MonitoringTerms.Default);
    }
}
