using Sroi.Ledger.Domain.Ambitions;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Domain.Tests.Ambitions;

public class SettingAmbitionTests
{
    [Fact]
    public void An_ambition_sets_the_years_figures() =>
        AmbitionDecider.Decide(new SetAmbition(MunicipalityCode.Rijswijk, 2023, 365, 65))
            .Should().Be(new AmbitionSet(MunicipalityCode.Rijswijk, 2023, 365, 65));

    [Theory]
    [InlineData(1999, 10, null, "ambition.year-out-of-range", "year")]
    [InlineData(2023, null, null, "ambition.empty", "placements")]
    [InlineData(2023, -1, null, "ambition.negative", "placements")]
    [InlineData(2023, 10, -1, "ambition.negative", "sroiPlacements")]
    public void An_ambition_is_for_a_plausible_year_and_not_negative(int year, int? placements, int? sroi, string code, string field)
    {
        var violation = FluentActions.Invoking(() => AmbitionDecider.Decide(new SetAmbition(MunicipalityCode.Rijswijk, year, placements, sroi)))
            .Should().Throw<RuleViolation>().Which;
        (violation.Code, violation.Field).Should().Be((code, field));
    }

    [Fact]
    public void An_ambition_per_kind_follows_the_years_figures_and_may_stand_alone()
    {
        var command = new SetAmbition(MunicipalityCode.Rijswijk, 2023, null, null,
            [new KindAmbition(PlacementKind.Leerwerkplek, 120), new KindAmbition(PlacementKind.BeschutWerk, 15)]);

        AmbitionDecider.Decide(command).Should().Be(new AmbitionSet(MunicipalityCode.Rijswijk, 2023, null, null));
        AmbitionDecider.ByKind(command).Should().BeEquivalentTo(new AmbitionKindsSet(MunicipalityCode.Rijswijk, 2023,
            [new KindAmbition(PlacementKind.BeschutWerk, 15), new KindAmbition(PlacementKind.Leerwerkplek, 120)]),
            o => o.WithStrictOrdering());
        AmbitionDecider.ByKind(new SetAmbition(MunicipalityCode.Rijswijk, 2023, 365, 65)).Should().BeNull();
    }

    [Fact]
    public void An_ambition_per_kind_is_not_negative_nor_given_twice()
    {
        FluentActions.Invoking(() => AmbitionDecider.Decide(new SetAmbition(MunicipalityCode.Rijswijk, 2023, 10, null,
            [new KindAmbition(PlacementKind.BeschutWerk, -1)]))).Should().Throw<RuleViolation>()
            .Which.Code.Should().Be("ambition.negative");
        FluentActions.Invoking(() => AmbitionDecider.Decide(new SetAmbition(MunicipalityCode.Rijswijk, 2023, 10, null,
            [new KindAmbition(PlacementKind.BeschutWerk, 1), new KindAmbition(PlacementKind.BeschutWerk, 2)]))).Should().Throw<RuleViolation>()
            .Which.Code.Should().Be("ambition.kind-twice");
    }
}
