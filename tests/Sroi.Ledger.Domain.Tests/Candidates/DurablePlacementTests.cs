using NodaTime;
using Sroi.Ledger.Domain.Candidates;
using static Sroi.Ledger.Domain.Tests.Candidates.CandidateScenario;

namespace Sroi.Ledger.Domain.Tests.Candidates;

/// <summary>
/// Duurzame plaatsing: Given a candidate's events, When measured after N months on a date, Then counted, still working,
/// full outflow, or not yet measurable. The rule reads the folded state, so every correction counts as the reports count it.
/// </summary>
public class DurablePlacementTests
{
    private static readonly Guid Next = Guid.Parse("01933b7e-8a40-7c3d-9a1b-5e2f4c6d8e10");
    private static readonly LocalDate Later = new(2026, 1, 1);

    private static DurabilityCount Measured(IReadOnlyList<ICandidateEvent> given, int months = 6, LocalDate? asOf = null,
        string from = "2021-01-01", string to = "2021-12-31") =>
        DurablePlacements.Count([CandidateWork.Of(CandidateDecider.Fold(given))], Date(from), Date(to), months, asOf ?? Later);

    private static PlacementEnded Ended(string on, Guid? id = null) => new(id ?? PlacementId, Date(on), "Einde contract");

    private static PlacementRecorded PlacedAgain(string startedOn) => Placed(startedOn) with { PlacementId = Next };

    [Fact]
    public void A_placement_without_an_end_is_still_working_and_one_that_ended_within_the_months_is_not()
    {
        Measured(Given(Registered(), Placed("2021-03-01"))).Should().Be(new DurabilityCount(6, 1, 0, 1, 0));
        Measured(Given(Registered(), Placed("2021-03-01"), Ended("2021-08-30"))).Should().Be(new DurabilityCount(6, 1, 0, 0, 0));
        // Worked every day of the six months: 1 March to 31 August.
        Measured(Given(Registered(), Placed("2021-03-01"), Ended("2021-08-31"))).Should().Be(new DurabilityCount(6, 1, 0, 1, 0));
    }

    [Fact]
    public void A_next_placement_starting_on_or_the_day_after_the_end_continues_the_work()
    {
        var dayAfter = Given(Registered(), Placed("2021-03-01"), Ended("2021-04-30"), PlacedAgain("2021-05-01"));
        var sameDay = Given(Registered(), Placed("2021-03-01"), Ended("2021-04-30"), PlacedAgain("2021-04-30"));
        var gap = Given(Registered(), Placed("2021-03-01"), Ended("2021-04-30"), PlacedAgain("2021-05-02"));

        // The second placement also starts in 2021 and counts on its own: both still working, one after a break not.
        Measured(dayAfter).Should().Be(new DurabilityCount(6, 2, 0, 2, 0));
        Measured(sameDay).Should().Be(new DurabilityCount(6, 2, 0, 2, 0));
        Measured(gap).Should().Be(new DurabilityCount(6, 2, 0, 1, 0));
        // A chain ends where its last link does.
        Measured([.. dayAfter, Ended("2021-07-31", Next)]).Should().Be(new DurabilityCount(6, 2, 0, 0, 0));
        Measured([.. dayAfter, Ended("2021-08-31", Next)]).Should().Be(new DurabilityCount(6, 2, 0, 1, 0));
    }

    [Fact]
    public void A_correction_that_moves_a_start_moves_the_period_it_counts_in_and_its_months()
    {
        var moved = Given(Registered(), Placed("2021-03-01"), Ended("2021-09-15"),
            (PlacementCorrected)When(Given(Registered(), Placed("2021-03-01"), Ended("2021-09-15")),
                state => CandidateDecider.Decide(Correct(startedOn: "2021-04-01"), state)).Single());

        // From 1 April, six months run to 30 September: the end on 15 September falls within them.
        Measured(moved).Should().Be(new DurabilityCount(6, 1, 0, 0, 0));
        Measured(moved, from: "2021-01-01", to: "2021-03-31").Counted.Should().Be(0);
        Measured(moved, from: "2021-04-01", to: "2021-06-30").Counted.Should().Be(1);
    }

    [Fact]
    public void A_withdrawn_placement_counts_nowhere_and_continues_no_work()
    {
        var withdrawn = Given(Registered(), Placed("2021-03-01"), Ended("2021-04-30"), PlacedAgain("2021-05-01"),
            new PlacementWithdrawn(Next, "Dubbel ingevoerd"));

        Measured(withdrawn).Should().Be(new DurabilityCount(6, 1, 0, 0, 0));
        Measured(Given(Registered(), Placed("2021-03-01"), new PlacementWithdrawn(PlacementId, "Verkeerd"))).Counted.Should().Be(0);
    }

    [Fact]
    public void An_end_corrected_is_measured_as_corrected()
    {
        var ended = Given(Registered(), Placed("2021-03-01"), Ended("2021-05-31"));
        var later = When(ended, state => CandidateDecider.Decide(new CorrectPlacementEnd(PlacementId, Date("2021-10-31"), "Verlengd", Today), state));
        var none = When(ended, state => CandidateDecider.Decide(new CorrectPlacementEnd(PlacementId, null, "Einde onterecht", Today), state));

        later.Should().Equal(new PlacementEndCorrected(PlacementId, Date("2021-10-31"), "Verlengd"));
        Measured(ended).StillWorking.Should().Be(0);
        Measured([.. ended, .. later]).StillWorking.Should().Be(1);
        Measured([.. ended, .. none]).StillWorking.Should().Be(1);
        CandidateDecider.Fold([.. ended, .. none]).Placement(PlacementId)!.EndedOn.Should().BeNull();
    }

    [Fact]
    public void Only_an_end_that_exists_can_be_corrected_and_the_rules_of_an_end_hold()
    {
        Breaks(() => When(Given(Registered(), Placed()), state => CandidateDecider.Decide(new CorrectPlacementEnd(PlacementId, null, "x", Today), state)),
            "placement.not-ended", "endedOn");
        var ended = Given(Registered(), Placed("2021-03-01"), Ended("2021-05-31"));
        Breaks(() => When(ended, state => CandidateDecider.Decide(new CorrectPlacementEnd(PlacementId, Date("2021-02-28"), "x", Today), state)),
            "placement.ends-before-start", "endedOn");
        Breaks(() => When(ended, state => CandidateDecider.Decide(new CorrectPlacementEnd(PlacementId, Today.PlusDays(1), "x", Today), state)),
            "placement.ended-in-future", "endedOn");
        Breaks(() => When(ended, state => CandidateDecider.Decide(new CorrectPlacementEnd(PlacementId, Date("2021-05-31"), "x", Today), state)),
            "placement.correction-without-change", "endedOn");
    }

    [Fact]
    public void A_placement_whose_months_are_not_over_is_not_yet_measurable_never_retained_or_lost()
    {
        var placed = Given(Registered(), Placed("2021-03-01"), Ended("2021-04-30"));

        Measured(placed, asOf: Date("2021-08-30")).Should().Be(new DurabilityCount(6, 1, 1, 0, 0));
        Measured(placed, asOf: Date("2021-08-31")).Should().Be(new DurabilityCount(6, 1, 0, 0, 0));
        Measured(placed, months: 1, asOf: Date("2021-03-31")).Should().Be(new DurabilityCount(1, 1, 0, 1, 0));
    }

    [Fact]
    public void Full_outflow_is_a_benefit_ended_for_work_on_or_after_the_start_within_the_months()
    {
        DurabilityCount Outflow(string on, BenefitEndReason reason = BenefitEndReason.WorkIncome) =>
            Measured(Given(Registered(), Placed("2021-03-01"), new BenefitEnded(Date(on), reason)));

        Outflow("2021-03-01").FullOutflow.Should().Be(1);
        Outflow("2021-08-31").FullOutflow.Should().Be(1);
        Outflow("2021-09-01").FullOutflow.Should().Be(0);
        Outflow("2021-06-01", BenefitEndReason.Other).FullOutflow.Should().Be(0);
        Measured(Given(Registered(), Placed("2021-03-01"), new BenefitEnded(Date("2021-02-28"), BenefitEndReason.WorkIncome))).FullOutflow.Should().Be(0);
    }
}
