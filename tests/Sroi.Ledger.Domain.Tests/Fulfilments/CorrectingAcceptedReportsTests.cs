using Sroi.Ledger.Domain.Balance;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Shared;
using static Sroi.Ledger.Domain.Tests.Fulfilments.FulfilmentScenario;

namespace Sroi.Ledger.Domain.Tests.Fulfilments;

/// <summary>
/// Figures that do not jump (issue 17): an accepted report keeps counting until its correction is accepted, and then the
/// correction counts instead; a rejected or withdrawn correction leaves the accepted report as it was.
/// </summary>
public class CorrectingAcceptedReportsTests
{
    private static readonly FulfilmentReport Accepted11080 = new FulfilmentReport.Training("VCA", Euros(11_080.67m), null);
    private static readonly FulfilmentReport Corrected9000 = new FulfilmentReport.Training("VCA", Euros(9_000m), null);

    private static FulfilmentReported Correct(Guid old, FulfilmentReport report, params IContractEvent[] history) =>
        (FulfilmentReported)FulfilmentDecider.Decide(
            new CorrectFulfilment(old, Guid.NewGuid(), Reporter.Opdrachtnemer, report, Haaglanden, Today), Contract(history)).Single();

    private static FulfilmentAccepted Accept(Guid id) => new(id, Today, null);

    private static RuleViolation Refused(Action act) => act.Should().Throw<RuleViolation>().Which;

    /// <summary>Given a report of €11.080,67 that the WSP accepted.</summary>
    private static (FulfilmentReported Report, IContractEvent[] History) GivenAnAcceptedReport()
    {
        var report = Reported(Accepted11080);
        return (report, [report, Accept(report.FulfilmentId)]);
    }

    [Fact]
    public void While_the_correction_of_an_accepted_report_awaits_review_the_accepted_amount_still_counts()
    {
        var (report, history) = GivenAnAcceptedReport();
        var before = ContractBalance.Of(Contract(history));

        var correction = Correct(report.FulfilmentId, Corrected9000, history);

        var state = Contract([.. history, correction]);
        var balance = ContractBalance.Of(state);
        balance.Accepted.Should().Be(Euros(11_080.67m));
        balance.Pending.Should().Be(Euros(9_000m));
        balance.BehindFrom.Should().Be(before.BehindFrom, "the status does not move while the correction awaits review");
        state.Fulfilments[report.FulfilmentId].Status.Should().Be(FulfilmentStatus.Accepted);
        state.Fulfilments[report.FulfilmentId].PendingCorrection.Should().Be(correction.FulfilmentId);
        state.Fulfilments[report.FulfilmentId].ReplacedBy.Should().BeNull();
        state.Fulfilments[correction.FulfilmentId].Replaces.Should().Be(report.FulfilmentId);
    }

    [Fact]
    public void When_the_correction_is_accepted_it_counts_instead_of_the_report_it_corrects()
    {
        var (report, history) = GivenAnAcceptedReport();
        var correction = Correct(report.FulfilmentId, Corrected9000, history);

        var state = Contract([.. history, correction, Accept(correction.FulfilmentId)]);

        var balance = ContractBalance.Of(state);
        balance.Accepted.Should().Be(Euros(9_000m));
        balance.Pending.Should().Be(Money.Zero);
        state.Fulfilments[report.FulfilmentId].Status.Should().Be(FulfilmentStatus.Replaced);
        state.Fulfilments[report.FulfilmentId].ReplacedBy.Should().Be(correction.FulfilmentId);
        state.Fulfilments[report.FulfilmentId].PendingCorrection.Should().BeNull();
    }

    [Fact]
    public void When_the_correction_is_rejected_the_accepted_report_still_counts_as_it_was()
    {
        var (report, history) = GivenAnAcceptedReport();
        var correction = Correct(report.FulfilmentId, Corrected9000, history);

        var state = Contract([.. history, correction, new FulfilmentRejected(correction.FulfilmentId, Today, "Geen nieuwe factuur")]);

        var balance = ContractBalance.Of(state);
        balance.Accepted.Should().Be(Euros(11_080.67m));
        balance.Pending.Should().Be(Money.Zero);
        balance.Rejected.Should().Be(Euros(9_000m));
        state.Fulfilments[report.FulfilmentId].Should().Be(Contract(history).Fulfilments[report.FulfilmentId], "it is as it was");
    }

    [Fact]
    public void When_the_correction_is_withdrawn_the_accepted_report_still_counts_as_it_was()
    {
        var (report, history) = GivenAnAcceptedReport();
        var correction = Correct(report.FulfilmentId, Corrected9000, history);

        var state = Contract([.. history, correction, new FulfilmentWithdrawn(correction.FulfilmentId, Today, "Vergissing")]);

        ContractBalance.Of(state).Accepted.Should().Be(Euros(11_080.67m));
        state.Fulfilments[report.FulfilmentId].Should().Be(Contract(history).Fulfilments[report.FulfilmentId]);
    }

    [Fact]
    public void A_correction_of_the_pending_correction_takes_its_place_and_its_acceptance_replaces_the_accepted_report()
    {
        var (report, history) = GivenAnAcceptedReport();
        var first = Correct(report.FulfilmentId, Corrected9000, history);
        var second = Correct(first.FulfilmentId, new FulfilmentReport.Training("VCA", Euros(9_500m), null), [.. history, first]);

        var pending = Contract([.. history, first, second]);
        pending.Fulfilments[first.FulfilmentId].Status.Should().Be(FulfilmentStatus.Replaced);
        pending.Fulfilments[report.FulfilmentId].PendingCorrection.Should().Be(second.FulfilmentId);
        ContractBalance.Of(pending).Accepted.Should().Be(Euros(11_080.67m));

        var accepted = Contract([.. history, first, second, Accept(second.FulfilmentId)]);
        ContractBalance.Of(accepted).Accepted.Should().Be(Euros(9_500m));
        accepted.Fulfilments[report.FulfilmentId].Status.Should().Be(FulfilmentStatus.Replaced);
        accepted.Fulfilments[report.FulfilmentId].ReplacedBy.Should().Be(second.FulfilmentId);
    }

    [Fact]
    public void A_correction_of_the_same_candidate_and_days_is_not_an_overlap_with_the_report_it_would_replace()
    {
        var employment = Reported(Quarter2Of2024());                                  // 9.972,60
        var history = new IContractEvent[] { employment, Accept(employment.FulfilmentId) };
        var halfTime = Employment(Work(D(2024, 4, 1), D(2024, 6, 30), hours: 18m));

        var first = Correct(employment.FulfilmentId, halfTime, history);
        var second = Correct(first.FulfilmentId, halfTime, [.. history, first]);

        first.Valuation.Value.Should().Be(Euros(4_986.30m));
        second.Valuation.Value.Should().Be(Euros(4_986.30m));
        ContractBalance.Of(Contract([.. history, first, second])).Accepted.Should().Be(Euros(9_972.60m));
    }

    [Fact]
    public void One_correction_of_an_accepted_report_at_a_time_and_a_rejected_correction_is_not_corrected_while_the_original_counts()
    {
        var (report, history) = GivenAnAcceptedReport();
        var correction = Correct(report.FulfilmentId, Corrected9000, history);

        Refused(() => Correct(report.FulfilmentId, Corrected9000, [.. history, correction])).Code.Should().Be("fulfilment.correction-pending");

        IContractEvent[] rejected = [.. history, correction, new FulfilmentRejected(correction.FulfilmentId, Today, "Nee")];
        Refused(() => Correct(correction.FulfilmentId, Corrected9000, rejected)).Code.Should().Be("fulfilment.correct-the-original");
        Correct(report.FulfilmentId, Corrected9000, rejected).Replaces.Should().Be(report.FulfilmentId, "the original is corrected again");
    }

    [Fact]
    public void A_rejected_correction_of_a_correction_is_not_corrected_while_the_original_at_the_start_of_its_chain_counts()
    {
        // The accepted report, corrected; that pending correction corrected in its turn (it is replaced), and the second
        // correction rejected: its chain goes back through the replaced one to the original, which still counts.
        var (report, history) = GivenAnAcceptedReport();
        var first = Correct(report.FulfilmentId, Corrected9000, history);
        var second = Correct(first.FulfilmentId, Corrected9000, [.. history, first]);
        IContractEvent[] rejected = [.. history, first, second, new FulfilmentRejected(second.FulfilmentId, Today, "Nee")];

        var refused = Refused(() => Correct(second.FulfilmentId, Corrected9000, rejected));

        refused.Code.Should().Be("fulfilment.correct-the-original");
        refused.Message.Should().Contain($"correct {report.FulfilmentId} instead");
        Correct(report.FulfilmentId, Corrected9000, rejected).Replaces.Should().Be(report.FulfilmentId, "the original is corrected again");
    }
}
