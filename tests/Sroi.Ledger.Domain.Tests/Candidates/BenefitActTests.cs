using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;
using static Sroi.Ledger.Domain.Tests.Candidates.CandidateScenario;

namespace Sroi.Ledger.Domain.Tests.Candidates;

public class BenefitActTests
{
    private static ChangeBenefitAct Change(BenefitAct act, string effectiveOn) => new(act, Date(effectiveOn), Today);

    [Fact]
    public void A_registration_that_says_nothing_more_is_one_event_meaning_participatiewet_and_served()
    {
        var events = CandidateDecider.Decide(Register(), CandidateState.Initial);

        events.Should().ContainSingle().Which.Should().BeOfType<CandidateRegistered>();
        var state = CandidateDecider.Fold(events);
        (state.BenefitAct, state.ServedByWsp).Should().Be((BenefitAct.Participatiewet, true));
    }

    [Fact]
    public void A_registration_with_another_act_or_not_served_appends_the_facts_effective_on_the_registration_date()
    {
        var events = CandidateDecider.Decide(Register() with { BenefitAct = BenefitAct.Ioaz, ServedByWsp = false }, CandidateState.Initial);

        events.Skip(1).Should().Equal(new BenefitActSet(BenefitAct.Ioaz, Date("2020-01-06")), new WspServiceSet(false, Date("2020-01-06")));
        var state = CandidateDecider.Fold(events);
        (state.BenefitActOn(Date("2020-01-06")), state.ServedByWspOn(Date("2020-01-06"))).Should().Be((BenefitAct.Ioaz, false));
    }

    [Fact]
    public void Naming_participatiewet_or_served_at_registration_adds_nothing() =>
        CandidateDecider.Decide(Register() with { BenefitAct = BenefitAct.Participatiewet, ServedByWsp = true }, CandidateState.Initial)
            .Should().ContainSingle();

    [Fact]
    public void Only_a_municipal_benefit_has_an_act()
    {
        Breaks(() => CandidateDecider.Decide(Register(group: TargetGroup.Ww) with { BenefitAct = BenefitAct.Ioaw }, CandidateState.Initial),
            "candidate.benefit-act-without-municipal-benefit", "benefitAct");
        Breaks(() => CandidateDecider.Decide(Register(group: TargetGroup.NoBenefit) with { BenefitSince = null, BenefitAct = BenefitAct.Participatiewet },
            CandidateState.Initial), "candidate.benefit-act-without-municipal-benefit", "benefitAct");
        Breaks(() => When(Given(RegisteredWithoutBenefit()), state => CandidateDecider.Decide(Change(BenefitAct.Ioaw, "2021-01-01"), state)),
            "candidate.benefit-act-without-municipal-benefit", "benefitAct");
    }

    [Fact]
    public void A_benefit_act_changed_twice_is_in_force_from_each_date()
    {
        var given = Given(Registered(), new BenefitActSet(BenefitAct.Ioaw, Date("2021-01-01")));
        When(given, state => CandidateDecider.Decide(Change(BenefitAct.Participatiewet, "2022-07-01"), state))
            .Should().Equal(new BenefitActSet(BenefitAct.Participatiewet, Date("2022-07-01")));

        var state = CandidateDecider.Fold([.. given, new BenefitActSet(BenefitAct.Participatiewet, Date("2022-07-01"))]);
        state.BenefitActOn(Date("2020-12-31")).Should().Be(BenefitAct.Participatiewet);
        state.BenefitActOn(Date("2021-01-01")).Should().Be(BenefitAct.Ioaw);
        state.BenefitActOn(Date("2022-06-30")).Should().Be(BenefitAct.Ioaw);
        state.BenefitActOn(Date("2022-07-01")).Should().Be(BenefitAct.Participatiewet);
    }

    [Fact]
    public void A_change_follows_the_one_before_it_from_registration_until_the_benefit_ends_and_not_in_the_future()
    {
        var given = Given(Registered(), new BenefitActSet(BenefitAct.Ioaw, Date("2021-01-01")));
        Breaks(() => When(Given(Registered()), state => CandidateDecider.Decide(Change(BenefitAct.Ioaw, "2020-01-05"), state)),
            "candidate.benefit-act-change-before-registration", "effectiveOn");
        Breaks(() => When(given, state => CandidateDecider.Decide(Change(BenefitAct.Ioaz, "2020-12-31"), state)),
            "candidate.benefit-act-change-out-of-order", "effectiveOn");
        Breaks(() => When(given, state => CandidateDecider.Decide(Change(BenefitAct.Ioaw, "2021-06-01"), state)),
            "candidate.benefit-act-unchanged", "benefitAct");
        Breaks(() => When(Given(Registered(), new BenefitEnded(Date("2021-05-01"), BenefitEndReason.Other)),
            state => CandidateDecider.Decide(Change(BenefitAct.Ioaw, "2021-05-01"), state)), "candidate.benefit-already-ended", "effectiveOn");
        Breaks(() => When(Given(Registered()), state => CandidateDecider.Decide(Change(BenefitAct.Ioaw, "2021-01-01") with { EffectiveOn = Today.PlusDays(1) }, state)),
            "candidate.benefit-act-change-in-future", "effectiveOn");
    }

    [Fact]
    public void The_wsp_stops_and_resumes_serving_a_candidate_on_dates()
    {
        When(Given(Registered()), state => CandidateDecider.Decide(new ChangeWspService(false, Date("2021-03-01"), Today), state))
            .Should().Equal(new WspServiceSet(false, Date("2021-03-01")));
        var state = CandidateDecider.Fold([Registered(), new WspServiceSet(false, Date("2021-03-01")), new WspServiceSet(true, Date("2022-01-01"))]);
        (state.ServedByWspOn(Date("2021-02-28")), state.ServedByWspOn(Date("2021-03-01")), state.ServedByWspOn(Date("2022-01-01")))
            .Should().Be((true, false, true));

        Breaks(() => When(Given(Registered()), s => CandidateDecider.Decide(new ChangeWspService(true, Date("2021-03-01"), Today), s)),
            "candidate.wsp-service-unchanged", "served");
        Breaks(() => When(Given(Registered(), new WspServiceSet(false, Date("2021-03-01"))),
            s => CandidateDecider.Decide(new ChangeWspService(true, Date("2021-02-01"), Today), s)), "candidate.wsp-service-change-out-of-order", "effectiveOn");
        Breaks(() => When(Given(Registered()), s => CandidateDecider.Decide(new ChangeWspService(false, Date("2019-12-31"), Today), s)),
            "candidate.wsp-service-change-before-registration", "effectiveOn");
        Breaks(() => When(Given(Registered()), s => CandidateDecider.Decide(new ChangeWspService(false, Today.PlusDays(1), Today), s)),
            "candidate.wsp-service-change-in-future", "effectiveOn");
        // A client without a benefit is served too: the caseload counts them.
        When(Given(RegisteredWithoutBenefit()), s => CandidateDecider.Decide(new ChangeWspService(false, Date("2021-03-01"), Today), s))
            .Should().ContainSingle();
    }
}
