using NodaTime;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Shared;
using static Sroi.Ledger.Domain.Tests.Contracts.ContractScenario;

namespace Sroi.Ledger.Domain.Tests.Contracts;

public class RegisteringContractTests
{
    [Fact]
    public void Above_the_threshold_the_policy_percentage_of_the_value_is_owed()
    {
        var registered = Registered(value: 200_000m);

        registered.Obligation.Should().Be(new Obligation(true, 5m, Money.FromEuros(10_000m), "GM0603-v2",
            registered.Obligation.Reason));
        registered.Obligation.Reason.Should().Contain("at or above the threshold").And.Contain("GM0603-v2");
    }

    [Fact]
    public void Exactly_at_the_threshold_the_obligation_applies()
    {
        Registered(value: 150_000m).Obligation.Amount.Should().Be(Money.FromEuros(7_500m));
    }

    [Fact]
    public void One_cent_below_the_threshold_nothing_is_owed_and_the_reason_says_why()
    {
        var obligation = Registered(value: 149_999.99m).Obligation;

        obligation.Applies.Should().BeFalse();
        obligation.Amount.Should().Be(Money.Zero);
        obligation.PolicyVersion.Should().Be("GM0603-v2");
        obligation.Reason.Should().Contain("below the threshold");
    }

    [Fact]
    public void The_threshold_of_the_contracts_category_is_used()
    {
        var policy = ContractScenario.Rijswijk2021 with
        {
            Thresholds = new SroiThresholds(Money.FromEuros(225_000m), Money.FromEuros(125_000m), Money.FromEuros(125_000m)),
        };

        var works = ContractDecider.Decide(Register(200_000m, ContractCategory.Werken, policy: policy), ContractState.Initial);
        var services = ContractDecider.Decide(Register(200_000m, ContractCategory.Diensten, policy: policy), ContractState.Initial);

        ((ContractRegistered)works.Single()).Obligation.Applies.Should().BeFalse();
        ((ContractRegistered)services.Single()).Obligation.Amount.Should().Be(Money.FromEuros(10_000m));
    }

    [Fact]
    public void Procurement_may_set_another_percentage_and_the_reason_is_kept()
    {
        var obligation = Registered(value: 100_000m, sroi: new SroiChoice.Percentage(2m, "labour share under 30%")).Obligation;

        obligation.Applies.Should().BeTrue();
        obligation.Percentage.Should().Be(2m);
        obligation.Amount.Should().Be(Money.FromEuros(2_000m));
        obligation.Reason.Should().Contain("labour share under 30%").And.Contain("GM0603-v2 says 5%");
    }

    [Fact]
    public void An_exempted_contract_owes_nothing_and_records_the_written_reason()
    {
        var obligation = Registered(value: 900_000m, sroi: new SroiChoice.Exemption("Specialist supplies, no labour")).Obligation;

        obligation.Should().Be(new Obligation(false, 0m, Money.Zero, "GM0603-v2", "Exempted by procurement: Specialist supplies, no labour"));
    }

    [Fact]
    public void Without_a_policy_in_force_the_contract_is_refused_unless_procurement_decides()
    {
        var act = () => ContractDecider.Decide(Register(noPolicy: true), ContractState.Initial);

        act.Should().Throw<RuleViolation>().Which.Code.Should().Be("sroi.no-policy-in-force");
        ContractDecider.Decide(Register(noPolicy: true, sroi: new SroiChoice.Exemption("pilot")), ContractState.Initial)
            .Should().ContainSingle();
    }

    [Fact]
    public void A_contract_is_registered_once()
    {
        var act = () => When(Given(Registered()), state => ContractDecider.Decide(Register(), state));

        act.Should().Throw<RuleViolation>().Which.Code.Should().Be("contract.already-registered");
    }

    [Fact]
    public void Amounts_round_half_away_from_zero_to_the_cent()
    {
        // 5% of 150.000,10 = 7.500,005 → 7.500,01
        Registered(value: 150_000.10m).Obligation.Amount.Should().Be(new Money(750_001));
    }
}
