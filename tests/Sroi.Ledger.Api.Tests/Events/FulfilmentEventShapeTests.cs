using NodaTime;
using Sroi.Ledger.Api.BuildingBlocks;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Domain.BuildingBlocks;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Fulfilments;
using Sroi.Ledger.Domain.Settlement;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Api.Json;

namespace Sroi.Ledger.Api.Tests.Events;

/// <summary>
/// Pins the stored JSON of the fulfilment, settlement and building-block events. A failure means the shape
/// changed: that needs a new event version (…v2) and an upcaster, not an edit of the old shape.
/// </summary>
public class FulfilmentEventShapeTests
{
    private static readonly Guid ReportId = Guid.Parse("01a20288-d110-7bfc-ac55-df4acadb1847");
    private static readonly LocalDate Day = new(2025, 6, 1);

    private static readonly FulfilmentReported Employment = new(ReportId, Reporter.Opdrachtnemer,
        new FulfilmentReport.Employment(new WorkingPeriod(CandidateNumber.Parse("100234"), 24m, new LocalDate(2024, 4, 1), new LocalDate(2024, 6, 30)),
            TargetGroup.Participatiewet, Age55Plus: true, WorkLimitation: false, HiredAfterVsoInternship: false),
        new Valuation(Money.FromEuros(8_310.50m), "GM0603-bouwblokken-v1",
            [new ValuationLine("participatiewet", "block", Money.FromEuros(6_648.40m)), new ValuationLine("bonus-age-55-plus", "bonus", Money.FromEuros(1_662.10m))],
            91, 0),
        Day, null);

    private static string Stored(IContractEvent e) => ContractEventTypes.Serialize(e);

    private static void RoundTrips(IContractEvent e) => ContractEventTypes.Deserialize(ContractEventTypes.NameOf(e), Stored(e)).Should().BeEquivalentTo(e,
        options => options.RespectingRuntimeTypes());

    [Fact]
    public void Fulfilment_reported_v1_employment()
    {
        ContractEventTypes.NameOf(Employment).Should().Be("contract.fulfilment-reported.v1");
        Stored(Employment).Should().Be(
            """{"fulfilmentId":"01a20288-d110-7bfc-ac55-df4acadb1847","reportedBy":"opdrachtnemer","report":{"kind":"employment","candidateNumber":"100234","targetGroup":"participatiewet","hoursPerWeek":24,"periodStart":"2024-04-01","periodEnd":"2024-06-30","age55Plus":true,"workLimitation":false,"hiredAfterVsoInternship":false},"valuation":{"value":8310.50,"tableVersion":"GM0603-bouwblokken-v1","breakdown":[{"item":"participatiewet","description":"block","amount":6648.40},{"item":"bonus-age-55-plus","description":"bonus","amount":1662.10}],"countedDays":91,"excessDays":0},"reportedOn":"2025-06-01","replaces":null}""");
        RoundTrips(Employment);
    }

    /// <summary>v1 gained one optional member: the unrounded value of a pro-rata line (left out when null, as above).</summary>
    [Fact]
    public void Fulfilment_reported_v1_employment_with_the_unrounded_values_of_its_lines()
    {
        var withUnrounded = Employment with
        {
            Valuation = Employment.Valuation with
            {
                Breakdown = [.. Employment.Valuation.Breakdown.Select(l => l with { UnroundedCents = l.Amount.Cents + 0.273973m })],
            },
        };

        Stored(withUnrounded).Should().Contain(
            """[{"item":"participatiewet","description":"block","amount":6648.40,"unroundedCents":664840.273973},{"item":"bonus-age-55-plus","description":"bonus","amount":1662.10,"unroundedCents":166210.273973}]""");
        RoundTrips(withUnrounded);
    }

    [Fact]
    public void Fulfilment_reported_v1_social_procurement_as_a_correction()
    {
        var purchase = Employment with
        {
            Report = new FulfilmentReport.SocialProcurement(new Supplier(KvkNumber.Parse("87654321"), "Werkplaats", SupplierRecognition.SocialEnterpriseNl),
                "F-17", new LocalDate(2024, 5, 15), Money.FromEuros(12_000m)),
            Valuation = new Valuation(Money.FromEuros(6_000m), "GM0603-bouwblokken-v1", [new ValuationLine("social-procurement", "50%", Money.FromEuros(6_000m))], 0, 0),
            Replaces = Guid.Parse("01a20288-d110-7bfc-ac55-df4acadb1840"),
        };

        Stored(purchase).Should().Be(
            """{"fulfilmentId":"01a20288-d110-7bfc-ac55-df4acadb1847","reportedBy":"opdrachtnemer","report":{"kind":"social-procurement","supplier":{"kvkNumber":"87654321","name":"Werkplaats","recognition":"social-enterprise-nl"},"invoiceNumber":"F-17","invoiceDate":"2024-05-15","amountExclVat":12000.00},"valuation":{"value":6000.00,"tableVersion":"GM0603-bouwblokken-v1","breakdown":[{"item":"social-procurement","description":"50%","amount":6000.00}],"countedDays":0,"excessDays":0},"reportedOn":"2025-06-01","replaces":"01a20288-d110-7bfc-ac55-df4acadb1840"}""");
        RoundTrips(purchase);
    }

    [Fact]
    public void Review_withdrawal_and_settlement_v1()
    {
        IContractEvent[] events =
        [
            new FulfilmentAccepted(ReportId, Day, "loonstroken gezien"),
            new FulfilmentRejected(ReportId, Day, "geen bewijs"),
            new FulfilmentWithdrawn(ReportId, Day, null),
            new ObligationSettled(SettlementOutcome.BuyOff, Money.FromEuros(6_000m), null, Day, Money.FromEuros(10_000m), Money.FromEuros(4_000m), Money.FromEuros(6_000m)),
        ];

        events.Select(e => $"{ContractEventTypes.NameOf(e)} {Stored(e)}").Should().Equal(
            """contract.fulfilment-accepted.v1 {"fulfilmentId":"01a20288-d110-7bfc-ac55-df4acadb1847","reviewedOn":"2025-06-01","note":"loonstroken gezien"}""",
            """contract.fulfilment-rejected.v1 {"fulfilmentId":"01a20288-d110-7bfc-ac55-df4acadb1847","reviewedOn":"2025-06-01","reason":"geen bewijs"}""",
            """contract.fulfilment-withdrawn.v1 {"fulfilmentId":"01a20288-d110-7bfc-ac55-df4acadb1847","withdrawnOn":"2025-06-01","reason":null}""",
            """contract.settled.v1 {"outcome":"buy-off","amount":6000.00,"reason":null,"settledOn":"2025-06-01","obligation":10000.00,"accepted":4000.00,"shortfall":6000.00}""");
        foreach (var e in events) RoundTrips(e);
    }

    [Fact]
    public void Building_block_table_version_added_v1()
    {
        var added = BuildingBlockTableDecider.Decide(DefaultBuildingBlockTables.Haaglanden2023(MunicipalityCode.Rijswijk), BuildingBlockTableHistory.Empty);

        BuildingBlockEvents.VersionAdded.Should().Be("building-block-table.version-added.v1");
        EventJson.Serialize(added).Should().Be(
            """{"table":{"municipality":"GM0603","version":1,"effectiveFrom":"2023-07-01","name":"Haaglanden en Zuid-Holland Centraal, opdrachten vanaf 1 juli 2023","hoursPerFullTimeWeek":36,"blocks":[{"code":"no-benefit","valuePerYear":5000.00,"capMonths":12},{"code":"young-without-qualification","valuePerYear":10000.00,"capMonths":12},{"code":"internship-mbo-hbo","valuePerYear":5000.00,"capMonths":12},{"code":"internship-vso-pro","valuePerYear":7500.00,"capMonths":24},{"code":"bbl-level2-or-lower","valuePerYear":25000.00,"capMonths":24},{"code":"bbl-level3-or-higher","valuePerYear":15000.00,"capMonths":36},{"code":"ww","valuePerYear":20000.00,"capMonths":12},{"code":"wia","valuePerYear":30000.00,"capMonths":24},{"code":"participatiewet","valuePerYear":40000.00,"capMonths":24},{"code":"banenafspraak","valuePerYear":50000.00,"capMonths":null}],"bonuses":{"age55Plus":10000.00,"workLimitation":10000.00,"hiredAfterVsoInternship":25000.00},"socialProcurementShares":[{"recognition":"code-sociale-ondernemingen","percentage":100},{"recognition":"social-enterprise-nl","percentage":50},{"recognition":"none","percentage":0}],"socialActivityPerHour":null}}""");
        EventJson.Deserialize<BuildingBlockTableAdded>(EventJson.Serialize(added)).Should().BeEquivalentTo(added);
    }
}
