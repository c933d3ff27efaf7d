using System.Net;
using System.Text.Json.Nodes;
using NodaTime;
using Sroi.Ledger.Api.Tests.Contracts;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Api.Tests.Worklist;

[Collection(ApiCollection.Name)]
public class WorklistTests(LedgerApi api)
{
    /// <summary>Used by no other test, so the worklist holds this test's contracts only.</summary>
    private const string Municipality = "GM9311";

    /// <summary>Another municipality's contracts, for the tests that must not see them.</summary>
    private const string Elsewhere = "GM9312";

    [Fact]
    public async Task Each_kind_appears_with_its_date_oldest_first_and_only_for_its_own_municipality()
    {
        var today = Today;
        var inkoop = await api.ClientAsync("inkoop", Municipality);
        var wsp = await api.ClientAsync("wsp", Municipality);
        await (await wsp.PostJsonAsync("/api/v1/building-block-tables", BuildingBlocks.BuildingBlockTableTests.Table(municipality: Municipality)))
            .ShouldBeAsync(HttpStatusCode.Created);
        var overdueElsewhere = await ContractAsync(await api.ClientAsync("inkoop", Elsewhere), today.PlusDays(-400), today.PlusDays(-10));
        var settlementDue = await ContractAsync(inkoop, today.PlusDays(-500), today.PlusDays(-200));
        var behind = await ContractAsync(inkoop, today.PlusDays(-300), today.PlusDays(400));
        var overdue = await ContractAsync(inkoop, today.PlusDays(-400), today.PlusDays(-10));
        // Starts today: on track until tomorrow, so its only item is the report.
        var reported = await ContractAsync(inkoop, today, today.PlusDays(365));
        var report = await (await wsp.PostJsonAsync($"/api/v1/contracts/{reported}/fulfilments", Training(1_250m).With("date", Iso(today))))
            .ShouldBeAsync(HttpStatusCode.Created);
        // A reviewed report is off the list.
        var rejected = await (await wsp.PostJsonAsync($"/api/v1/contracts/{reported}/fulfilments", Training(900m).With("date", Iso(today))))
            .ShouldBeAsync(HttpStatusCode.Created);
        await (await wsp.PostJsonAsync($"/api/v1/contracts/{reported}/fulfilments/{rejected["id"]}/rejection", new JsonObject { ["reason"] = "Geen bewijs" }))
            .ShouldBeAsync(HttpStatusCode.OK);
        // Settled and fulfilled contracts are not on the list: this one ended long ago and was settled.
        var settled = await ContractAsync(inkoop, today.PlusDays(-500), today.PlusDays(-200));
        await (await wsp.PostJsonAsync($"/api/v1/contracts/{settled}/settlement", new JsonObject { ["outcome"] = "waived", ["reason"] = "Overmacht" }))
            .ShouldBeAsync(HttpStatusCode.Created);

        var list = await (await wsp.GetAsync("/api/v1/worklist")).ShouldBeAsync(HttpStatusCode.OK);

        var items = list["items"]!.AsArray();
        items.Select(i => (i!["kind"]!.GetValue<string>(), i["contractId"]!.GetValue<string>(), i["dueSince"]!.GetValue<string>())).Should().Equal(
            ("behind", behind, Iso(today.PlusDays(-299))),
            ("settlement-due", settlementDue, Iso(today.PlusDays(-200).PlusMonths(3).PlusDays(1))),
            ("overdue", overdue, Iso(today.PlusDays(-9))),
            ("report-pending-review", reported, Iso(today)));
        list["total"]!.GetValue<long>().Should().Be(4);
        var first = items[0]!;
        first["municipality"]!.GetValue<string>().Should().Be(Municipality);
        first["title"]!.GetValue<string>().Should().Be("Herinrichting Haagweg");
        first["contractor"]!["name"]!.GetValue<string>().Should().Be("Bouwbedrijf De Vliet B.V.");
        first.Decimal("obligation").Should().Be(10_000m);
        first.Decimal("accepted").Should().Be(0m);
        first.Decimal("remaining").Should().Be(10_000m);
        first["fulfilmentId"].Should().BeNull();
        var last = items[3]!;
        last["fulfilmentId"]!.GetValue<string>().Should().Be(report["id"]!.GetValue<string>());
        last["fulfilmentKind"]!.GetValue<string>().Should().Be("training");
        last.Decimal("reportedValue").Should().Be(report.Decimal("value")).And.BeGreaterThan(0m);
        last.Decimal("pending").Should().Be(report.Decimal("value"));

        var page2 = await (await wsp.GetAsync("/api/v1/worklist?pageSize=3&page=2")).ShouldBeAsync(HttpStatusCode.OK);
        page2["items"]!.AsArray().Single()!["contractId"]!.GetValue<string>().Should().Be(reported);
        page2["total"]!.GetValue<long>().Should().Be(4);

        var admin = await (await api.Admin().GetAsync($"/api/v1/worklist?municipality={Elsewhere}")).ShouldBeAsync(HttpStatusCode.OK);
        admin["items"]!.AsArray().Select(i => i!["contractId"]!.GetValue<string>()).Should().Contain(overdueElsewhere)
            .And.NotContain([behind, overdue, settlementDue, reported]);
        var adminHere = await (await api.Admin().GetAsync($"/api/v1/worklist?municipality={Municipality}")).ShouldBeAsync(HttpStatusCode.OK);
        adminHere["total"]!.GetValue<long>().Should().Be(4);
    }

    [Fact]
    public async Task A_contractor_or_procurement_key_is_refused()
    {
        var contractor = await api.ClientAsync("opdrachtnemer", Elsewhere, kvkNumber: ContractBodies.UniqueKvk());
        var inkoop = await api.ClientAsync("inkoop", Elsewhere);

        await (await contractor.GetAsync("/api/v1/worklist")).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await inkoop.GetAsync("/api/v1/worklist")).ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("municipality=Rijswijk", "municipality")]
    public async Task A_bad_query_is_a_400_naming_it(string query, string field) =>
        await (await api.Admin().GetAsync($"/api/v1/worklist?{query}")).ShouldNameFieldAsync(field);

    /// <summary>A €200.000 contract for a fresh contractor; the municipality has no policy, so the contract names its 5%.</summary>
    private static async Task<string> ContractAsync(HttpClient inkoop, LocalDate startsOn, LocalDate endsOn)
    {
        var body = ContractBodies.Registration(kvk: ContractBodies.UniqueKvk(), awardedOn: Iso(startsOn.PlusDays(-30)))
            .With("startsOn", Iso(startsOn)).With("endsOn", Iso(endsOn))
            .With("sroi", new JsonObject { ["percentage"] = 5, ["reason"] = "Geen beleid vastgelegd voor deze testgemeente" });
        return (await (await inkoop.PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
    }
}
