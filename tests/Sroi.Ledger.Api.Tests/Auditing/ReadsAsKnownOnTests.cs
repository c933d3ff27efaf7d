using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Candidates;
using Sroi.Ledger.Api.Tests.Contracts;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Api.Tests.Auditing;

/// <summary>
/// The reads of a contract, its fulfilments and a candidate take <c>?asKnownOn=</c> (alias <c>knownOn</c>) as the balance and
/// the histories do: the answer folded from the stream's events recorded by that instant, nothing recorded after it.
/// </summary>
[Collection(ApiCollection.Name)]
public class ReadsAsKnownOnTests(LedgerApi api)
{
    [Fact]
    public async Task A_contract_and_its_fulfilments_as_known_on_each_event_show_what_was_recorded_by_then()
    {
        var contract = await ContractAsync(api);
        await (await contract.Inkoop.PostJsonAsync($"{contract.Url}/amendments",
            new JsonObject { ["contractValue"] = 300_000, ["effectiveOn"] = "2024-09-01", ["reason"] = "meerwerk" })).ShouldBeAsync(HttpStatusCode.OK);
        var training = await contract.ReportAsync(Training(1_250m));
        await contract.RejectAsync(training);
        var employment = await contract.ReportAsync(Employment());
        await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{employment["id"]}/withdrawal", new JsonObject { ["reason"] = "dubbel" }))
            .ShouldBeAsync(HttpStatusCode.OK);
        var auditor = await api.ClientAsync("auditor");
        var at = await RecordedAtAsync(auditor, $"{contract.Url}/history");
        at.Should().HaveCount(6);

        async Task<JsonNode> Get(string path, string moment, HttpStatusCode status = HttpStatusCode.OK) =>
            await (await auditor.GetAsync($"{path}?asKnownOn={moment}")).ShouldBeAsync(status);

        // The contract: its value before and after the amendment; its version (and ETag) as it stood.
        (await Get(contract.Url, at[0])).Decimal("contractValue").Should().Be(200_000m);
        var amended = await auditor.GetAsync($"{contract.Url}?asKnownOn={at[1]}");
        amended.Headers.ETag!.Tag.Should().Be("\"2\"");
        (await amended.ShouldBeAsync(HttpStatusCode.OK)).Decimal("contractValue").Should().Be(300_000m);
        (await Get(contract.Url, "2020-01-01T00:00:00Z", HttpStatusCode.NotFound))["detail"]!.GetValue<string>().Should().Contain("as known on");

        // The fulfilments: none, the training pending, rejected, the employment pending, withdrawn.
        string[][] statuses = [[], [], ["pending"], ["rejected"], ["rejected", "pending"], ["rejected", "withdrawn"]];
        for (var i = 0; i < at.Count; i++)
        {
            var list = await Get($"{contract.Url}/fulfilments", at[i]);
            list["items"]!.AsArray().Select(f => f!["status"]!.GetValue<string>()).Should().Equal(statuses[i], $"as known on event {i + 1}");
            list["total"]!.GetValue<long>().Should().Be(statuses[i].Length);
        }
        (await Get($"{contract.Url}/fulfilments/{training["id"]}", at[2]))["status"]!.GetValue<string>().Should().Be("pending");
        (await Get($"{contract.Url}/fulfilments/{training["id"]}", at[3]))["status"]!.GetValue<string>().Should().Be("rejected");
        await Get($"{contract.Url}/fulfilments/{employment["id"]}", at[3], HttpStatusCode.NotFound);
        // Today's answers are unchanged by the parameter's existence.
        var today = await (await auditor.GetAsync($"{contract.Url}/fulfilments")).ShouldBeAsync(HttpStatusCode.OK);
        today.ToJsonString().Should().Be((await Get($"{contract.Url}/fulfilments", at[5])).ToJsonString());
    }

    [Fact]
    public async Task A_candidate_and_its_placement_as_known_on_show_the_values_recorded_by_then()
    {
        var wsp = await api.ClientAsync("wsp");
        var number = await wsp.RegisterAsync();
        var placement = await wsp.PlaceAsync(number, CandidateBodies.Placement(startedOn: "2021-03-01"));
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements/{placement}/correction",
            new JsonObject { ["startedOn"] = "2022-01-10", ["reason"] = "Verkeerde startdatum" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/trede-changes", CandidateBodies.TredeChange(4, "2022-02-01"))).ShouldBeAsync(HttpStatusCode.OK);
        var auditor = await api.ClientAsync("auditor");
        var at = await RecordedAtAsync(auditor, $"/api/v1/candidates/{number}/history");
        var path = $"/api/v1/candidates/{number}";

        var registered = await (await auditor.GetAsync($"{path}?asKnownOn={at[0]}")).ShouldBeAsync(HttpStatusCode.OK);
        registered["placements"]!.AsArray().Should().BeEmpty();
        registered["version"]!.GetValue<long>().Should().Be(1);
        var placed = await (await auditor.GetAsync($"{path}/placements/{placement}?knownOn={at[1]}")).ShouldBeAsync(HttpStatusCode.OK);
        (placed["startedOn"]!.GetValue<string>(), placed["countsInYear"]!.GetValue<int>()).Should().Be(("2021-03-01", 2021));
        var corrected = await (await auditor.GetAsync($"{path}/placements/{placement}?asKnownOn={at[2]}")).ShouldBeAsync(HttpStatusCode.OK);
        corrected["startedOn"]!.GetValue<string>().Should().Be("2022-01-10");
        var beforeChange = await (await auditor.GetAsync($"{path}?asKnownOn={at[2]}")).ShouldBeAsync(HttpStatusCode.OK);
        var afterChange = await (await auditor.GetAsync($"{path}?asKnownOn={at[3]}")).ShouldBeAsync(HttpStatusCode.OK);
        (beforeChange["trede"]!.GetValue<int>(), afterChange["trede"]!.GetValue<int>()).Should().Be((2, 4));
        afterChange.ToJsonString().Should().Be((await (await auditor.GetAsync(path)).ShouldBeAsync(HttpStatusCode.OK)).ToJsonString());

        await (await auditor.GetAsync($"{path}/placements/{placement}?asKnownOn={at[0]}")).ShouldBeAsync(HttpStatusCode.NotFound);
        (await (await auditor.GetAsync($"{path}?asKnownOn=2020-01-01T00:00:00Z")).ShouldBeAsync(HttpStatusCode.NotFound))["detail"]!
            .GetValue<string>().Should().Contain("as known on");
        var bad = await (await auditor.GetAsync($"{path}?asKnownOn=yesterday")).ShouldBeAsync(HttpStatusCode.BadRequest);
        bad["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["asKnownOn"]);
        var clash = await (await auditor.GetAsync($"/api/v1/contracts/{Guid.NewGuid()}/fulfilments?asKnownOn={at[0]}&knownOn={at[1]}"))
            .ShouldBeAsync(HttpStatusCode.BadRequest);
        clash["errors"]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo(["asKnownOn", "knownOn"]);
    }

    /// <summary>Each event's recorded instant, from the stream's history.</summary>
    private static async Task<List<string>> RecordedAtAsync(HttpClient auditor, string history) =>
        [.. (await (await auditor.GetAsync(history)).ShouldBeAsync(HttpStatusCode.OK))["events"]!.AsArray()
            .Select(e => e!["recordedAt"]!.GetValue<string>())];
}
