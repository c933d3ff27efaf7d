using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Settlement;
using Sroi.Ledger.Domain.Shared;
using static Sroi.Ledger.Domain.Tests.Fulfilments.FulfilmentScenario;

namespace Sroi.Ledger.Domain.Tests.Settlement;

public class SettlingObligationTests
{
    private static readonly FulfilmentReported Training = Reported(new FulfilmentReport.Training("VCA", Euros(4_000m), null));
    private static readonly ContractState FourThousandAccepted = Contract(Training, new FulfilmentAccepted(Training.FulfilmentId, Today, null));

    private static RuleViolation Refused(SettleObligation command, ContractState state) =>
        FluentActions.Invoking(() => SettlementDecider.Decide(command, state)).Should().Throw<RuleViolation>().Which;

    [Fact]
    public void A_shortfall_is_settled_with_a_penalty_that_records_the_figures()
    {
        var settled = SettlementDecider.Decide(new SettleObligation(SettlementOutcome.Penalty, Euros(3_000m), "na herstelperiode", Today), FourThousandAccepted);

        settled.Should().ContainSingle().Which.Should().Be(new ObligationSettled(
            SettlementOutcome.Penalty, Euros(3_000m), "na herstelperiode", Today, Euros(10_000m), Euros(4_000m), Euros(6_000m)));
    }

    [Fact]
    public void Met_requires_the_obligation_to_be_met_and_a_met_obligation_has_nothing_to_enforce()
    {
        Refused(new SettleObligation(SettlementOutcome.Met, null, null, Today), FourThousandAccepted).Code.Should().Be("settlement.not-met");

        var full = Reported(new FulfilmentReport.Training("Leerwerktraject", Euros(10_000m), null));
        var met = Contract(full, new FulfilmentAccepted(full.FulfilmentId, Today, null));
        Refused(new SettleObligation(SettlementOutcome.Waived, null, "x", Today), met).Code.Should().Be("settlement.obligation-met");
        SettlementDecider.Decide(new SettleObligation(SettlementOutcome.Met, null, null, Today), met).Should().ContainSingle();
    }

    [Fact]
    public void Settlement_comes_after_the_term_once_every_report_is_reviewed_and_only_once()
    {
        Refused(new SettleObligation(SettlementOutcome.Waived, null, "x", D(2025, 3, 31)), FourThousandAccepted).Code.Should().Be("settlement.before-end");

        var pending = Reported(Quarter2Of2024(), before: [Training]);
        Refused(new SettleObligation(SettlementOutcome.Waived, null, "x", Today), Contract(Training, pending)).Code.Should().Be("settlement.pending-reports");

        var settled = FourThousandAccepted with
        {
            Settlement = new ObligationSettled(SettlementOutcome.BuyOff, Euros(6_000m), null, Today, Euros(10_000m), Euros(4_000m), Euros(6_000m)),
        };
        Refused(new SettleObligation(SettlementOutcome.Waived, null, "x", Today), settled).Code.Should().Be("settlement.already-settled");
    }

    [Fact]
    public void A_contract_without_an_obligation_has_nothing_to_settle() =>
        Refused(new SettleObligation(SettlementOutcome.Met, null, null, Today), ContractDecider.Fold([Contracts.ContractScenario.Registered(100_000m)]))
            .Code.Should().Be("settlement.no-obligation");

    [Fact]
    public void A_settled_contract_is_not_amended()
    {
        var settled = FourThousandAccepted with
        {
            Settlement = new ObligationSettled(SettlementOutcome.Waived, null, "overmacht", Today, Euros(10_000m), Euros(4_000m), Euros(6_000m)),
        };

        FluentActions.Invoking(() => ContractDecider.Decide(new AmendContractValue(Euros(300_000m), Today, "meerwerk"), settled))
            .Should().Throw<RuleViolation>().Which.Code.Should().Be("contract.settled");
    }
}
