using Sroi.Ledger.Domain.Candidates;
using static Sroi.Ledger.Domain.Tests.Candidates.CandidateScenario;

namespace Sroi.Ledger.Domain.Tests.Candidates;

/// <summary>Ending, correcting and withdrawing a placement.</summary>
public class ChangingPlacementTests
{
    private static EndPlacement End(string endedOn) => new(PlacementId, Date(endedOn), "Einde contract", Today);

    [Fact]
    public void A_placement_ends_once_and_not_before_it_started()
    {
        When(Given(Registered(), Placed()), state => CandidateDecider.Decide(End("2021-09-30"), state))
            .Should().Equal(new PlacementEnded(PlacementId, Date("2021-09-30"), "Einde contract"));
        Breaks(() => When(Given(Registered(), Placed()), state => CandidateDecider.Decide(End("2021-02-28"), state)), "placement.ends-before-start", "endedOn");
        Breaks(() => When(Given(Registered(), Placed(), new PlacementEnded(PlacementId, Date("2021-09-30"), "x")),
            state => CandidateDecider.Decide(End("2021-10-31"), state)), "placement.already-ended", "endedOn");
        Breaks(() => When(Given(Registered(), Placed()), state => CandidateDecider.Decide(End("2021-09-30") with { EndedOn = Today.PlusDays(1) }, state)),
            "placement.ended-in-future", "endedOn");
        Breaks(() => When(Given(Registered()), state => CandidateDecider.Decide(End("2021-09-30"), state)), "placement.not-recorded", null);
    }

    [Fact]
    public void A_correction_carries_every_countable_attribute_after_it()
    {
        var events = When(Given(Registered(), Placed(hours: 40)), state => CandidateDecider.Decide(Correct(startedOn: "2022-01-10", hours: 24), state));

        events.Should().Equal(new PlacementCorrected(PlacementId, Date("2022-01-10"), 24, false, PlacementKind.Regular, PlacementChannel.Wsp, null,
            "Verkeerd ingevoerd"));
    }

    [Fact]
    public void Fulltime_given_by_hand_wins_over_the_hours_rule() =>
        When(Given(Registered(), Placed(hours: 40)), state => CandidateDecider.Decide(Correct(hours: 30, fullTime: true), state))
            .Single().Should().BeOfType<PlacementCorrected>().Which.FullTime.Should().BeTrue();

    [Fact]
    public void Moving_to_channel_sroi_needs_a_contract_and_leaving_it_drops_the_contract()
    {
        var given = Given(Registered(), Placed());
        Breaks(() => When(given, state => CandidateDecider.Decide(Correct(channel: PlacementChannel.Sroi), state)),
            "placement.sroi-contract-required", "sroiContractId");
        var toSroi = (PlacementCorrected)When(given, state => CandidateDecider.Decide(
            Correct(channel: PlacementChannel.Sroi, contract: new ContractLookup.Found(RegionalContract)), state)).Single();
        toSroi.SroiContract.Should().Be(RegionalContract);
        var back = (PlacementCorrected)When([.. given, toSroi], state => CandidateDecider.Decide(Correct(channel: PlacementChannel.JobMarket), state)).Single();
        back.SroiContract.Should().BeNull();
        // A correction of the hours of an SROI placement keeps its contract.
        ((PlacementCorrected)When([.. given, toSroi], state => CandidateDecider.Decide(Correct(hours: 20), state)).Single())
            .SroiContract.Should().Be(RegionalContract);
    }

    [Fact]
    public void A_correction_keeps_the_rules_of_a_recording()
    {
        var ended = Given(Registered(), Placed(), new PlacementEnded(PlacementId, Date("2021-09-30"), "x"));
        Breaks(() => When(ended, state => CandidateDecider.Decide(Correct(startedOn: "2021-10-01"), state)), "placement.ends-before-start", "startedOn");
        Breaks(() => When(ended, state => CandidateDecider.Decide(Correct(startedOn: "2019-12-31"), state)), "placement.before-registration", "startedOn");
        Breaks(() => When(ended, state => CandidateDecider.Decide(Correct(hours: 0), state)), "placement.hours-out-of-range", "hoursPerWeek");
        Breaks(() => When(ended, state => CandidateDecider.Decide(Correct(startedOn: "2021-03-01", hours: 40), state)),
            "placement.correction-without-change", null);
    }

    [Fact]
    public void A_withdrawn_placement_can_no_longer_change()
    {
        var withdrawn = Given(Registered(), Placed(), new PlacementWithdrawn(PlacementId, "Dubbel"));

        CandidateDecider.Fold(withdrawn).Placements.Should().ContainSingle(p => p.Id == PlacementId).Which.Withdrawn.Should().BeTrue();
        Breaks(() => When(withdrawn, state => CandidateDecider.Decide(new WithdrawPlacement(PlacementId, "nogmaals"), state)), "placement.already-withdrawn", null);
        Breaks(() => When(withdrawn, state => CandidateDecider.Decide(End("2021-09-30"), state)), "placement.already-withdrawn", null);
        Breaks(() => When(withdrawn, state => CandidateDecider.Decide(Correct(hours: 20), state)), "placement.already-withdrawn", null);
    }
}
