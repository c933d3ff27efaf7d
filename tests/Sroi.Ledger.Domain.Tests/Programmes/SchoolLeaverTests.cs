using Sroi.Ledger.Domain.Candidates;
using static Sroi.Ledger.Domain.Tests.Candidates.CandidateScenario;

namespace Sroi.Ledger.Domain.Tests.Programmes;

/// <summary>School leavers and their day activity: a dated fact that changes (the candidate is registered 2020-01-06).</summary>
public class SchoolLeaverTests
{
    private static RecordDayActivity Activity(DayActivity activity, string effectiveOn) => new(activity, Date(effectiveOn), Today);

    [Fact]
    public void A_day_activity_changed_twice_is_in_force_from_each_date_on()
    {
        var history = Given(Registered(), new SchoolLeaverRecorded(SchoolType.Pro, "2018-2019"),
            new DayActivityRecorded(DayActivity.UnderInvestigation, Date("2020-01-06")));
        var first = When(history, state => CandidateDecider.Decide(Activity(DayActivity.AtSchool, "2020-09-01"), state));
        first.Should().Equal(new DayActivityRecorded(DayActivity.AtSchool, Date("2020-09-01")));
        var second = When([.. history, .. first], state => CandidateDecider.Decide(Activity(DayActivity.Working, "2021-07-01"), state));
        second.Should().Equal(new DayActivityRecorded(DayActivity.Working, Date("2021-07-01")));

        var state = CandidateDecider.Fold([.. history, .. first, .. second]);
        state.DayActivityOn(Date("2020-01-05")).Should().BeNull("before the first activity there is none");
        state.DayActivityOn(Date("2020-08-31")).Should().Be(DayActivity.UnderInvestigation);
        state.DayActivityOn(Date("2020-09-01")).Should().Be(DayActivity.AtSchool);
        state.DayActivityOn(Date("2021-06-30")).Should().Be(DayActivity.AtSchool);
        state.DayActivityOn(Date("2021-07-01")).Should().Be(DayActivity.Working);
        state.SchoolLeaver.Should().Be(new SchoolLeaver(SchoolType.Pro, "2018-2019"));
    }

    [Fact]
    public void A_school_leaver_counts_from_the_later_of_its_registration_and_the_start_of_the_school_year_it_left_in()
    {
        // Registered 2020-01-06 (CandidateScenario), during the school year 2019-2020: counted from the registration.
        var during = CandidateDecider.Fold([Registered(), new SchoolLeaverRecorded(SchoolType.Pro, "2019-2020")]);
        during.IsSchoolLeaverOn(Date("2020-01-05")).Should().BeFalse();
        during.IsSchoolLeaverOn(Date("2020-01-06")).Should().BeTrue();

        // Registered before the school year it left in began: counted from 1 August of that year, not from the registration.
        var later = CandidateDecider.Fold([Registered(), new SchoolLeaverRecorded(SchoolType.Vso, "2021-2022")]);
        later.IsSchoolLeaverOn(Date("2021-07-31")).Should().BeFalse();
        later.IsSchoolLeaverOn(Date("2021-08-01")).Should().BeTrue();

        CandidateDecider.Fold([Registered()]).IsSchoolLeaverOn(Date("2030-01-01")).Should().BeFalse("a candidate never recorded as a school leaver");
    }

    [Fact]
    public void Two_activities_on_one_day_leave_the_later_recorded_in_force()
    {
        var state = CandidateDecider.Fold([Registered(), new DayActivityRecorded(DayActivity.AtSchool, Date("2020-09-01")),
            new DayActivityRecorded(DayActivity.EarlySchoolLeaver, Date("2020-09-01"))]);
        state.DayActivityOn(Date("2020-09-01")).Should().Be(DayActivity.EarlySchoolLeaver);
    }

    [Fact]
    public void A_day_activity_is_recorded_in_effective_order_changes_and_is_not_before_registration_or_in_the_future()
    {
        var history = Given(Registered(), new DayActivityRecorded(DayActivity.AtSchool, Date("2020-09-01")));
        Breaks(() => When(history, state => CandidateDecider.Decide(Activity(DayActivity.Working, "2020-08-31"), state)),
            "candidate.day-activity-out-of-order", "effectiveOn");
        Breaks(() => When(history, state => CandidateDecider.Decide(Activity(DayActivity.AtSchool, "2021-01-01"), state)),
            "candidate.day-activity-unchanged", "activity");
        Breaks(() => When(Given(Registered()), state => CandidateDecider.Decide(Activity(DayActivity.Working, "2020-01-05"), state)),
            "candidate.day-activity-before-registration", "effectiveOn");
        Breaks(() => When(history, state => CandidateDecider.Decide(Activity(DayActivity.Working, "2021-01-01") with { EffectiveOn = Today.PlusDays(1) }, state)),
            "candidate.day-activity-in-future", "effectiveOn");
    }

    [Fact]
    public void A_school_leaver_is_recorded_once_with_a_school_year_of_two_consecutive_years()
    {
        When(Given(Registered()), state => CandidateDecider.Decide(new RecordSchoolLeaver(SchoolType.Vso, "2017-2018", Today), state))
            .Should().Equal(new SchoolLeaverRecorded(SchoolType.Vso, "2017-2018"));
        Breaks(() => When(Given(Registered()), state => CandidateDecider.Decide(new RecordSchoolLeaver(SchoolType.Vso, "2017-2019", Today), state)),
            "candidate.school-year-invalid", "schoolLeaver.schoolYearLeft");
        Breaks(() => When(Given(Registered(), new SchoolLeaverRecorded(SchoolType.Pro, "2017-2018")),
            state => CandidateDecider.Decide(new RecordSchoolLeaver(SchoolType.Vso, "2018-2019", Today), state)),
            "candidate.already-school-leaver", "schoolLeaver");
    }
}
