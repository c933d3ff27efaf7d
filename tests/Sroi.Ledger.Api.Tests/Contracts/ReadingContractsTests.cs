using System.Net;
using System.Text.Json.Nodes;

namespace Sroi.Ledger.Api.Tests.Contracts;

[Collection(ApiCollection.Name)]
public class ReadingContractsTests(LedgerApi api)
{
    [Fact]
    public async Task The_list_filters_by_contractor_category_and_status_and_pages()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var kvk = ContractBodies.UniqueKvk();
        var ids = new List<string>();
        foreach (var category in new[] { "werken", "diensten", "diensten" })
            ids.Add((await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(kvk: kvk, category: category)))
                .ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>());
        await inkoop.PostJsonAsync($"/api/v1/contracts/{ids[2]}/completion", new JsonObject { ["completedOn"] = "2025-03-31" });

        var all = await (await inkoop.GetAsync($"/api/v1/contracts?contractorKvk={kvk}")).ShouldBeAsync(HttpStatusCode.OK);
        var services = await (await inkoop.GetAsync($"/api/v1/contracts?contractorKvk={kvk}&category=diensten")).ShouldBeAsync(HttpStatusCode.OK);
        var completed = await (await inkoop.GetAsync($"/api/v1/contracts?contractorKvk={kvk}&status=completed")).ShouldBeAsync(HttpStatusCode.OK);
        var page2 = await (await inkoop.GetAsync($"/api/v1/contracts?contractorKvk={kvk}&pageSize=2&page=2")).ShouldBeAsync(HttpStatusCode.OK);

        all["total"]!.GetValue<long>().Should().Be(3);
        all["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).Should().BeEquivalentTo(ids);
        services["items"]!.AsArray().Should().HaveCount(2);
        completed["items"]!.AsArray().Single()!["id"]!.GetValue<string>().Should().Be(ids[2]);
        page2["items"]!.AsArray().Should().HaveCount(1);
        page2["total"]!.GetValue<long>().Should().Be(3);
        page2["page"]!.GetValue<int>().Should().Be(2);
    }

    [Theory]
    [InlineData("category=bouw", "category")]
    [InlineData("status=open", "status")]
    [InlineData("contractorKvk=123", "contractorKvk")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=1000", "pageSize")]
    public async Task A_bad_filter_is_a_400_naming_it(string query, string field)
    {
        var inkoop = await api.ClientAsync("inkoop");

        await (await inkoop.GetAsync($"/api/v1/contracts?{query}")).ShouldNameFieldAsync(field);
    }

    [Fact]
    public async Task A_contractor_sees_only_its_own_contracts()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var kvk = ContractBodies.UniqueKvk();
        var own = (await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(kvk: kvk))).JsonAsync())["id"]!.GetValue<string>();
        var other = (await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration())).JsonAsync())["id"]!.GetValue<string>();
        var contractor = await api.ClientAsync("opdrachtnemer", kvkNumber: kvk);

        var list = await (await contractor.GetAsync("/api/v1/contracts")).ShouldBeAsync(HttpStatusCode.OK);

        list["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).Should().Equal(own);
        await (await contractor.GetAsync($"/api/v1/contracts/{own}")).ShouldBeAsync(HttpStatusCode.OK);
        await (await contractor.GetAsync($"/api/v1/contracts/{other}")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await contractor.GetAsync($"/api/v1/contracts/{other}/balance")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await contractor.PostJsonAsync($"/api/v1/contracts/{own}/amendments",
            new JsonObject { ["contractValue"] = 1, ["effectiveOn"] = "2024-09-01", ["reason"] = "x" })).ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Another_municipality_does_not_see_the_contract_in_its_list()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var kvk = ContractBodies.UniqueKvk();
        await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(kvk: kvk));
        var auditorElsewhere = await api.ClientAsync("auditor", "GM0518");

        var list = await (await auditorElsewhere.GetAsync($"/api/v1/contracts?contractorKvk={kvk}")).ShouldBeAsync(HttpStatusCode.OK);

        list["total"]!.GetValue<long>().Should().Be(0);
    }

    [Fact]
    public async Task The_balance_shows_obligation_fulfilled_remaining_and_percentage()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var id = (await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(300_000m))).JsonAsync())["id"]!.GetValue<string>();
        var exempt = (await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(100_000m))).JsonAsync())["id"]!.GetValue<string>();

        var response = await inkoop.GetAsync($"/api/v1/contracts/{id}/balance");
        var balance = await response.ShouldBeAsync(HttpStatusCode.OK);
        var notApplicable = await (await inkoop.GetAsync($"/api/v1/contracts/{exempt}/balance")).ShouldBeAsync(HttpStatusCode.OK);

        response.Headers.ETag!.Tag.Should().Be("\"1\"");
        balance["obligationApplies"]!.GetValue<bool>().Should().BeTrue();
        balance.Decimal("obligation").Should().Be(15_000m);
        balance.Decimal("fulfilled").Should().Be(0m);
        balance.Decimal("remaining").Should().Be(15_000m);
        balance.Decimal("percentageFulfilled").Should().Be(0m);
        notApplicable["obligationApplies"]!.GetValue<bool>().Should().BeFalse();
        notApplicable.Decimal("remaining").Should().Be(0m);
        notApplicable["percentageFulfilled"].Should().BeNull();
    }
}
