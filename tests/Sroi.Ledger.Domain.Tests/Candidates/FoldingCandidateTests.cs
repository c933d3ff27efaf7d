using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;
using static Sroi.Ledger.Domain.Tests.Candidates.CandidateScenario;

namespace Sroi.Ledger.Domain.Tests.Candidates;

/// <summary>The fold is what the decider decides on and what the API shows: the whole history, in the order it happened.</summary>
public class FoldingCandidateTests
{
    /// <summary>Sorts before <see cref="CandidateScenario.PlacementId"/>: the placements keep the order they were recorded in, not their ids'.</summary>
    private static readonly Guid Second = Guid.Parse("00000000-0000-7000-8000-000000000001");

    [Fact]
    public void The_fold_keeps_the_trede_history_the_benefit_and_every_placement_with_its_reasons()
    {
        var state = CandidateDecider.Fold([
            Registered(), new TredeChanged(2, 4, Date("2020-06-01"), "Herindicatie"),
            Placed(), new PlacementRecorded(Second, CandidateScenario.Employer, Date("2021-01-04"), 20, false, PlacementKind.Regular, PlacementChannel.Wsp, null),
            new PlacementCorrected(PlacementId, Date("2022-01-10"), 38, true, PlacementKind.Regular, PlacementChannel.Wsp, null, "Startdatum verkeerd"),
            new PlacementEnded(PlacementId, Date("2022-12-31"), "Contract afgelopen"),
            new PlacementWithdrawn(Second, "Dubbel ingevoerd"),
            new BenefitEnded(Date("2022-02-01"), BenefitEndReason.WorkIncome),
        ]);

        (state.Exists, state.CandidateNumber, state.Municipality).Should().Be((true, CandidateNumber.Parse("100234"), MunicipalityCode.Rijswijk));
        (state.RegisteredOn, state.TargetGroup, state.BenefitSince).Should().Be((Date("2020-01-06"), TargetGroup.Participatiewet, Date("2019-11-01")));
        state.Treden.Should().Equal(new TredeHeld(2, null, Date("2020-01-06"), null), new TredeHeld(4, 2, Date("2020-06-01"), "Herindicatie"));
        (state.Trede, state.TredeSince).Should().Be((4, Date("2020-06-01")));
        state.BenefitEnded.Should().Be(new BenefitEnded(Date("2022-02-01"), BenefitEndReason.WorkIncome));

        state.Placements.Select(p => p.Id).Should().Equal(PlacementId, Second);
        var corrected = state.Placements[0];
        (corrected.StartedOn, corrected.HoursPerWeek, corrected.FullTime, corrected.Employer).Should().Be((Date("2022-01-10"), 38m, true, CandidateScenario.Employer));
        (corrected.EndedOn, corrected.EndReason, corrected.Withdrawn, corrected.WithdrawalReason)
            .Should().Be((Date("2022-12-31"), "Contract afgelopen", false, (string?)null));
        corrected.CorrectionReasons.Should().Equal("Startdatum verkeerd");
        var withdrawn = state.Placements[1];
        (withdrawn.Withdrawn, withdrawn.WithdrawalReason, withdrawn.EndedOn).Should().Be((true, "Dubbel ingevoerd", (NodaTime.LocalDate?)null));
        withdrawn.CorrectionReasons.Should().BeEmpty();
    }
}
