using NodaTime;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Regions;
using Sroi.Ledger.Domain.Shared;
using static Sroi.Ledger.Domain.Tests.Contracts.ContractScenario;

namespace Sroi.Ledger.Domain.Tests.Regions;

/// <summary>Issue 21: a regional contract's participants are members of one region, as its version on the award date says.</summary>
public class RegionalContractTests
{
    private static readonly MunicipalityCode Rijswijk = MunicipalityCode.Rijswijk, DenHaag = MunicipalityCode.Parse("GM0518"),
        Delft = MunicipalityCode.Parse("GM0503"), Zoetermeer = MunicipalityCode.Parse("GM0637"), Leiden = MunicipalityCode.Parse("GM0546");

    private static readonly RegionHistory Haaglanden = new("haaglanden",
    [
        new("haaglanden", 1, new LocalDate(2019, 1, 1), "Arbeidsmarktregio Haaglanden", [DenHaag, Delft, Rijswijk]),
        // A later version in which Zoetermeer joined: only contracts awarded from then on may name it.
        new("haaglanden", 2, new LocalDate(2025, 1, 1), "Arbeidsmarktregio Haaglanden", [DenHaag, Delft, Rijswijk, Zoetermeer]),
    ]);

    private static readonly RegionHistory HollandRijnland = new("holland-rijnland",
        [new("holland-rijnland", 1, new LocalDate(2019, 1, 1), "Arbeidsmarktregio Holland Rijnland", [Leiden])]);

    private static RegisterContract Regional(params MunicipalityCode[] participants) =>
        Register() with { Scope = ContractScope.Regional, Participants = participants, Regions = [HollandRijnland, Haaglanden] };

    [Fact]
    public void A_regional_contract_records_its_participants_the_lead_first_and_the_regions_version()
    {
        var events = When(Given(), state => ContractDecider.Decide(Regional(DenHaag, Rijswijk, Delft), state));

        events.Should().HaveCount(2);
        events[0].Should().BeOfType<ContractRegistered>();
        var recorded = events[1].Should().BeOfType<ContractParticipantsRecorded>().Subject;
        recorded.Region.Should().Be("haaglanden");
        recorded.RegionVersion.Should().Be("haaglanden.v1");
        recorded.Participants.Should().Equal(Rijswijk, DenHaag, Delft);

        var state = ContractDecider.Fold(events);
        state.HasParticipant(DenHaag).Should().BeTrue();
        state.HasParticipant(Rijswijk).Should().BeFalse("the lead is the contract's own municipality, not a participant");
        state.HasParticipant(Zoetermeer).Should().BeFalse();
    }

    [Fact]
    public void Participants_outside_one_region_break_the_rule()
    {
        var act = () => ContractDecider.Decide(Regional(Rijswijk, DenHaag, Leiden), ContractState.Initial);

        var violation = act.Should().Throw<RuleViolation>().Which;
        violation.Code.Should().Be(RegionalParticipation.NotOneRegion);
        violation.Field.Should().Be("participatingMunicipalities");
    }

    [Fact]
    public void Membership_is_the_version_in_force_on_the_award_date()
    {
        // Awarded 2024-03-01: Zoetermeer joined only in 2025.
        var act = () => ContractDecider.Decide(Regional(Rijswijk, Zoetermeer), ContractState.Initial);
        act.Should().Throw<RuleViolation>().Which.Code.Should().Be(RegionalParticipation.NotOneRegion);

        var later = Regional(Rijswijk, Zoetermeer) with { AwardedOn = new LocalDate(2025, 2, 1) };
        ContractDecider.Decide(later, ContractState.Initial).OfType<ContractParticipantsRecorded>().Single()
            .RegionVersion.Should().Be("haaglanden.v2");
    }

    [Fact]
    public void The_lead_alone_or_a_local_contract_records_no_participants()
    {
        ContractDecider.Decide(Regional(Rijswijk), ContractState.Initial).Should().ContainSingle().Which.Should().BeOfType<ContractRegistered>();
        ContractDecider.Decide(Regional(), ContractState.Initial).Should().ContainSingle();
        ContractDecider.Decide(Regional(Rijswijk, DenHaag) with { Scope = ContractScope.Local }, ContractState.Initial).Should().ContainSingle();
    }
}
