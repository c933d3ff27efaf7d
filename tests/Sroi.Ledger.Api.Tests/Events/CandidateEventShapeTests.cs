using NodaTime;
using Sroi.Ledger.Api.Ambitions;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Domain.Ambitions;
using Sroi.Ledger.Domain.Candidates;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Tests.Events;

/// <summary>
/// Pins the stored JSON of every candidate and ambition event. If one fails, the change needs a new event version
/// (…v2) and an upcaster, not an edit of the old shape. None of them holds a BSN, a name or a birth date.
/// </summary>
public class CandidateEventShapeTests
{
    private static readonly Guid PlacementId = Guid.Parse("01933b7e-8a40-7c3d-9a1b-5e2f4c6d8e0f");
    private static readonly Guid ContractId = Guid.Parse("01a20288-d110-7bfc-ac55-df4acadb1846");

    public static TheoryData<ICandidateEvent, string, string> Shapes() => new()
    {
        {
            new CandidateRegistered(CandidateNumber.Parse("100234"), MunicipalityCode.Rijswijk, new LocalDate(2020, 1, 6), 2,
                TargetGroup.Participatiewet, new LocalDate(2019, 11, 1)),
            "candidate.registered.v1",
            """{"candidateNumber":"100234","municipality":"GM0603","registeredOn":"2020-01-06","trede":2,"targetGroup":"participatiewet","benefitSince":"2019-11-01"}"""
        },
        {
            new TredeChanged(2, 4, new LocalDate(2020, 6, 1), "Herbeoordeling"),
            "candidate.trede-changed.v1",
            """{"from":2,"to":4,"effectiveOn":"2020-06-01","reason":"Herbeoordeling"}"""
        },
        {
            new PlacementRecorded(PlacementId, new Employer(KvkNumber.Parse("87654321"), "Groen B.V."), new LocalDate(2021, 3, 1), 32m, false,
                PlacementKind.BeschutWerk, PlacementChannel.Sroi, new SroiContractRef(ContractId, ContractScope.Regional)),
            "candidate.placement-recorded.v1",
            """{"placementId":"01933b7e-8a40-7c3d-9a1b-5e2f4c6d8e0f","employer":{"kvkNumber":"87654321","name":"Groen B.V."},"startedOn":"2021-03-01","hoursPerWeek":32,"fullTime":false,"kind":"beschut-werk","channel":"sroi","sroiContract":{"contractId":"01a20288-d110-7bfc-ac55-df4acadb1846","scope":"regional"}}"""
        },
        {
            new PlacementEnded(PlacementId, new LocalDate(2021, 9, 30), "Contract afgelopen"),
            "candidate.placement-ended.v1",
            """{"placementId":"01933b7e-8a40-7c3d-9a1b-5e2f4c6d8e0f","endedOn":"2021-09-30","reason":"Contract afgelopen"}"""
        },
        {
            new PlacementCorrected(PlacementId, new LocalDate(2022, 1, 10), 38.5m, true, PlacementKind.Regular, PlacementChannel.JobMarket, null, "Verkeerd ingevoerd"),
            "candidate.placement-corrected.v1",
            """{"placementId":"01933b7e-8a40-7c3d-9a1b-5e2f4c6d8e0f","startedOn":"2022-01-10","hoursPerWeek":38.5,"fullTime":true,"kind":"regular","channel":"job-market","sroiContract":null,"reason":"Verkeerd ingevoerd"}"""
        },
        {
            new PlacementWithdrawn(PlacementId, "Dubbel ingevoerd"),
            "candidate.placement-withdrawn.v1",
            """{"placementId":"01933b7e-8a40-7c3d-9a1b-5e2f4c6d8e0f","reason":"Dubbel ingevoerd"}"""
        },
        {
            new BenefitEnded(new LocalDate(2021, 5, 1), BenefitEndReason.WorkIncome),
            "candidate.benefit-ended.v1",
            """{"effectiveOn":"2021-05-01","reason":"work-income"}"""
        },
        {
            new PlacementEndCorrected(PlacementId, new LocalDate(2021, 10, 31), "Contract verlengd"),
            "candidate.placement-end-corrected.v1",
            """{"placementId":"01933b7e-8a40-7c3d-9a1b-5e2f4c6d8e0f","endedOn":"2021-10-31","reason":"Contract verlengd"}"""
        },
        {
            new PlacementEndCorrected(PlacementId, null, "Einde onterecht vastgelegd"),
            "candidate.placement-end-corrected.v1",
            """{"placementId":"01933b7e-8a40-7c3d-9a1b-5e2f4c6d8e0f","endedOn":null,"reason":"Einde onterecht vastgelegd"}"""
        },
        {
            new BenefitActSet(BenefitAct.Ioaw, new LocalDate(2021, 3, 1)),
            "candidate.benefit-act-set.v1",
            """{"benefitAct":"ioaw","effectiveOn":"2021-03-01"}"""
        },
        {
            new WspServiceSet(false, new LocalDate(2021, 4, 1)),
            "candidate.wsp-service-set.v1",
            """{"served":false,"effectiveOn":"2021-04-01"}"""
        },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_candidate_event_has_a_stable_name_and_shape_and_round_trips(ICandidateEvent e, string name, string json)
    {
        CandidateEventTypes.NameOf(e).Should().Be(name);
        CandidateEventTypes.Serialize(e).Should().Be(json);
        CandidateEventTypes.Deserialize(name, json).Should().Be(e);
    }

    [Fact]
    public void Ambition_set_v1()
    {
        var set = new AmbitionSet(MunicipalityCode.Rijswijk, 2023, 365, 65);

        AmbitionEvents.Serialize(set).Should().Be("""{"municipality":"GM0603","year":2023,"placements":365,"sroiPlacements":65}""");
        AmbitionEvents.Deserialize(AmbitionEvents.Set, AmbitionEvents.Serialize(set)).Should().Be(set);
    }

    [Fact]
    public void Ambition_kinds_set_v1()
    {
        var set = new AmbitionKindsSet(MunicipalityCode.Rijswijk, 2023, [new KindAmbition(PlacementKind.BeschutWerk, 15)]);

        AmbitionEvents.Serialize(set).Should().Be("""{"municipality":"GM0603","year":2023,"byKind":[{"kind":"beschut-werk","placements":15}]}""");
        AmbitionEvents.DeserializeKindsSet(AmbitionEvents.Serialize(set)).Should().BeEquivalentTo(set);
        Sroi.Ledger.Api.Ambitions.AmbitionEvents.Mapped.Should().Contain((typeof(AmbitionKindsSet), "ambition.kinds-set.v1"));
    }
}
