using System.Net;
using System.Text.Json.Nodes;

namespace Sroi.Ledger.Api.Tests.Contracts;

[Collection(ApiCollection.Name)]
public class AmendingContractTests(LedgerApi api)
{
    private static JsonObject Amendment(decimal value, string effectiveOn = "2024-09-01") =>
        new() { ["contractValue"] = value, ["effectiveOn"] = effectiveOn, ["reason"] = "Meerwerk riolering" };

    private async Task<(HttpClient Inkoop, string Id)> RegisteredAsync(decimal value = 200_000m)
    {
        var inkoop = await api.ClientAsync("inkoop");
        var contract = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(value))).ShouldBeAsync(HttpStatusCode.Created);
        return (inkoop, contract["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Meerwerk_recalculates_the_obligation_and_keeps_both_values()
    {
        var (inkoop, id) = await RegisteredAsync(200_000m);

        var response = await inkoop.PostJsonAsync($"/api/v1/contracts/{id}/amendments", Amendment(260_000m),
            request => request.Headers.TryAddWithoutValidation("If-Match", "\"1\""));

        var contract = await response.ShouldBeAsync(HttpStatusCode.OK);
        response.Headers.ETag!.Tag.Should().Be("\"2\"");
        contract.Decimal("contractValue").Should().Be(260_000m);
        contract.Decimal("obligation.amount").Should().Be(13_000m);
        var amendment = contract["amendments"]!.AsArray().Should().ContainSingle().Subject!;
        amendment.Decimal("previousValue").Should().Be(200_000m);
        amendment.Decimal("newValue").Should().Be(260_000m);
        amendment["effectiveOn"]!.GetValue<string>().Should().Be("2024-09-01");
        (await (await inkoop.GetAsync($"/api/v1/contracts/{id}/balance")).JsonAsync()).Decimal("obligation").Should().Be(13_000m);
    }

    [Fact]
    public async Task A_stale_If_Match_is_a_412_and_changes_nothing()
    {
        var (inkoop, id) = await RegisteredAsync();
        await (await inkoop.PostJsonAsync($"/api/v1/contracts/{id}/amendments", Amendment(250_000m))).ShouldBeAsync(HttpStatusCode.OK);

        await (await inkoop.PostJsonAsync($"/api/v1/contracts/{id}/amendments", Amendment(300_000m),
            request => request.Headers.TryAddWithoutValidation("If-Match", "\"1\""))).ShouldBeAsync(HttpStatusCode.PreconditionFailed);

        var current = await inkoop.GetAsync($"/api/v1/contracts/{id}");
        current.Headers.ETag!.Tag.Should().Be("\"2\"");
        (await current.JsonAsync()).Decimal("contractValue").Should().Be(250_000m);
    }

    [Fact]
    public async Task Concurrent_amendments_without_If_Match_lose_nothing_silently()
    {
        var (inkoop, id) = await RegisteredAsync();

        var responses = await Task.WhenAll(Enumerable.Range(1, 8).Select(i =>
            inkoop.PostJsonAsync($"/api/v1/contracts/{id}/amendments", Amendment(200_000m + i * 1_000m))));

        responses.Select(r => r.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.OK || s == HttpStatusCode.Conflict);
        var won = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        won.Should().BeGreaterThan(0);
        foreach (var lost in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict)) await lost.ShouldBeAsync(HttpStatusCode.Conflict);
        var contract = await (await inkoop.GetAsync($"/api/v1/contracts/{id}")).JsonAsync();
        contract["version"]!.GetValue<long>().Should().Be(1 + won);
        contract["amendments"]!.AsArray().Should().HaveCount(won);
    }

    [Fact]
    public async Task Amendment_rules_and_bad_input()
    {
        var (inkoop, id) = await RegisteredAsync();

        await (await inkoop.PostJsonAsync($"/api/v1/contracts/{id}/amendments", Amendment(-1m))).ShouldNameFieldAsync("contractValue");
        await (await inkoop.PostJsonAsync($"/api/v1/contracts/{id}/amendments", Amendment(1m).Without("reason"))).ShouldNameFieldAsync("reason");
        await (await inkoop.PostJsonAsync($"/api/v1/contracts/{id}/amendments", Amendment(1m),
            r => r.Headers.TryAddWithoutValidation("If-Match", "soon"))).ShouldNameFieldAsync("If-Match");
        var early = await (await inkoop.PostJsonAsync($"/api/v1/contracts/{id}/amendments", Amendment(300_000m, "2024-01-01")))
            .ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        early["field"]!.GetValue<string>().Should().Be("effectiveOn");
        await (await inkoop.PostJsonAsync($"/api/v1/contracts/{Guid.NewGuid()}/amendments", Amendment(300_000m))).ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Procurement_of_another_municipality_cannot_find_the_contract()
    {
        var (_, id) = await RegisteredAsync();
        var elsewhere = await api.ClientAsync("inkoop", "GM0518");

        await (await elsewhere.PostJsonAsync($"/api/v1/contracts/{id}/amendments", Amendment(300_000m))).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await elsewhere.GetAsync($"/api/v1/contracts/{id}")).ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Completion_ends_the_contract_and_it_can_no_longer_change()
    {
        var (inkoop, id) = await RegisteredAsync();
        var complete = new JsonObject { ["completedOn"] = "2025-03-31" };

        var contract = await (await inkoop.PostJsonAsync($"/api/v1/contracts/{id}/completion", complete)).ShouldBeAsync(HttpStatusCode.OK);

        contract["status"]!.GetValue<string>().Should().Be("completed");
        contract["completedOn"]!.GetValue<string>().Should().Be("2025-03-31");
        (await (await inkoop.PostJsonAsync($"/api/v1/contracts/{id}/completion", complete)).ShouldBeAsync(HttpStatusCode.UnprocessableEntity))
            ["code"]!.GetValue<string>().Should().Be("contract.already-completed");
        await (await inkoop.PostJsonAsync($"/api/v1/contracts/{id}/amendments", Amendment(300_000m))).ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        await (await inkoop.PostJsonAsync($"/api/v1/contracts/{id}/completion", new JsonObject())).ShouldNameFieldAsync("completedOn");
    }

    [Fact]
    public async Task Completion_cannot_be_dated_in_the_future()
    {
        var (inkoop, id) = await RegisteredAsync();

        var problem = await (await inkoop.PostJsonAsync($"/api/v1/contracts/{id}/completion", new JsonObject { ["completedOn"] = "2999-01-01" }))
            .ShouldBeAsync(HttpStatusCode.UnprocessableEntity);

        problem["code"]!.GetValue<string>().Should().Be("contract.completed-in-future");
    }
}
