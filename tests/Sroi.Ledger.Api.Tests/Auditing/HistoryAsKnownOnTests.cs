using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Candidates;
using Sroi.Ledger.Api.Tests.Contracts;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Api.Tests.Auditing;

/// <summary>
/// A history asked "as known on" each recorded instant answers what had been recorded by then — amendments, corrections,
/// withdrawals and reports recorded late (their business dates long past) included — and nothing recorded after it.
/// </summary>
[Collection(ApiCollection.Name)]
public class HistoryAsKnownOnTests(LedgerApi api)
{
    [Fact]
    public async Task A_contract_as_known_on_each_event_shows_what_was_recorded_by_then()
    {
        var contract = await ContractAsync(api);
        await (await contract.Inkoop.PostJsonAsync($"{contract.Url}/amendments",
            new JsonObject { ["contractValue"] = 300_000, ["effectiveOn"] = "2024-09-01", ["reason"] = "meerwerk" })).ShouldBeAsync(HttpStatusCode.OK);
        var employment = await contract.ReportAsync(Employment());                                              // 9.972,60
        var training = await contract.ReportAsync(Training(1_250m));
        await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{employment["id"]}/correction", Employment(hours: 18m)))
            .ShouldBeAsync(HttpStatusCode.Created);                                                             // 4.986,30 replaces it
        await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{training["id"]}/withdrawal", new JsonObject { ["reason"] = "dubbel" }))
            .ShouldBeAsync(HttpStatusCode.OK);
        // Recorded today, about a training of May 2024: the business date stays in the payload, the recorded time is now.
        await contract.ReportAsync(Training(500m).With("date", "2024-05-01"));
        var auditor = await api.ClientAsync("auditor");

        var history = await (await auditor.GetAsync($"{contract.Url}/history")).ShouldBeAsync(HttpStatusCode.OK);
        var events = history["events"]!.AsArray();
        events.Select(e => e!["type"]!.GetValue<string>()).Should().Equal(
            "contract.registered.v1", "contract.amended.v1", "contract.fulfilment-reported.v1", "contract.fulfilment-reported.v1",
            "contract.fulfilment-reported.v1", "contract.fulfilment-withdrawn.v1", "contract.fulfilment-reported.v1");
        events.Select(e => e!["version"]!.GetValue<long>()).Should().Equal(1, 2, 3, 4, 5, 6, 7);
        events.Select(e => e!["sequence"]!.GetValue<long>()).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        events[1]!["metadata"]!["reason"]!.GetValue<string>().Should().Be("meerwerk");
        events[1]!["metadata"]!["actor"]!.GetValue<string>().Should().StartWith("inkoop:");
        events[6]!["data"]!["report"]!["date"]!.GetValue<string>().Should().Be("2024-05-01");
        events.Select(e => e!["hash"]!.GetValue<string>()).Should().AllSatisfy(h => h.Should().MatchRegex("^[0-9a-f]{64}$"));
        history["stream"]!.GetValue<string>().Should().Be($"contract-{contract.Id}");
        history["municipality"]!.GetValue<string>().Should().Be("GM0603");
        history["chain"]!["intact"]!.GetValue<bool>().Should().BeTrue();
        history["total"]!.GetValue<long>().Should().Be(7);
        history["asKnownOn"].Should().BeNull();

        var recordedAt = events.Select(e => e!["recordedAt"]!.GetValue<string>()).ToList();
        // The balance as known on each event's instant: obligation and pending as they stood then.
        (decimal Obligation, decimal Pending)[] expected =
            [(10_000m, 0m), (15_000m, 0m), (15_000m, 9_972.60m), (15_000m, 11_222.60m), (15_000m, 6_236.30m), (15_000m, 4_986.30m), (15_000m, 5_486.30m)];
        for (var i = 0; i < recordedAt.Count; i++)
        {
            var then = await (await auditor.GetAsync($"{contract.Url}/history?asKnownOn={recordedAt[i]}")).ShouldBeAsync(HttpStatusCode.OK);
            then["events"]!.AsArray().Select(e => e!["version"]!.GetValue<long>()).Should().Equal(Enumerable.Range(1, i + 1).Select(v => (long)v));
            then["total"]!.GetValue<long>().Should().Be(i + 1);
            then["asKnownOn"]!.GetValue<string>().Should().Be(recordedAt[i]);
            then["contract"]!["version"]!.GetValue<long>().Should().Be(i + 1);
            then.Decimal("contract.contractValue").Should().Be(i == 0 ? 200_000m : 300_000m);
            // The chain is always checked over the whole stream as it is now.
            then["chain"]!["eventsChecked"]!.GetValue<int>().Should().Be(7);

            var balance = await (await auditor.GetAsync($"{contract.Url}/balance?asKnownOn={recordedAt[i]}")).ShouldBeAsync(HttpStatusCode.OK);
            (balance.Decimal("obligation"), balance.Decimal("pending")).Should().Be(expected[i], $"as known on event {i + 1}");
            balance["asKnownOn"]!.GetValue<string>().Should().Be(recordedAt[i]);
            balance["knownOn"]!.GetValue<string>().Should().Be(recordedAt[i]);
        }

        var before = await (await auditor.GetAsync($"{contract.Url}/history?asKnownOn=2020-01-01T00:00:00Z")).ShouldBeAsync(HttpStatusCode.OK);
        before["events"]!.AsArray().Should().BeEmpty();
        before["contract"].Should().BeNull();
        before["total"]!.GetValue<long>().Should().Be(0);
    }

    [Fact]
    public async Task A_candidate_as_known_on_shows_the_placement_before_and_after_its_correction_and_withdrawal()
    {
        var wsp = await api.ClientAsync("wsp");
        var number = await wsp.RegisterAsync();
        // A placement of 2021 recorded now: it counts in 2021 (its business date), known only from now on (its recorded time).
        var placement = await wsp.PlaceAsync(number, CandidateBodies.Placement(startedOn: "2021-03-01"));
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements/{placement}/correction",
            new JsonObject { ["startedOn"] = "2022-01-10", ["reason"] = "Verkeerde startdatum" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements/{placement}/withdrawal",
            new JsonObject { ["reason"] = "Onterecht geregistreerd" })).ShouldBeAsync(HttpStatusCode.OK);
        var auditor = await api.ClientAsync("auditor");

        var history = await (await auditor.GetAsync($"/api/v1/candidates/{number}/history")).ShouldBeAsync(HttpStatusCode.OK);
        var events = history["events"]!.AsArray();
        events.Select(e => e!["type"]!.GetValue<string>()).Should().Equal("candidate.registered.v1", "candidate.placement-recorded.v1",
            "candidate.placement-corrected.v1", "candidate.placement-withdrawn.v1");
        history["stream"]!.GetValue<string>().Should().Be($"candidate-GM0603-{number}");
        var at = events.Select(e => e!["recordedAt"]!.GetValue<string>()).ToList();

        async Task<JsonNode> Then(int i) =>
            (await (await auditor.GetAsync($"/api/v1/candidates/{number}/history?asKnownOn={at[i]}")).ShouldBeAsync(HttpStatusCode.OK))["candidate"]!;
        (await Then(0))["placements"]!.AsArray().Should().BeEmpty();
        var recorded = (await Then(1))["placements"]![0]!;
        (recorded["startedOn"]!.GetValue<string>(), recorded["countsInYear"]!.GetValue<int>()).Should().Be(("2021-03-01", 2021));
        var corrected = (await Then(2))["placements"]![0]!;
        (corrected["startedOn"]!.GetValue<string>(), corrected["countsInYear"]!.GetValue<int>()).Should().Be(("2022-01-10", 2022));
        var withdrawn = (await Then(3))["placements"]![0]!;
        withdrawn["countsInYear"].Should().BeNull();
        withdrawn["withdrawalReason"]!.GetValue<string>().Should().Be("Onterecht geregistreerd");
    }

    [Fact]
    public async Task Policy_table_and_ambition_histories_show_the_versions_known_then()
    {
        // A municipality of its own, so that the stream holds exactly what this test records.
        var admin = api.Admin();
        foreach (var (from, percentage) in new[] { ("2024-01-01", 5), ("2025-01-01", 6) })
            await (await admin.PostJsonAsync("/api/v1/sroi-policies", new JsonObject
            {
                ["municipality"] = "GM0771", ["effectiveFrom"] = from, ["percentage"] = percentage, ["description"] = "Beleid " + from,
                ["thresholds"] = new JsonObject { ["werken"] = 150_000, ["diensten"] = 150_000, ["leveringen"] = 150_000 },
            })).ShouldBeAsync(HttpStatusCode.Created);
        var wsp = await api.ClientAsync("wsp", "GM0771");
        await (await wsp.PutJsonAsync("/api/v1/ambitions/2024", new JsonObject { ["municipality"] = "GM0771", ["placements"] = 100 })).ShouldBeAsync(HttpStatusCode.OK);
        await (await wsp.PutJsonAsync("/api/v1/ambitions/2024", new JsonObject { ["municipality"] = "GM0771", ["placements"] = 120, ["sroiPlacements"] = 12 }))
            .ShouldBeAsync(HttpStatusCode.OK);
        var auditor = await api.ClientAsync("auditor", "GM0771");

        var policies = await (await auditor.GetAsync("/api/v1/sroi-policies/history")).ShouldBeAsync(HttpStatusCode.OK);
        policies["stream"]!.GetValue<string>().Should().Be("sroi-policy-GM0771");
        policies["versions"]!.AsArray().Select(v => v!["percentage"]!.GetValue<decimal>()).Should().Equal(5m, 6m);
        var first = policies["events"]![0]!["recordedAt"]!.GetValue<string>();
        var then = await (await auditor.GetAsync($"/api/v1/sroi-policies/history?asKnownOn={first}")).ShouldBeAsync(HttpStatusCode.OK);
        then["versions"]!.AsArray().Select(v => v!["percentage"]!.GetValue<decimal>()).Should().Equal(5m);

        var ambitions = await (await auditor.GetAsync("/api/v1/ambitions/history")).ShouldBeAsync(HttpStatusCode.OK);
        ambitions["events"]!.AsArray().Select(e => e!["data"]!["placements"]!.GetValue<int>()).Should().Equal(100, 120);
        ambitions["ambitions"]![0]!["placements"]!.GetValue<int>().Should().Be(120);
        var set = ambitions["events"]![0]!["recordedAt"]!.GetValue<string>();
        var before = await (await auditor.GetAsync($"/api/v1/ambitions/history?asKnownOn={set}")).ShouldBeAsync(HttpStatusCode.OK);
        before["ambitions"]![0]!["placements"]!.GetValue<int>().Should().Be(100);
        before["ambitions"]![0]!["sroiPlacements"].Should().BeNull();

        // Rijswijk's shipped table, recorded at start-up.
        var tables = await (await (await api.ClientAsync("auditor")).GetAsync("/api/v1/building-block-tables/history")).ShouldBeAsync(HttpStatusCode.OK);
        tables["stream"]!.GetValue<string>().Should().Be("building-block-table-GM0603");
        tables["events"]![0]!["type"]!.GetValue<string>().Should().Be("building-block-table.version-added.v1");
        tables["versions"]!.AsArray().Select(v => v!["id"]!.GetValue<string>()).Should().Contain("GM0603-bouwblokken-v1");
        // GM0771 has recorded no table.
        await (await auditor.GetAsync("/api/v1/building-block-tables/history")).ShouldBeAsync(HttpStatusCode.NotFound);
    }
}
