using NodaTime;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Policies;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Tests.Events;

/// <summary>
/// A stored event's shape never changes. These pin the exact JSON of each event type: if one fails, the change
/// needs a new event version (…v2) and an upcaster, not an edit of the old shape.
/// </summary>
public class StoredEventShapeTests
{
    private static readonly ContractRegistered Registered = new(
        Guid.Parse("01a20288-d110-7bfc-ac55-df4acadb1846"), MunicipalityCode.Rijswijk, "RW-1", "Haagweg", ContractCategory.Werken,
        Money.FromEuros(200_000m), new Contractor(KvkNumber.Parse("12345678"), "De Vliet"), new LocalDate(2024, 3, 1),
        new LocalDate(2024, 4, 1), new LocalDate(2025, 3, 31), ContractScope.Regional,
        new ObligationBasis.Policy("GM0603-v2", 5m, Money.FromEuros(150_000m)),
        new Obligation(true, 5m, Money.FromEuros(10_000m), "GM0603-v2", "reason"));

    [Fact]
    public void Contract_registered_v1()
    {
        ContractEventTypes.NameOf(Registered).Should().Be("contract.registered.v1");
        ContractEventTypes.Serialize(Registered).Should().Be(
            """{"contractId":"01a20288-d110-7bfc-ac55-df4acadb1846","municipality":"GM0603","reference":"RW-1","title":"Haagweg","category":"werken","contractValue":200000.00,"contractor":{"kvkNumber":"12345678","name":"De Vliet"},"awardedOn":"2024-03-01","startsOn":"2024-04-01","endsOn":"2025-03-31","scope":"regional","basis":{"kind":"policy","policyVersion":"GM0603-v2","percentage":5,"threshold":150000.00,"explanation":null,"exemptionReason":null},"obligation":{"applies":true,"percentage":5,"amount":10000.00,"policyVersion":"GM0603-v2","reason":"reason"}}""");
    }

    [Fact]
    public void Contract_amended_v1_and_completed_v1()
    {
        var amended = new ContractAmended(Money.FromEuros(200_000m), Money.FromEuros(260_000m), new LocalDate(2024, 9, 1), "meerwerk",
            new Obligation(true, 5m, Money.FromEuros(13_000m), "GM0603-v2", "r"));

        ContractEventTypes.Serialize(amended).Should().Be(
            """{"previousValue":200000.00,"newValue":260000.00,"effectiveOn":"2024-09-01","reason":"meerwerk","obligation":{"applies":true,"percentage":5,"amount":13000.00,"policyVersion":"GM0603-v2","reason":"r"}}""");
        ContractEventTypes.Serialize(new ContractCompleted(new LocalDate(2025, 3, 31))).Should().Be("""{"completedOn":"2025-03-31"}""");
    }

    [Fact]
    public void Contract_participants_recorded_v1()
    {
        var recorded = new ContractParticipantsRecorded("haaglanden", "haaglanden.v1",
            [MunicipalityCode.Rijswijk, MunicipalityCode.Parse("GM0518"), MunicipalityCode.Parse("GM0503")]);

        ContractEventTypes.NameOf(recorded).Should().Be("contract.participants-recorded.v1");
        var json = ContractEventTypes.Serialize(recorded);
        json.Should().Be("""{"region":"haaglanden","regionVersion":"haaglanden.v1","participants":["GM0603","GM0518","GM0503"]}""");
        var back = (ContractParticipantsRecorded)ContractEventTypes.Deserialize("contract.participants-recorded.v1", json);
        back.Participants.Should().Equal(recorded.Participants);
        back.RegionVersion.Should().Be("haaglanden.v1");
    }

    [Fact]
    public void Every_basis_round_trips()
    {
        ObligationBasis[] bases =
        [
            new ObligationBasis.Policy("GM0603-v2", 5m, Money.FromEuros(150_000m)),
            new ObligationBasis.SetByProcurement(2.5m, null, "labour share"),
            new ObligationBasis.Exempted("no labour", "GM0603-v2"),
        ];
        foreach (var basis in bases)
        {
            var e = Registered with { Basis = basis };
            ContractEventTypes.Deserialize("contract.registered.v1", ContractEventTypes.Serialize(e)).Should().Be(e);
        }
    }
}
