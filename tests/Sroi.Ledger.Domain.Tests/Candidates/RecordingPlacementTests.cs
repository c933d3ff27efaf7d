using Sroi.Ledger.Domain.Candidates;
using static Sroi.Ledger.Domain.Tests.Candidates.CandidateScenario;

namespace Sroi.Ledger.Domain.Tests.Candidates;

public class RecordingPlacementTests
{
    [Theory]
    [InlineData(36, true)]
    [InlineData(35.99, false)]
    public void Fulltime_defaults_to_36_hours_or_more(decimal hours, bool fullTime) =>
        When(Given(Registered()), state => CandidateDecider.Decide(Place(hours: hours), state))
            .Single().Should().BeOfType<PlacementRecorded>().Which.FullTime.Should().Be(fullTime);

    [Fact]
    public void The_wsp_may_say_otherwise() =>
        When(Given(Registered()), state => CandidateDecider.Decide(Place(hours: 32, fullTime: true), state))
            .Single().Should().BeOfType<PlacementRecorded>().Which.FullTime.Should().BeTrue();

    [Fact]
    public void An_sroi_placement_keeps_the_contract_and_its_scope() =>
        When(Given(Registered()), state => CandidateDecider.Decide(
                Place(channel: PlacementChannel.Sroi, contract: new ContractLookup.Found(RegionalContract)), state))
            .Single().Should().BeOfType<PlacementRecorded>().Which.SroiContract.Should().Be(RegionalContract);

    [Fact]
    public void A_placement_cannot_start_before_registration_or_in_the_future()
    {
        Breaks(() => When(Given(Registered()), state => CandidateDecider.Decide(Place("2020-01-05"), state)), "placement.before-registration", "startedOn");
        Breaks(() => When(Given(Registered()), state => CandidateDecider.Decide(Place() with { StartedOn = Today.PlusDays(1) }, state)),
            "placement.started-in-future", "startedOn");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60.01)]
    [InlineData(20.125)]
    public void Hours_per_week_are_above_0_and_at_most_60(decimal hours) =>
        Breaks(() => When(Given(Registered()), state => CandidateDecider.Decide(Place(hours: hours), state)), "placement.hours-out-of-range", "hoursPerWeek");

    [Fact]
    public void Channel_sroi_needs_a_contract_of_the_municipality_and_no_other_channel_has_one()
    {
        var given = Given(Registered());
        Breaks(() => When(given, state => CandidateDecider.Decide(Place(channel: PlacementChannel.Sroi), state)),
            "placement.sroi-contract-required", "sroiContractId");
        Breaks(() => When(given, state => CandidateDecider.Decide(Place(channel: PlacementChannel.Sroi, contract: new ContractLookup.Unknown(Guid.NewGuid())), state)),
            "placement.sroi-contract-unknown", "sroiContractId");
        Breaks(() => When(given, state => CandidateDecider.Decide(Place(contract: new ContractLookup.Found(RegionalContract)), state)),
            "placement.sroi-contract-without-sroi-channel", "sroiContractId");
    }

    [Fact]
    public void A_placement_id_is_recorded_once() =>
        Breaks(() => When(Given(Registered(), Placed()), state => CandidateDecider.Decide(Place(), state)), "placement.already-recorded", null);

    [Fact]
    public void A_self_employed_placement_records_no_employer_because_the_business_would_identify_the_candidate()
    {
        var selfEmployed = Place() with { Kind = PlacementKind.SelfEmployed, Employer = null };
        When(Given(Registered()), state => CandidateDecider.Decide(selfEmployed, state))
            .Single().Should().BeOfType<PlacementRecorded>().Which.Employer.Should().BeNull();

        Breaks(() => When(Given(Registered()), state => CandidateDecider.Decide(selfEmployed with { Employer = CandidateScenario.Employer }, state)),
            "placement.employer-by-kind", "employer");
        Breaks(() => When(Given(Registered()), state => CandidateDecider.Decide(Place() with { Employer = null }, state)),
            "placement.employer-by-kind", "employer");
    }

    [Fact]
    public void A_correction_does_not_turn_a_placement_into_or_out_of_self_employment() =>
        Breaks(() => When(Given(Registered(), Placed()), state => CandidateDecider.Decide(Correct() with { Kind = PlacementKind.SelfEmployed }, state)),
            "placement.self-employed-kind-change", "kind");
}
