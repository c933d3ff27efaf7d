using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Settlement;
using Sroi.Ledger.Domain.Shared;
using static Sroi.Ledger.Domain.Tests.Fulfilments.FulfilmentScenario;

namespace Sroi.Ledger.Domain.Tests.Fulfilments;

public class ReportingAndReviewTests
{
    private static RuleViolation Refused(Action act) => act.Should().Throw<RuleViolation>().Which;

    [Fact]
    public void A_period_may_start_up_to_12_months_before_the_contract_but_not_earlier()
    {
        Report(Contract(), Employment(Work(D(2023, 4, 1), D(2023, 6, 30)))).Should().ContainSingle();

        var early = Refused(() => Report(Contract(), Employment(Work(D(2023, 3, 31), D(2023, 6, 30)))));
        early.Code.Should().Be("fulfilment.outside-term");
        early.Field.Should().Be("periodStart");
    }

    [Fact]
    public void A_period_may_not_run_past_the_contract_end_nor_into_the_future()
    {
        Refused(() => Report(Contract(), Employment(Work(D(2025, 3, 1), D(2025, 4, 30))))).Field.Should().Be("periodEnd");

        var future = Refused(() => Report(Contract(), Quarter2Of2024(), today: D(2024, 6, 29)));
        future.Code.Should().Be("fulfilment.in-future");
        future.Field.Should().Be("periodEnd");
    }

    [Fact]
    public void An_invoice_outside_the_term_names_the_invoice_date()
    {
        var supplier = new Supplier(KvkNumber.Parse("87654321"), "Werkplaats", Sroi.Ledger.Domain.BuildingBlocks.SupplierRecognition.CodeSocialeOndernemingen);

        Refused(() => Report(Contract(), new FulfilmentReport.SocialProcurement(supplier, "F-1", D(2025, 5, 1), Euros(100m))))
            .Field.Should().Be("invoiceDate");
    }

    [Fact]
    public void Without_a_table_in_force_a_report_cannot_be_valued()
    {
        var refused = Refused(() => FulfilmentDecider.Decide(
            new ReportFulfilment(Guid.NewGuid(), Reporter.Opdrachtnemer, Quarter2Of2024(), null, Today), Contract()));

        refused.Code.Should().Be("valuation.no-table-in-force");
        refused.Field.Should().Be("periodStart");
    }

    [Fact]
    public void The_same_candidate_cannot_be_reported_twice_for_the_same_days_unless_the_first_report_no_longer_counts()
    {
        var first = Reported(Quarter2Of2024());

        Refused(() => Report(Contract(first), Employment(Work(D(2024, 6, 1), D(2024, 7, 31))))).Code.Should().Be("fulfilment.period-overlap");
        Report(Contract(first), Quarter2Of2024(Bram)).Should().ContainSingle();
        Report(Contract(first, new FulfilmentRejected(first.FulfilmentId, Today, "geen contract overlegd")), Quarter2Of2024())
            .Should().ContainSingle();
    }

    [Fact]
    public void A_contract_without_an_obligation_or_with_a_settled_one_takes_no_reports()
    {
        var exempt = ContractDecider.Fold([Contracts.ContractScenario.Registered(sroi: new SroiChoice.Exemption("geen arbeid"))]);
        Refused(() => Report(exempt, Quarter2Of2024())).Code.Should().Be("fulfilment.no-obligation");

        var settled = Contract(new ObligationSettled(SettlementOutcome.Waived, null, "overmacht", Today, Euros(10_000m), Money.Zero, Euros(10_000m)));
        Refused(() => Report(settled, Quarter2Of2024())).Code.Should().Be("contract.settled");
    }

    [Fact]
    public void The_coordinator_accepts_or_rejects_a_pending_report_once()
    {
        var report = Reported(Quarter2Of2024());

        var accepted = FulfilmentDecider.Decide(new AcceptFulfilment(report.FulfilmentId, "loonstroken gezien", Today), Contract(report));
        accepted.Should().ContainSingle().Which.Should().Be(new FulfilmentAccepted(report.FulfilmentId, Today, "loonstroken gezien"));

        var state = Contract(report, accepted[0]);
        state.Fulfilments[report.FulfilmentId].Status.Should().Be(FulfilmentStatus.Accepted);
        Refused(() => FulfilmentDecider.Decide(new RejectFulfilment(report.FulfilmentId, "te laat", Today), state)).Code.Should().Be("fulfilment.not-pending");
    }

    [Fact]
    public void Only_the_reporter_withdraws_and_only_while_pending()
    {
        var report = Reported(Quarter2Of2024(), by: Reporter.Opdrachtnemer);

        Refused(() => FulfilmentDecider.Decide(new WithdrawFulfilment(report.FulfilmentId, Reporter.Wsp, null, Today), Contract(report)))
            .Code.Should().Be("fulfilment.withdrawal-by-reporter-only");
        FulfilmentDecider.Decide(new WithdrawFulfilment(report.FulfilmentId, Reporter.Opdrachtnemer, "dubbel", Today), Contract(report))
            .Should().ContainSingle().Which.Should().BeOfType<FulfilmentWithdrawn>();
        Refused(() => FulfilmentDecider.Decide(new WithdrawFulfilment(report.FulfilmentId, Reporter.Opdrachtnemer, null, Today),
            Contract(report, new FulfilmentAccepted(report.FulfilmentId, Today, null)))).Code.Should().Be("fulfilment.not-pending");
    }

    [Fact]
    public void A_correction_replaces_a_report_whose_days_no_longer_count_against_the_cap()
    {
        var wrong = Reported(Employment(Work(D(2024, 1, 1), D(2024, 12, 31)), TargetGroup.Ww)); // uses up the whole year
        var newId = Guid.NewGuid();

        var corrected = FulfilmentDecider.Decide(new CorrectFulfilment(wrong.FulfilmentId, newId, Reporter.Opdrachtnemer,
            Employment(Work(D(2024, 4, 1), D(2024, 6, 30)), TargetGroup.Ww), Haaglanden, Today), Contract(wrong));

        var replacement = corrected.Should().ContainSingle().Which.Should().BeOfType<FulfilmentReported>().Subject;
        replacement.Replaces.Should().Be(wrong.FulfilmentId);
        replacement.Valuation.ExcessDays.Should().Be(0);
        var state = Contract(wrong, replacement);
        state.Fulfilments[wrong.FulfilmentId].Status.Should().Be(FulfilmentStatus.Replaced);
        state.Fulfilments[wrong.FulfilmentId].ReplacedBy.Should().Be(newId);
        state.Fulfilments[newId].Status.Should().Be(FulfilmentStatus.Pending);
    }

    [Fact]
    public void A_contractor_corrects_only_its_own_reports_and_nothing_corrects_a_withdrawn_one()
    {
        var byWsp = Reported(Quarter2Of2024(), by: Reporter.Wsp);
        Refused(() => FulfilmentDecider.Decide(new CorrectFulfilment(byWsp.FulfilmentId, Guid.NewGuid(), Reporter.Opdrachtnemer,
            Quarter2Of2024(), Haaglanden, Today), Contract(byWsp))).Code.Should().Be("fulfilment.correction-not-allowed");

        var withdrawn = Contract(byWsp, new FulfilmentWithdrawn(byWsp.FulfilmentId, Today, null));
        Refused(() => FulfilmentDecider.Decide(new CorrectFulfilment(byWsp.FulfilmentId, Guid.NewGuid(), Reporter.Wsp,
            Quarter2Of2024(), Haaglanden, Today), withdrawn)).Code.Should().Be("fulfilment.not-correctable");
    }
}
