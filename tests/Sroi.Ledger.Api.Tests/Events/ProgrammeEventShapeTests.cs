using NodaTime;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.Programmes;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Programmes;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Tests.Events;

/// <summary>
/// Pins the stored JSON of issue 22's events: programmes, enrolments and outcomes, school leavers and day activities. If one
/// fails, the change needs a new event version (…v2), not an edit of the old shape. Codes and dates only: no BSN, name or
/// birth date.
/// </summary>
public class ProgrammeEventShapeTests
{
    public static TheoryData<ICandidateEvent, string, string> Shapes() => new()
    {
        {
            new EnrolledInProgramme("meedoen-werkt", new LocalDate(2022, 9, 5)),
            "candidate.programme-enrolled.v1",
            """{"programme":"meedoen-werkt","enrolledOn":"2022-09-05"}"""
        },
        {
            new ProgrammeEnrolmentEnded("meedoen-werkt", new LocalDate(2022, 10, 1), "Verhuisd"),
            "candidate.programme-enrolment-ended.v1",
            """{"programme":"meedoen-werkt","endedOn":"2022-10-01","reason":"Verhuisd"}"""
        },
        {
            new ProgrammeOutcomeRecorded("meedoen-werkt", "first-talk", new LocalDate(2022, 9, 5)),
            "candidate.programme-outcome-recorded.v1",
            """{"programme":"meedoen-werkt","outcome":"first-talk","on":"2022-09-05"}"""
        },
        {
            new ProgrammeOutcomeWithdrawn("meedoen-werkt", "first-talk", new LocalDate(2022, 9, 5), "Per vergissing vastgelegd"),
            "candidate.programme-outcome-withdrawn.v1",
            """{"programme":"meedoen-werkt","outcome":"first-talk","on":"2022-09-05","reason":"Per vergissing vastgelegd"}"""
        },
        {
            new SchoolLeaverRecorded(SchoolType.Vso, "2017-2018"),
            "candidate.school-leaver-recorded.v1",
            """{"schoolType":"vso","schoolYearLeft":"2017-2018"}"""
        },
        {
            new DayActivityRecorded(DayActivity.SupportedWithoutBenefit, new LocalDate(2018, 9, 1)),
            "candidate.day-activity-recorded.v1",
            """{"activity":"supported-without-benefit","effectiveOn":"2018-09-01"}"""
        },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_programme_event_of_a_candidate_has_a_stable_name_and_shape_and_round_trips(ICandidateEvent e, string name, string json)
    {
        CandidateEventTypes.NameOf(e).Should().Be(name);
        CandidateEventTypes.Serialize(e).Should().Be(json);
        CandidateEventTypes.Deserialize(name, json).Should().Be(e);
    }

    [Fact]
    public void Programme_registered_v1_and_amended_v1()
    {
        var registered = new ProgrammeRegistered(MunicipalityCode.Rijswijk, "meedoen-werkt", "Meedoen Werkt", new LocalDate(2022, 9, 1), null,
            ["first-talk", "activated", "to-work"]);
        ProgrammeEvents.Serialize(registered).Should().Be(
            """{"municipality":"GM0603","code":"meedoen-werkt","name":"Meedoen Werkt","startsOn":"2022-09-01","endsOn":null,"outcomes":["first-talk","activated","to-work"]}""");
        ProgrammeEvents.Deserialize(ProgrammeEvents.Registered, ProgrammeEvents.Serialize(registered)).Should().BeEquivalentTo(registered);

        var amended = new ProgrammeAmended("Meedoen Werkt", new LocalDate(2024, 6, 30), ["first-talk", "activated", "to-work", "volunteer"], "Evaluatie");
        ProgrammeEvents.Serialize(amended).Should().Be(
            """{"name":"Meedoen Werkt","endsOn":"2024-06-30","outcomes":["first-talk","activated","to-work","volunteer"],"reason":"Evaluatie"}""");
        ProgrammeEvents.Deserialize(ProgrammeEvents.Amended, ProgrammeEvents.Serialize(amended)).Should().BeEquivalentTo(amended);
    }
}
