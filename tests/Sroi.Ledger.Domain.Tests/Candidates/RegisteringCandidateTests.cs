using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;
using static Sroi.Ledger.Domain.Tests.Candidates.CandidateScenario;

namespace Sroi.Ledger.Domain.Tests.Candidates;

public class RegisteringCandidateTests
{
    [Fact]
    public void A_candidate_is_registered_with_a_pseudonymous_number_trede_and_target_group_only()
    {
        var events = When(Given(), state => CandidateDecider.Decide(Register(trede: 4), state));

        events.Should().Equal(new CandidateRegistered(CandidateNumber.Parse("100234"), MunicipalityCode.Rijswijk, Date("2020-01-06"), 4,
            TargetGroup.Participatiewet, Date("2019-11-01")));
        var state = CandidateDecider.Fold(events);
        (state.Trede, state.TredeSince).Should().Be((4, Date("2020-01-06")));
    }

    [Fact]
    public void A_number_is_registered_once() =>
        Breaks(() => When(Given(Registered()), state => CandidateDecider.Decide(Register(), state)), "candidate.already-registered", "candidateNumber");

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void A_trede_lies_on_the_ladder(int trede) =>
        Breaks(() => When(Given(), state => CandidateDecider.Decide(Register(trede: trede), state)), "candidate.trede-out-of-range", "trede");

    [Fact]
    public void A_registration_is_not_dated_in_the_future() =>
        Breaks(() => When(Given(), state => CandidateDecider.Decide(Register(registeredOn: Today.PlusDays(1)), state)),
            "candidate.registered-in-future", "registeredOn");

    [Fact]
    public void A_candidate_without_benefit_has_no_benefit_date() =>
        Breaks(() => When(Given(), state => CandidateDecider.Decide(Register(group: TargetGroup.NoBenefit), state)),
            "candidate.benefit-in-no-benefit-group", "benefitSince");
}
