using NodaTime;
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
            SroiThresholds.Same(Money.FromEuros(100_000m)), "test");

        SroiPolicyDecider.Decide(command, history).Policy.Id.Should().Be("GM0603-v3");
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
            SroiThresholds.Same(Money.Zero), "test");

        var act = () => SroiPolicyDecider.Decide(command, SroiPolicyHistory.Empty);

        act.Should().Throw<RuleViolation>().Which.Field.Should().Be("percentage");
    }
}
