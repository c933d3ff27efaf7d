using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Programmes;
using Sroi.Ledger.Domain.Shared;
using static Sroi.Ledger.Domain.Tests.Candidates.CandidateScenario;

namespace Sroi.Ledger.Domain.Tests.Programmes;

/// <summary>Enrolment on a programme and its outcomes, on the candidate's stream (registered 2020-01-06).</summary>
public class ProgrammeEnrolmentTests
{
    private static readonly ProgrammeTerms DeelNaarHeel = new("van-deel-naar-heel", Date("2022-01-01"), Date("2022-12-31"), ["more-hours", "self-supporting"]);

    private static EnrolInProgramme Enrol(string on) => new(DeelNaarHeel, Date(on), Today);

    private static RecordProgrammeOutcome Outcome(string outcome, string on) => new(DeelNaarHeel, outcome, Date(on), Today);

    private static EndProgrammeEnrolment End(string on) => new(DeelNaarHeel.Code, Date(on), "Verhuisd", Today);

    private static readonly EnrolledInProgramme Enrolled = new("van-deel-naar-heel", Date("2022-02-01"));

    [Fact]
    public void A_candidate_is_enrolled_from_a_date_in_the_programme_period() =>
        When(Given(Registered()), state => CandidateDecider.Decide(Enrol("2022-02-01"), state)).Should().Equal(Enrolled);

    [Fact]
    public void No_enrolment_before_the_programme_starts_or_after_it_ended_or_while_enrolled()
    {
        Breaks(() => When(Given(Registered()), state => CandidateDecider.Decide(Enrol("2021-12-31"), state)), "programme.not-started", "enrolledOn");
        Breaks(() => When(Given(Registered()), state => CandidateDecider.Decide(Enrol("2023-01-01"), state)), "programme.ended", "enrolledOn");
        Breaks(() => When(Given(Registered(), Enrolled), state => CandidateDecider.Decide(Enrol("2022-03-01"), state)), "programme.already-enrolled", "enrolledOn");
    }

    [Fact]
    public void An_enrolment_ended_early_keeps_its_outcomes_and_refuses_later_ones()
    {
        var history = Given(Registered(), Enrolled, new ProgrammeOutcomeRecorded("van-deel-naar-heel", "more-hours", Date("2022-04-01")));

        var ended = When(history, state => CandidateDecider.Decide(End("2022-05-15"), state));
        ended.Should().Equal(new ProgrammeEnrolmentEnded("van-deel-naar-heel", Date("2022-05-15"), "Verhuisd"));

        var state = CandidateDecider.Fold([.. history, .. ended]);
        var enrolment = state.Enrolments.Should().ContainSingle().Which;
        (enrolment.EnrolledOn, enrolment.EndedOn, enrolment.EndReason).Should().Be((Date("2022-02-01"), Date("2022-05-15"), "Verhuisd"));
        enrolment.Outcomes.Should().Equal(new OutcomeReached("more-hours", Date("2022-04-01")));

        Breaks(() => When([.. history, .. ended], s => CandidateDecider.Decide(Outcome("self-supporting", "2022-06-01"), s)),
            "programme.outcome-after-enrolment", "on");
        // Ended early, the candidate may be enrolled again after the end.
        Breaks(() => When([.. history, .. ended], s => CandidateDecider.Decide(Enrol("2022-05-15"), s)), "programme.enrolment-overlaps", "enrolledOn");
        When([.. history, .. ended], s => CandidateDecider.Decide(Enrol("2022-05-16"), s))
            .Should().Equal(new EnrolledInProgramme("van-deel-naar-heel", Date("2022-05-16")));
    }

    [Fact]
    public void An_enrolment_cannot_end_before_it_started_or_before_an_outcome_reached_in_it_or_when_there_is_none()
    {
        Breaks(() => When(Given(Registered(), Enrolled), state => CandidateDecider.Decide(End("2022-01-31"), state)),
            "programme.enrolment-ends-before-start", "endedOn");
        Breaks(() => When(Given(Registered(), Enrolled, new ProgrammeOutcomeRecorded("van-deel-naar-heel", "more-hours", Date("2022-04-01"))),
            state => CandidateDecider.Decide(End("2022-03-31"), state)), "programme.enrolment-ends-before-outcome", "endedOn");
        Breaks(() => When(Given(Registered()), state => CandidateDecider.Decide(End("2022-03-31"), state)), "programme.not-enrolled", null);
    }

    [Fact]
    public void An_outcome_before_enrolment_is_refused() =>
        Breaks(() => When(Given(Registered(), Enrolled), state => CandidateDecider.Decide(Outcome("more-hours", "2022-01-31"), state)),
            "programme.outcome-before-enrolment", "on");

    [Fact]
    public void An_outcome_without_any_enrolment_is_refused_as_before_enrolment() =>
        Breaks(() => When(Given(Registered()), state => CandidateDecider.Decide(Outcome("more-hours", "2022-03-01"), state)),
            "programme.outcome-before-enrolment", "on");

    [Fact]
    public void Only_an_outcome_the_programme_counts_once_per_enrolment_and_not_before_the_programme_started()
    {
        Breaks(() => When(Given(Registered(), Enrolled), state => CandidateDecider.Decide(Outcome("to-work", "2022-03-01"), state)),
            "programme.outcome-not-counted", "outcome");
        Breaks(() => When(Given(Registered(), Enrolled, new ProgrammeOutcomeRecorded("van-deel-naar-heel", "more-hours", Date("2022-03-01"))),
            state => CandidateDecider.Decide(Outcome("more-hours", "2022-04-01"), state)), "programme.outcome-already-recorded", "outcome");
        Breaks(() => When(Given(Registered(), Enrolled), state => CandidateDecider.Decide(Outcome("more-hours", "2021-12-01"), state)),
            "programme.not-started", "on");
        When(Given(Registered(), Enrolled), state => CandidateDecider.Decide(Outcome("self-supporting", "2022-02-01"), state))
            .Should().Equal(new ProgrammeOutcomeRecorded("van-deel-naar-heel", "self-supporting", Date("2022-02-01")));
    }

    [Fact]
    public void An_outcome_after_the_programme_ended_is_refused_even_while_the_enrolment_is_open()
    {
        // Found attacking issue 22: an enrolment still open after the programme's end took outcomes reached after it, so
        // the programme's report counted what happened once it was over.
        Breaks(() => When(Given(Registered(), Enrolled), state => CandidateDecider.Decide(Outcome("more-hours", "2023-01-01"), state)),
            "programme.ended", "on");
        When(Given(Registered(), Enrolled), state => CandidateDecider.Decide(Outcome("more-hours", "2022-12-31"), state))
            .Should().Equal(new ProgrammeOutcomeRecorded("van-deel-naar-heel", "more-hours", Date("2022-12-31")));
    }

    [Fact]
    public void A_programme_cannot_be_amended_to_end_before_an_outcome_reached_in_it()
    {
        var state = ProgrammeDecider.Evolve(ProgrammeState.Initial, ProgrammeDecider.Decide(new RegisterProgramme(MunicipalityCode.Rijswijk,
            "van-deel-naar-heel", "Van Deel naar Heel", Date("2022-01-01"), null, ["more-hours"]), ProgrammeState.Initial));

        Violation(() => ProgrammeDecider.Decide(new AmendProgramme(null, Date("2022-05-31"), null, "Eerder gestopt", Date("2022-02-01"),
            LatestOutcome: Date("2022-06-01")), state)).Should().Be(("programme.ends-before-outcome", "endsOn"));
        ProgrammeDecider.Decide(new AmendProgramme(null, Date("2022-06-01"), null, "Afgerond", Date("2022-02-01"), LatestOutcome: Date("2022-06-01")), state)
            .EndsOn.Should().Be(Date("2022-06-01"));
    }

    [Fact]
    public void A_programme_code_is_registered_once_with_valid_outcomes()
    {
        var register = new RegisterProgramme(MunicipalityCode.Rijswijk, "meedoen-werkt", "Meedoen Werkt", Date("2022-09-01"), null,
            ["first-talk", "activated", "to-work"]);
        var registered = ProgrammeDecider.Decide(register, ProgrammeState.Initial);
        var state = ProgrammeDecider.Evolve(ProgrammeState.Initial, registered);
        state.Terms.Should().BeEquivalentTo(new ProgrammeTerms("meedoen-werkt", Date("2022-09-01"), null, ["first-talk", "activated", "to-work"]));

        Violation(() => ProgrammeDecider.Decide(register, state)).Should().Be(("programme.code-taken", "code"));
        Violation(() => ProgrammeDecider.Decide(register with { Outcomes = ["first-talk", "first-talk"] }, ProgrammeState.Initial))
            .Should().Be(("programme.outcome-twice", "outcomes"));
        Violation(() => ProgrammeDecider.Decide(register with { Outcomes = ["First Talk"] }, ProgrammeState.Initial))
            .Should().Be(("programme.outcome-invalid", "outcomes"));
        Violation(() => ProgrammeDecider.Decide(register with { EndsOn = Date("2022-08-31") }, ProgrammeState.Initial))
            .Should().Be(("programme.ends-before-start", "endsOn"));

        var amended = ProgrammeDecider.Decide(new AmendProgramme(null, Date("2024-06-30"), null, "Evaluatieperiode"), state);
        amended.Should().BeEquivalentTo(new ProgrammeAmended("Meedoen Werkt", Date("2024-06-30"), ["first-talk", "activated", "to-work"], "Evaluatieperiode"));
        Violation(() => ProgrammeDecider.Decide(new AmendProgramme("Meedoen Werkt", null, null, "Niets"), state))
            .Should().Be(("programme.amendment-without-change", null));
    }

    private static (string Code, string? Field) Violation(Action act)
    {
        var violation = act.Should().Throw<RuleViolation>().Which;
        return (violation.Code, violation.Field);
    }
    private static WithdrawProgrammeOutcome Withdraw(string outcome, string on) => new(DeelNaarHeel.Code, outcome, Date(on), "Per vergissing vastgelegd");

    [Fact]
    public void An_outcome_recorded_by_mistake_is_withdrawn_and_may_be_recorded_again_on_its_right_day()
    {
        var history = Given(Registered(), Enrolled, new ProgrammeOutcomeRecorded("van-deel-naar-heel", "more-hours", Date("2022-04-01")),
            new ProgrammeOutcomeRecorded("van-deel-naar-heel", "self-supporting", Date("2022-05-01")));

        var withdrawn = When(history, state => CandidateDecider.Decide(Withdraw("more-hours", "2022-04-01"), state));

        withdrawn.Should().Equal(new ProgrammeOutcomeWithdrawn("van-deel-naar-heel", "more-hours", Date("2022-04-01"), "Per vergissing vastgelegd"));
        var state = CandidateDecider.Fold([.. history, .. withdrawn]);
        state.Enrolments.Should().ContainSingle().Which.Outcomes.Should().Equal(new OutcomeReached("self-supporting", Date("2022-05-01")));
        // Gone from the enrolment: the outcome may be recorded again, on the day it was really reached.
        When([.. history, .. withdrawn], s => CandidateDecider.Decide(Outcome("more-hours", "2022-04-15"), s))
            .Should().Equal(new ProgrammeOutcomeRecorded("van-deel-naar-heel", "more-hours", Date("2022-04-15")));
    }

    [Fact]
    public void Only_a_recorded_outcome_can_be_withdrawn_and_only_once()
    {
        var history = Given(Registered(), Enrolled, new ProgrammeOutcomeRecorded("van-deel-naar-heel", "more-hours", Date("2022-04-01")));
        Breaks(() => When(history, s => CandidateDecider.Decide(Withdraw("more-hours", "2022-04-02"), s)), "programme.outcome-not-recorded", "outcome");
        Breaks(() => When(history, s => CandidateDecider.Decide(Withdraw("self-supporting", "2022-04-01"), s)), "programme.outcome-not-recorded", "outcome");
        var withdrawn = new ProgrammeOutcomeWithdrawn("van-deel-naar-heel", "more-hours", Date("2022-04-01"), "Per vergissing vastgelegd");
        Breaks(() => When([.. history, withdrawn], s => CandidateDecider.Decide(Withdraw("more-hours", "2022-04-01"), s)),
            "programme.outcome-not-recorded", "outcome");
    }
}
