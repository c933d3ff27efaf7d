using Sroi.Ledger.Domain.Balance;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Settlement;
using Sroi.Ledger.Domain.Shared;
using static Sroi.Ledger.Domain.Tests.Fulfilments.FulfilmentScenario;

namespace Sroi.Ledger.Domain.Tests.Balance;

public class BalanceStatusTests
{
    private static FulfilmentAccepted Accept(FulfilmentReported report) => new(report.FulfilmentId, Today, null);

    [Fact]
    public void Only_accepted_value_is_fulfilled_pending_and_rejected_are_shown_apart()
    {
        var accepted = Reported(Quarter2Of2024());                     // 9.972,60
        var pending = Reported(Quarter2Of2024(Bram), before: accepted); // 9.972,60
        var rejected = Reported(new FulfilmentReport.Training("VCA", Euros(500m), null), before: [accepted, pending]);

        var balance = ContractBalance.Of(Contract(accepted, Accept(accepted), pending, rejected, new FulfilmentRejected(rejected.FulfilmentId, Today, "geen factuur")));

        balance.Obligation.Should().Be(Euros(10_000m));
        balance.Accepted.Should().Be(Euros(9_972.60m));
        balance.Pending.Should().Be(Euros(9_972.60m));
        balance.Rejected.Should().Be(Euros(500m));
        balance.Remaining.Should().Be(Euros(27.40m));
        balance.Percentage.Should().Be(99.7m);
        balance.ByKind[FulfilmentKind.Employment].Should().Be(new KindTotals(Euros(9_972.60m), Euros(9_972.60m), Money.Zero));
        balance.ByKind[FulfilmentKind.Training].Rejected.Should().Be(Euros(500m));
    }

    [Fact]
    public void Behind_means_the_accepted_share_is_below_the_elapsed_share_of_the_term()
    {
        // Term 2024-04-01 through 2025-03-31: 365 days. A quarter accepted (2.500 of 10.000) covers 91 days (365 × 0,25 = 91,25).
        var training = Reported(new FulfilmentReport.Training("VCA", Euros(2_500m), null));
        var balance = ContractBalance.Of(Contract(training, Accept(training)));

        balance.BehindFrom.Should().Be(D(2024, 7, 2)); // 92 days elapsed > 91,25
        balance.StatusOn(D(2024, 7, 1)).Should().Be(BalanceStatus.OnTrack);
        balance.StatusOn(D(2024, 7, 2)).Should().Be(BalanceStatus.Behind);
        balance.StatusOn(D(2025, 3, 31)).Should().Be(BalanceStatus.Behind);
        balance.StatusOn(D(2025, 4, 1)).Should().Be(BalanceStatus.Overdue);
    }

    [Fact]
    public void Nothing_accepted_is_on_track_on_the_first_day_and_behind_from_the_second()
    {
        var balance = ContractBalance.Of(Contract());

        balance.StatusOn(D(2024, 3, 1)).Should().Be(BalanceStatus.OnTrack);
        balance.StatusOn(D(2024, 4, 1)).Should().Be(BalanceStatus.OnTrack);
        balance.StatusOn(D(2024, 4, 2)).Should().Be(BalanceStatus.Behind);
    }

    [Fact]
    public void Fulfilled_not_applicable_and_settled_do_not_depend_on_the_date()
    {
        var training = Reported(new FulfilmentReport.Training("Leerwerktraject", Euros(10_000m), null));
        var fulfilled = ContractBalance.Of(Contract(training, Accept(training)));
        fulfilled.FixedStatus.Should().Be(BalanceStatus.Fulfilled);
        fulfilled.StatusOn(D(2030, 1, 1)).Should().Be(BalanceStatus.Fulfilled);

        ContractBalance.Of(ContractDecider.Fold([Contracts.ContractScenario.Registered(100_000m)]))
            .StatusOn(D(2024, 6, 1)).Should().Be(BalanceStatus.NotApplicable);

        var settled = Contract(new ObligationSettled(SettlementOutcome.Penalty, Euros(5_000m), null, Today, Euros(10_000m), Money.Zero, Euros(10_000m)));
        ContractBalance.Of(settled).StatusOn(Today).Should().Be(BalanceStatus.Settled);
    }
}
