using Sroi.Ledger.Domain.Candidates;
using static Sroi.Ledger.Domain.Tests.Candidates.CandidateScenario;

namespace Sroi.Ledger.Domain.Tests.Candidates;

public class ChangingTredeTests
{
    private static ChangeTrede To(int trede, string effectiveOn) => new(trede, Date(effectiveOn), "Herbeoordeling", Today);

    [Fact]
    public void A_change_records_where_the_candidate_came_from()
    {
        var events = When(Given(Registered()), state => CandidateDecider.Decide(To(4, "2020-06-01"), state));

        events.Should().Equal(new TredeChanged(2, 4, Date("2020-06-01"), "Herbeoordeling"));
    }

    [Fact]
    public void Two_changes_on_one_day_are_allowed_in_order() =>
        When(Given(Registered(), new TredeChanged(2, 4, Date("2020-06-01"), "r")), state => CandidateDecider.Decide(To(5, "2020-06-01"), state))
            .Should().Equal(new TredeChanged(4, 5, Date("2020-06-01"), "Herbeoordeling"));

    [Fact]
    public void A_change_cannot_take_effect_before_registration() =>
        Breaks(() => When(Given(Registered()), state => CandidateDecider.Decide(To(4, "2020-01-05"), state)),
            "candidate.trede-change-before-registration", "effectiveOn");

    [Fact]
    public void A_change_cannot_take_effect_before_the_trede_in_force() =>
        Breaks(() => When(Given(Registered(), new TredeChanged(2, 4, Date("2020-06-01"), "r")), state => CandidateDecider.Decide(To(5, "2020-05-31"), state)),
            "candidate.trede-change-out-of-order", "effectiveOn");

    [Fact]
    public void A_change_changes_the_trede() =>
        Breaks(() => When(Given(Registered()), state => CandidateDecider.Decide(To(2, "2020-06-01"), state)), "candidate.trede-unchanged", "trede");

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void A_change_stays_on_the_ladder(int trede) =>
        Breaks(() => When(Given(Registered()), state => CandidateDecider.Decide(To(trede, "2020-06-01"), state)), "candidate.trede-out-of-range", "trede");

    [Fact]
    public void A_change_is_not_dated_in_the_future_and_needs_a_registered_candidate()
    {
        Breaks(() => When(Given(Registered()), state => CandidateDecider.Decide(new ChangeTrede(3, Today.PlusDays(1), "r", Today), state)),
            "candidate.trede-change-in-future", "effectiveOn");
        Breaks(() => When(Given(), state => CandidateDecider.Decide(To(3, "2020-06-01"), state)), "candidate.not-registered", null);
    }
}
