using NodaTime;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Shared;
using static Sroi.Ledger.Domain.Tests.Contracts.ContractScenario;

namespace Sroi.Ledger.Domain.Tests.Contracts;

public class AmendingContractTests
{
    private static readonly LocalDate June = new(2024, 6, 1);

    [Fact]
    public void Meerwerk_recalculates_the_obligation_under_the_same_policy_and_keeps_the_old_value()
    {
        var events = When(Given(Registered(200_000m)),
            state => ContractDecider.Decide(new AmendContractValue(Money.FromEuros(260_000m), June, "meerwerk riolering"), state));

        var amended = events.Should().ContainSingle().Which.Should().BeOfType<ContractAmended>().Subject;
        amended.PreviousValue.Should().Be(Money.FromEuros(200_000m));
        amended.NewValue.Should().Be(Money.FromEuros(260_000m));
        amended.Obligation.Amount.Should().Be(Money.FromEuros(13_000m));
        amended.Obligation.PolicyVersion.Should().Be("GM0603-v2");
    }

    [Fact]
    public void Minderwerk_below_the_threshold_ends_the_obligation()
    {
        var events = When(Given(Registered(200_000m)),
            state => ContractDecider.Decide(new AmendContractValue(Money.FromEuros(120_000m), June, "minderwerk"), state));

        ((ContractAmended)events.Single()).Obligation.Applies.Should().BeFalse();
    }

    [Fact]
    public void An_exemption_still_holds_after_an_amendment()
    {
        var events = When(Given(Registered(200_000m, new SroiChoice.Exemption("no labour"))),
            state => ContractDecider.Decide(new AmendContractValue(Money.FromEuros(400_000m), June, "meerwerk"), state));

        ((ContractAmended)events.Single()).Obligation.Applies.Should().BeFalse();
    }

    [Fact]
    public void An_amendment_cannot_take_effect_before_the_award()
    {
        var act = () => When(Given(Registered()),
            state => ContractDecider.Decide(new AmendContractValue(Money.FromEuros(1m), new LocalDate(2024, 2, 1), "x"), state));

        act.Should().Throw<RuleViolation>().Which.Field.Should().Be("effectiveOn");
    }

    [Fact]
    public void An_amendment_must_change_the_value()
    {
        var act = () => When(Given(Registered(200_000m)),
            state => ContractDecider.Decide(new AmendContractValue(Money.FromEuros(200_000m), June, "x"), state));

        act.Should().Throw<RuleViolation>().Which.Code.Should().Be("contract.amendment-without-change");
    }

    [Fact]
    public void A_completed_contract_is_not_amended()
    {
        var act = () => When(Given(Registered(), new ContractCompleted(June)),
            state => ContractDecider.Decide(new AmendContractValue(Money.FromEuros(1m), June, "x"), state));

        act.Should().Throw<RuleViolation>().Which.Code.Should().Be("contract.already-completed");
    }

    [Fact]
    public void An_unregistered_contract_is_not_amended()
    {
        var act = () => When(Given(), state => ContractDecider.Decide(new AmendContractValue(Money.FromEuros(1m), June, "x"), state));

        act.Should().Throw<RuleViolation>().Which.Code.Should().Be("contract.not-registered");
    }
}
