using System.Net;
using System.Text.Json.Nodes;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Api.Tests.Fulfilments;

[Collection(ApiCollection.Name)]
public class SettlementTests(LedgerApi api)
{
    [Fact]
    public async Task After_the_term_the_wsp_settles_a_shortfall_with_a_penalty_and_no_reports_are_taken_after()
    {
        var contract = await ContractAsync(api);
        await contract.AcceptAsync(await contract.ReportAsync(Training(4_000m)));

        var response = await contract.Wsp.PostJsonAsync($"{contract.Url}/settlement",
            new JsonObject { ["outcome"] = "penalty", ["amount"] = 3_000, ["reason"] = "Na herstelperiode, pro rata" });

        var settlement = await response.ShouldBeAsync(HttpStatusCode.Created);
        response.Headers.Location!.ToString().Should().Be($"{contract.Url}/settlement");
        settlement["outcome"]!.GetValue<string>().Should().Be("penalty");
        settlement.Decimal("amount").Should().Be(3_000m);
        settlement.Decimal("shortfall").Should().Be(6_000m);
        settlement.Decimal("accepted").Should().Be(4_000m);
        (await (await contract.Contractor.GetAsync($"{contract.Url}/settlement")).ShouldBeAsync(HttpStatusCode.OK)).Decimal("amount").Should().Be(3_000m);
        var balance = await contract.BalanceAsync(contract.Contractor);
        balance["status"]!.GetValue<string>().Should().Be("settled");
        balance["settlement"]!["outcome"]!.GetValue<string>().Should().Be("penalty");

        var late = await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments", Training()))
            .ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        late["code"]!.GetValue<string>().Should().Be("contract.settled");
        var twice = await (await contract.Wsp.PostJsonAsync($"{contract.Url}/settlement", new JsonObject { ["outcome"] = "waived", ["reason"] = "x" }))
            .ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        twice["code"]!.GetValue<string>().Should().Be("settlement.already-settled");
        (await (await contract.Wsp.GetAsync($"/api/v1/contracts?contractorKvk={contract.Kvk}&status=settled")).JsonAsync())["total"]!
            .GetValue<long>().Should().Be(1);
    }

    [Fact]
    public async Task Settlement_rules_are_422_and_bad_bodies_400()
    {
        var running = await RunningContractAsync(api);
        (await (await running.Wsp.PostJsonAsync($"{running.Url}/settlement", new JsonObject { ["outcome"] = "waived", ["reason"] = "x" }))
            .ShouldBeAsync(HttpStatusCode.UnprocessableEntity))["code"]!.GetValue<string>().Should().Be("settlement.before-end");

        var contract = await ContractAsync(api);
        var pending = await contract.ReportAsync(Training(500m));
        (await (await contract.Wsp.PostJsonAsync($"{contract.Url}/settlement", new JsonObject { ["outcome"] = "waived", ["reason"] = "overmacht" }))
            .ShouldBeAsync(HttpStatusCode.UnprocessableEntity))["code"]!.GetValue<string>().Should().Be("settlement.pending-reports");
        await contract.AcceptAsync(pending);
        (await (await contract.Wsp.PostJsonAsync($"{contract.Url}/settlement", new JsonObject { ["outcome"] = "met" }))
            .ShouldBeAsync(HttpStatusCode.UnprocessableEntity))["code"]!.GetValue<string>().Should().Be("settlement.not-met");

        await (await contract.Wsp.PostJsonAsync($"{contract.Url}/settlement", new JsonObject { ["outcome"] = "penalty" })).ShouldNameFieldAsync("amount");
        await (await contract.Wsp.PostJsonAsync($"{contract.Url}/settlement", new JsonObject { ["outcome"] = "buy-off", ["amount"] = -5 })).ShouldNameFieldAsync("amount");
        await (await contract.Wsp.PostJsonAsync($"{contract.Url}/settlement", new JsonObject { ["outcome"] = "waived" })).ShouldNameFieldAsync("reason");
        await (await contract.Wsp.PostJsonAsync($"{contract.Url}/settlement", new JsonObject { ["outcome"] = "forgiven" })).ShouldNameFieldAsync("outcome");
        await (await contract.Contractor.PostJsonAsync($"{contract.Url}/settlement", new JsonObject { ["outcome"] = "met" })).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await contract.Wsp.GetAsync($"{contract.Url}/settlement")).ShouldBeAsync(HttpStatusCode.NotFound);

        var bought = await (await contract.Wsp.PostJsonAsync($"{contract.Url}/settlement", new JsonObject { ["outcome"] = "buy-off", ["amount"] = 9_500 }))
            .ShouldBeAsync(HttpStatusCode.Created);
        bought.Decimal("shortfall").Should().Be(9_500m);
        (await (await contract.Inkoop.PostJsonAsync($"{contract.Url}/amendments",
            new JsonObject { ["contractValue"] = 250_000, ["effectiveOn"] = "2024-09-01", ["reason"] = "meerwerk" }))
            .ShouldBeAsync(HttpStatusCode.UnprocessableEntity))["code"]!.GetValue<string>().Should().Be("contract.settled");
    }
}
