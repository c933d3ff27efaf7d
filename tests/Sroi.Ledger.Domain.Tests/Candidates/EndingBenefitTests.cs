using Sroi.Ledger.Domain.Candidates;
using static Sroi.Ledger.Domain.Tests.Candidates.CandidateScenario;

namespace Sroi.Ledger.Domain.Tests.Candidates;

public class EndingBenefitTests
{
    private static EndBenefit End(string effectiveOn, BenefitEndReason reason = BenefitEndReason.WorkIncome) => new(Date(effectiveOn), reason, Today);

    [Fact]
    public void A_benefit_ends_for_work_income_or_otherwise() =>
        When(Given(Registered()), state => CandidateDecider.Decide(End("2021-05-01"), state))
            .Should().Equal(new BenefitEnded(Date("2021-05-01"), BenefitEndReason.WorkIncome));

    [Fact]
    public void A_benefit_ends_once() =>
        Breaks(() => When(Given(Registered(), new BenefitEnded(Date("2021-05-01"), BenefitEndReason.Other)), state => CandidateDecider.Decide(End("2021-06-01"), state)),
            "candidate.benefit-already-ended", "effectiveOn");

    [Fact]
    public void A_benefit_cannot_end_before_it_started_or_before_registration_or_in_the_future()
    {
        Breaks(() => When(Given(Registered()), state => CandidateDecider.Decide(End("2019-10-31"), state)), "candidate.benefit-end-before-start", "effectiveOn");
        Breaks(() => When(Given(Registered()), state => CandidateDecider.Decide(End("2019-12-31"), state)), "candidate.benefit-end-before-registration", "effectiveOn");
        Breaks(() => When(Given(Registered()), state => CandidateDecider.Decide(End("2021-01-01") with { EffectiveOn = Today.PlusDays(1) }, state)),
            "candidate.benefit-end-in-future", "effectiveOn");
    }

    [Fact]
    public void A_candidate_without_a_benefit_has_none_to_end() =>
        Breaks(() => When(Given(RegisteredWithoutBenefit()), state => CandidateDecider.Decide(End("2021-05-01"), state)), "candidate.no-benefit", null);
}
