using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Contracts;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Api.Tests.Fulfilments;

[Collection(ApiCollection.Name)]
public class FulfilmentAccessAndBadInputTests(LedgerApi api)
{
    [Fact]
    public async Task Another_contractor_or_municipality_finds_nothing_and_writes_nothing()
    {
        var contract = await ContractAsync(api);
        var report = await contract.ReportAsync(Training());
        var stranger = await api.ClientAsync("opdrachtnemer", kvkNumber: ContractBodies.UniqueKvk());
        var elsewhere = await api.ClientAsync("wsp", "GM0518");

        foreach (var client in new[] { stranger, elsewhere })
        {
            await (await client.PostJsonAsync($"{contract.Url}/fulfilments", Training())).ShouldBeAsync(HttpStatusCode.NotFound);
            await (await client.GetAsync($"{contract.Url}/fulfilments")).ShouldBeAsync(HttpStatusCode.NotFound);
            await (await client.GetAsync($"{contract.Url}/fulfilments/{report["id"]}")).ShouldBeAsync(HttpStatusCode.NotFound);
            await (await client.GetAsync($"{contract.Url}/balance")).ShouldBeAsync(HttpStatusCode.NotFound);
        }
        await (await elsewhere.PostJsonAsync($"{contract.Url}/fulfilments/{report["id"]}/acceptance", new JsonObject())).ShouldBeAsync(HttpStatusCode.NotFound);
        (await contract.EventCountAsync(api.DataSource)).Should().Be(2);
    }

    [Fact]
    public async Task A_contractor_cannot_settle_amend_or_register()
    {
        var contract = await ContractAsync(api);

        await (await contract.Contractor.PostJsonAsync($"{contract.Url}/settlement", new JsonObject { ["outcome"] = "met" })).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await contract.Contractor.PostJsonAsync($"{contract.Url}/amendments",
            new JsonObject { ["contractValue"] = 1, ["effectiveOn"] = "2024-09-01", ["reason"] = "x" })).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await contract.Contractor.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(kvk: contract.Kvk))).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await contract.Inkoop.PostJsonAsync($"{contract.Url}/fulfilments", Training())).ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    public static TheoryData<string, JsonObject> BadReports => new()
    {
        { "periodEnd", Employment(start: "2024-06-30", end: "2024-04-01") },
        { "hoursPerWeek", Employment(hours: 61m) },
        { "hoursPerWeek", Employment(hours: 0m) },
        { "hoursPerWeek", Employment(hours: -8m) },
        { "targetGroup", Employment(targetGroup: "pensioen") },
        { "targetGroup", Employment().Without("targetGroup") },
        { "candidateNumber", Employment(candidate: "123456782") },          // passes the elfproef: a BSN shape
        { "amountExclVat", SocialProcurement(amount: -100m) },
        { "amountExclVat", SocialProcurement(amount: 10.005m) },
        { "cost", Training(-1m) },
        { "supplier.kvkNumber", SocialProcurement(supplierKvk: "123456789") },
        { "supplier.recognition", SocialProcurement(recognition: "keurmerk") },
        { "level", Bbl(5) },
        { "level", Internship("havo") },
        { "kind", Training().With("kind", "donation") },
        { "kind", Training().Without("kind") },
        { "supplier", Employment().With("supplier", new JsonObject { ["kvkNumber"] = "87654321" }) },
        { "description", Training().With("description", "Opleiding voor 123.456.782") },
        { "hours", SocialActivity().With("hours", 0) },
        { "periodStart", Employment().With("periodStart", "1 april") },
        { "body", new JsonObject() },
    };

    [Theory]
    [MemberData(nameof(BadReports))]
    public async Task A_bad_report_is_a_400_naming_the_field_and_writes_nothing(string field, JsonObject body)
    {
        var contract = await ContractAsync(api);

        var response = await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments", body);

        if (field == "body") await response.ShouldNameFieldAsync("kind");
        else await response.ShouldNameFieldAsync(field);
        (await contract.EventCountAsync(api.DataSource)).Should().Be(1);
    }

    [Theory]
    [InlineData("2023-03-31", "2023-06-30", "fulfilment.outside-term", "periodStart")] // beyond the 12 months before 2024-04-01
    [InlineData("2025-03-01", "2025-04-30", "fulfilment.outside-term", "periodEnd")]   // after the end 2025-03-31
    public async Task A_period_outside_the_term_is_a_422_naming_the_field_and_writes_nothing(string start, string end, string code, string field)
    {
        var contract = await ContractAsync(api);

        var refused = await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments", Employment(start: start, end: end)))
            .ShouldBeAsync(HttpStatusCode.UnprocessableEntity);

        refused["code"]!.GetValue<string>().Should().Be(code);
        refused["field"]!.GetValue<string>().Should().Be(field);
        (await contract.EventCountAsync(api.DataSource)).Should().Be(1);
        // Within the grace it counts, valued with the table in force on the period's start (Haaglanden 2023 from 2023-07-01).
        (await contract.ReportAsync(Employment(start: "2023-07-01", end: "2023-09-30")))["tableVersion"]!.GetValue<string>().Should().Be("GM0603-bouwblokken-v1");
        (await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments", Employment(candidate: "300300", start: "2023-05-01", end: "2023-06-30")))
            .ShouldBeAsync(HttpStatusCode.UnprocessableEntity))["code"]!.GetValue<string>().Should().Be("valuation.no-table-in-force");
    }

    [Fact]
    public async Task Reports_on_an_unknown_contract_or_one_without_an_obligation_are_refused()
    {
        var wsp = await api.ClientAsync("wsp");
        await (await wsp.PostJsonAsync($"/api/v1/contracts/{Guid.NewGuid()}/fulfilments", Training())).ShouldBeAsync(HttpStatusCode.NotFound);

        var small = await ContractAsync(api, value: 100_000m);
        (await (await small.Contractor.PostJsonAsync($"{small.Url}/fulfilments", Training())).ShouldBeAsync(HttpStatusCode.UnprocessableEntity))["code"]!
            .GetValue<string>().Should().Be("fulfilment.no-obligation");
    }

    [Fact]
    public async Task The_same_candidate_on_the_same_days_is_a_422_and_a_future_period_too()
    {
        var contract = await ContractAsync(api);
        await contract.ReportAsync(Employment());

        var overlap = await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments", Employment(start: "2024-06-01", end: "2024-08-31")))
            .ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        overlap["code"]!.GetValue<string>().Should().Be("fulfilment.period-overlap");

        var running = await RunningContractAsync(api);
        var future = await (await running.Contractor.PostJsonAsync($"{running.Url}/fulfilments",
            Employment(start: Iso(Today.PlusDays(-10)), end: Iso(Today.PlusDays(10))))).ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        future["code"]!.GetValue<string>().Should().Be("fulfilment.in-future");
    }

    [Fact]
    public async Task Fifty_concurrent_reports_on_one_contract_all_land_and_the_balance_is_their_sum()
    {
        var contract = await ContractAsync(api);

        var responses = await Task.WhenAll(Enumerable.Range(1, 50).Select(i =>
            contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments", Training(100m + i))));

        foreach (var response in responses) await response.ShouldBeAsync(HttpStatusCode.Created);
        // They queued on the contract's lock: each committed at a version of its own, none was decided twice.
        responses.Select(r => r.Headers.ETag!.Tag).Should().BeEquivalentTo(Enumerable.Range(2, 50).Select(v => $"\"{v}\""));
        var values = await Task.WhenAll(responses.Select(async r => (await r.JsonAsync()).Decimal("value")));
        var balance = await contract.BalanceAsync();
        balance.Decimal("pending").Should().Be(values.Sum()).And.Be(Enumerable.Range(1, 50).Sum(i => 100m + i));
        balance["version"]!.GetValue<long>().Should().Be(51);
        (await contract.EventCountAsync(api.DataSource)).Should().Be(51);
    }
}
