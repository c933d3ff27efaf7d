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
    public async Task A_policy_with_a_one_month_repair_period_makes_the_settlement_due_two_months_earlier()
    {
        const string municipality = "GM9313";
        var today = Today;
        var effectiveFrom = today.PlusDays(-500);
        await (await api.Admin().PostJsonAsync("/api/v1/sroi-policies", new JsonObject
        {
            ["municipality"] = municipality, ["effectiveFrom"] = Iso(effectiveFrom), ["percentage"] = 5, ["description"] = "Herstel een maand",
            ["thresholds"] = new JsonObject { ["werken"] = 150_000, ["diensten"] = 150_000, ["leveringen"] = 150_000 },
            ["repairPeriodMonths"] = 1,
        })).ShouldBeAsync(HttpStatusCode.Created);
        var inkoop = await api.ClientAsync("inkoop", municipality);
        var wsp = await api.ClientAsync("wsp", municipality);
        var endsOn = today.PlusDays(-40);
        // Awarded under the policy: its obligation names GM9313-v1, whose repair period is one month.
        var underPolicy = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(kvk: ContractBodies.UniqueKvk(),
                awardedOn: Iso(today.PlusDays(-430))).With("startsOn", Iso(today.PlusDays(-400))).With("endsOn", Iso(endsOn))))
            .ShouldBeAsync(HttpStatusCode.Created);
        underPolicy["obligation"]!["policyVersion"]!.GetValue<string>().Should().Be($"{municipality}-v1");
        // Awarded before the policy took effect, with procurement's own percentage: no version, so the default three months.
        var beforePolicy = await ContractAsync(inkoop, today.PlusDays(-400), endsOn, awardedOn: effectiveFrom.PlusDays(-1));

        var list = await (await wsp.GetAsync("/api/v1/worklist")).ShouldBeAsync(HttpStatusCode.OK);

        list["items"]!.AsArray().Select(i => (i!["kind"]!.GetValue<string>(), i["contractId"]!.GetValue<string>(), i["dueSince"]!.GetValue<string>()))
            .Should().Equal(
                ("overdue", beforePolicy, Iso(endsOn.PlusDays(1))),
                ("settlement-due", underPolicy["id"]!.GetValue<string>(), Iso(endsOn.PlusMonths(1).PlusDays(1))));
    }

    [Fact]
    public async Task Kind_keeps_one_kind_of_item_counted_and_paged_on_its_own()
    {
        const string municipality = "GM9314";
        var today = Today;
        var inkoop = await api.ClientAsync("inkoop", municipality);
        var wsp = await api.ClientAsync("wsp", municipality);
        await (await wsp.PostJsonAsync("/api/v1/building-block-tables", BuildingBlocks.BuildingBlockTableTests.Table(municipality: municipality)))
            .ShouldBeAsync(HttpStatusCode.Created);
        var behind = await ContractAsync(inkoop, today.PlusDays(-300), today.PlusDays(400));
        var overdue = await ContractAsync(inkoop, today.PlusDays(-400), today.PlusDays(-10));
        var reported = await ContractAsync(inkoop, today, today.PlusDays(365));
        var reports = new List<string>();
        foreach (var value in new[] { 1_000m, 2_000m, 3_000m })
            reports.Add((await (await wsp.PostJsonAsync($"/api/v1/contracts/{reported}/fulfilments", Training(value).With("date", Iso(today))))
                .ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>());

        var all = await (await wsp.GetAsync("/api/v1/worklist")).ShouldBeAsync(HttpStatusCode.OK);
        all["total"]!.GetValue<long>().Should().Be(5);
        // Each item carries its contract's version (the If-Match of a review from the list), the one GET /contracts/{id} answers.
        var version = (await (await wsp.GetAsync($"/api/v1/contracts/{reported}")).ShouldBeAsync(HttpStatusCode.OK))["version"]!.GetValue<long>();
        version.Should().BeGreaterThan(3);
        all["items"]!.AsArray().Where(i => i!["contractId"]!.GetValue<string>() == reported)
            .Select(i => i!["version"]!.GetValue<long>()).Should().Equal(version, version, version);

        var toReview = await (await wsp.GetAsync("/api/v1/worklist?kind=report-pending-review&pageSize=2")).ShouldBeAsync(HttpStatusCode.OK);
        toReview["total"]!.GetValue<long>().Should().Be(3);
        var firstPage = toReview["items"]!.AsArray().Select(i => i!["fulfilmentId"]!.GetValue<string>()).ToList();
        var secondPage = (await (await wsp.GetAsync("/api/v1/worklist?kind=report-pending-review&pageSize=2&page=2")).ShouldBeAsync(HttpStatusCode.OK))
            ["items"]!.AsArray().Select(i => i!["fulfilmentId"]!.GetValue<string>()).ToList();
        // The same items in the same order as in the whole list, only those of the kind.
        firstPage.Concat(secondPage).Should().Equal(all["items"]!.AsArray().Where(i => i!["kind"]!.GetValue<string>() == "report-pending-review")
            .Select(i => i!["fulfilmentId"]!.GetValue<string>()));
        firstPage.Concat(secondPage).Should().BeEquivalentTo(reports);

        var behindOnly = await (await wsp.GetAsync("/api/v1/worklist?kind=behind")).ShouldBeAsync(HttpStatusCode.OK);
        behindOnly["items"]!.AsArray().Select(i => i!["contractId"]!.GetValue<string>()).Should().Equal(behind);
        var overdueOnly = await (await api.Admin().GetAsync($"/api/v1/worklist?municipality={municipality}&kind=overdue")).ShouldBeAsync(HttpStatusCode.OK);
        overdueOnly["items"]!.AsArray().Select(i => i!["contractId"]!.GetValue<string>()).Should().Equal(overdue);
        overdueOnly["total"]!.GetValue<long>().Should().Be(1);
        var none = await (await wsp.GetAsync("/api/v1/worklist?kind=settlement-due")).ShouldBeAsync(HttpStatusCode.OK);
        none["items"]!.AsArray().Should().BeEmpty();
        none["total"]!.GetValue<long>().Should().Be(0);
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
    [InlineData("kind=achter", "kind")]
    public async Task A_bad_query_is_a_400_naming_it(string query, string field) =>
        await (await api.Admin().GetAsync($"/api/v1/worklist?{query}")).ShouldNameFieldAsync(field);

    /// <summary>A €200.000 contract for a fresh contractor that names its own 5% (the test municipalities have no policy, or none in force yet).</summary>
    internal static async Task<string> ContractAsync(HttpClient inkoop, LocalDate startsOn, LocalDate endsOn, LocalDate? awardedOn = null)
    {
        var body = ContractBodies.Registration(kvk: ContractBodies.UniqueKvk(), awardedOn: Iso(awardedOn ?? startsOn.PlusDays(-30)))
            .With("startsOn", Iso(startsOn)).With("endsOn", Iso(endsOn))
            .With("sroi", new JsonObject { ["percentage"] = 5, ["reason"] = "Geen beleid vastgelegd voor deze testgemeente" });
        return (await (await inkoop.PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
    }
}
