using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Candidates;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Api.Tests.Auditing;

/// <summary>Histories are paged, take <c>asKnownOn</c> or its alias <c>knownOn</c>, and show no other municipality's streams.</summary>
[Collection(ApiCollection.Name)]
public class HistoryAccessAndPagingTests(LedgerApi api)
{
    private async Task<string> CandidateWithFiveEventsAsync(HttpClient wsp)
    {
        var number = await wsp.RegisterAsync();
        foreach (var (trede, on) in new[] { (3, "2020-03-01"), (4, "2020-06-01"), (5, "2020-09-01"), (6, "2021-01-04") })
            await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/trede-changes", CandidateBodies.TredeChange(trede, on))).ShouldBeAsync(HttpStatusCode.OK);
        return number;
    }

    [Fact]
    public async Task A_history_comes_in_pages_in_version_order()
    {
        var wsp = await api.ClientAsync("wsp");
        var number = await CandidateWithFiveEventsAsync(wsp);
        var url = $"/api/v1/candidates/{number}/history";

        var second = await (await wsp.GetAsync($"{url}?page=2&pageSize=2")).ShouldBeAsync(HttpStatusCode.OK);
        second["events"]!.AsArray().Select(e => e!["version"]!.GetValue<long>()).Should().Equal(3, 4);
        (second["page"]!.GetValue<int>(), second["pageSize"]!.GetValue<int>(), second["total"]!.GetValue<long>()).Should().Be((2, 2, 5));
        // The state is the whole stream's, whatever the page.
        second["candidate"]!["trede"]!.GetValue<int>().Should().Be(6);
        var last = await (await wsp.GetAsync($"{url}?page=3&pageSize=2")).ShouldBeAsync(HttpStatusCode.OK);
        last["events"]!.AsArray().Select(e => e!["version"]!.GetValue<long>()).Should().Equal(5);
        var past = await (await wsp.GetAsync($"{url}?page=4&pageSize=2")).ShouldBeAsync(HttpStatusCode.OK);
        past["events"]!.AsArray().Should().BeEmpty();
        past["total"]!.GetValue<long>().Should().Be(5);
        var whole = await (await wsp.GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK);
        (whole["page"]!.GetValue<int>(), whole["pageSize"]!.GetValue<int>(), whole["events"]!.AsArray().Count).Should().Be((1, 100, 5));

        // Paged and cut: the events recorded by the third one's instant, second page of two.
        var third = whole["events"]![2]!["recordedAt"]!.GetValue<string>();
        var cut = await (await wsp.GetAsync($"{url}?asKnownOn={third}&page=2&pageSize=2")).ShouldBeAsync(HttpStatusCode.OK);
        cut["events"]!.AsArray().Select(e => e!["version"]!.GetValue<long>()).Should().Equal(3);
        cut["total"]!.GetValue<long>().Should().Be(3);
        cut["candidate"]!["trede"]!.GetValue<int>().Should().Be(4);

        await (await wsp.GetAsync($"{url}?pageSize=0")).ShouldNameFieldAsync("pageSize");
        await (await wsp.GetAsync($"{url}?pageSize=1001")).ShouldNameFieldAsync("pageSize");
        await (await wsp.GetAsync($"{url}?page=zero")).ShouldNameFieldAsync("page");
        await (await wsp.GetAsync($"{url}?asKnownOn=yesterday")).ShouldNameFieldAsync("asKnownOn");
        await (await wsp.GetAsync($"{url}?asKnownOn=9999-12-31T23:59:59Z")).ShouldNameFieldAsync("asKnownOn");
    }

    [Fact]
    public async Task KnownOn_is_an_alias_of_asKnownOn_on_the_contracts_history_and_balance()
    {
        var contract = await ContractAsync(api);
        await (await contract.Inkoop.PostJsonAsync($"{contract.Url}/amendments",
            new JsonObject { ["contractValue"] = 300_000, ["effectiveOn"] = "2024-09-01", ["reason"] = "meerwerk" })).ShouldBeAsync(HttpStatusCode.OK);
        var auditor = await api.ClientAsync("auditor");
        var registeredAt = (await (await auditor.GetAsync($"{contract.Url}/history")).ShouldBeAsync(HttpStatusCode.OK))["events"]![0]!["recordedAt"]!.GetValue<string>();
        var amendedAt = (await (await auditor.GetAsync($"{contract.Url}/history")).ShouldBeAsync(HttpStatusCode.OK))["events"]![1]!["recordedAt"]!.GetValue<string>();

        foreach (var resource in new[] { "history", "balance" })
        {
            var byName = await (await auditor.GetAsync($"{contract.Url}/{resource}?asKnownOn={registeredAt}")).ShouldBeAsync(HttpStatusCode.OK);
            var byAlias = await (await auditor.GetAsync($"{contract.Url}/{resource}?knownOn={registeredAt}")).ShouldBeAsync(HttpStatusCode.OK);
            var byBoth = await (await auditor.GetAsync($"{contract.Url}/{resource}?knownOn={registeredAt}&asKnownOn={registeredAt}")).ShouldBeAsync(HttpStatusCode.OK);
            byAlias.ToJsonString().Should().Be(byName.ToJsonString(), resource);
            byBoth.ToJsonString().Should().Be(byName.ToJsonString(), resource);
            byName["knownOn"]!.GetValue<string>().Should().Be(registeredAt);

            var clash = await (await auditor.GetAsync($"{contract.Url}/{resource}?knownOn={registeredAt}&asKnownOn={amendedAt}")).ShouldBeAsync(HttpStatusCode.BadRequest);
            clash["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["asKnownOn", "knownOn"], resource);
            await (await auditor.GetAsync($"{contract.Url}/{resource}?knownOn=yesterday")).ShouldNameFieldAsync("knownOn");
        }
        var history = await (await auditor.GetAsync($"{contract.Url}/history?knownOn={registeredAt}")).ShouldBeAsync(HttpStatusCode.OK);
        history.Decimal("contract.contractValue").Should().Be(200_000m);
        var balance = await (await auditor.GetAsync($"{contract.Url}/balance?knownOn={registeredAt}")).ShouldBeAsync(HttpStatusCode.OK);
        balance.Decimal("obligation").Should().Be(10_000m);
    }

    [Fact]
    public async Task Another_municipalitys_streams_are_not_found_and_roles_read_as_they_read_the_stream()
    {
        var contract = await ContractAsync(api);
        var wsp = await api.ClientAsync("wsp");
        var number = await wsp.RegisterAsync();
        var elsewhere = await api.ClientAsync("auditor", "GM0599");
        var elsewhereWsp = await api.ClientAsync("wsp", "GM0599");

        await (await elsewhere.GetAsync($"{contract.Url}/history")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await elsewhere.GetAsync($"/api/v1/candidates/{number}/history")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await elsewhereWsp.GetAsync($"/api/v1/candidates/{number}/history")).ShouldBeAsync(HttpStatusCode.NotFound);
        // GM0599 has recorded no policy, table or ambition of its own.
        foreach (var path in new[] { "sroi-policies/history", "building-block-tables/history", "ambitions/history" })
            await (await elsewhere.GetAsync($"/api/v1/{path}")).ShouldBeAsync(HttpStatusCode.NotFound);
        // Naming another municipality is refused outright (a municipality's code is public, nothing leaks).
        await (await elsewhere.GetAsync($"/api/v1/candidates/{number}/history?municipality=GM0603")).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await elsewhere.GetAsync("/api/v1/sroi-policies/history?municipality=GM0603")).ShouldBeAsync(HttpStatusCode.Forbidden);

        // An admin reads every municipality's, naming the one it means.
        var admin = api.Admin();
        (await (await admin.GetAsync($"{contract.Url}/history")).ShouldBeAsync(HttpStatusCode.OK))["municipality"]!.GetValue<string>().Should().Be("GM0603");
        await (await admin.GetAsync($"/api/v1/candidates/{number}/history")).ShouldNameFieldAsync("municipality");
        (await (await admin.GetAsync($"/api/v1/candidates/{number}/history?municipality=GM0603")).ShouldBeAsync(HttpStatusCode.OK))["total"]!
            .GetValue<long>().Should().Be(1);
        (await (await admin.GetAsync("/api/v1/sroi-policies/history?municipality=GM0603")).ShouldBeAsync(HttpStatusCode.OK))["stream"]!
            .GetValue<string>().Should().Be("sroi-policy-GM0603");

        // The roles of each stream's own reads: a contractor reads no contract history, procurement no candidate's.
        await (await contract.Contractor.GetAsync($"{contract.Url}/history")).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await contract.Inkoop.GetAsync($"/api/v1/candidates/{number}/history")).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await contract.Inkoop.GetAsync("/api/v1/ambitions/history")).ShouldBeAsync(HttpStatusCode.Forbidden);
        (await (await contract.Contractor.GetAsync("/api/v1/sroi-policies/history")).ShouldBeAsync(HttpStatusCode.OK))["versions"]!.AsArray()
            .Should().NotBeEmpty();
        await (await api.Client().GetAsync($"/api/v1/candidates/{number}/history")).ShouldBeAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_history_and_the_verification()
    {
        var document = await (await api.Client().GetAsync("/api/v1/openapi.json")).ShouldBeAsync(HttpStatusCode.OK);
        var schemas = document["components"]!["schemas"]!;
        foreach (var (path, state) in new[]
        {
            ("/contracts/{id}/history", "contract"), ("/candidates/{candidateNumber}/history", "candidate"),
            ("/sroi-policies/history", "versions"), ("/building-block-tables/history", "versions"), ("/ambitions/history", "ambitions"),
        })
        {
            var reference = document["paths"]![path]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
            var properties = schemas[reference.Split('/')[^1]]!["properties"]!.AsObject().Select(p => p.Key);
            properties.Should().Contain(["stream", "municipality", "asKnownOn", "chain", "events", "page", "pageSize", "total", state], path);
        }
        var verification = document["paths"]!["/audit/verification"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
        schemas[verification.Split('/')[^1]]!["properties"]!.AsObject().Select(p => p.Key).Should().Equal("ok", "streams", "events", "discrepancies", "checkpoints", "signingBaseline", "municipalities");
    }
}
