using System.Net;
using System.Text.Json.Nodes;

namespace Sroi.Ledger.Api.Tests.Auditing;

/// <summary>
/// What the auditor's replay page reads from GET /contracts/{id}/history: the contract and balance right after each event
/// (equal to the history and balance asked "as known on" that event's moment), whether the chain holds up to each event,
/// and whether the municipality's newest signed checkpoint covers and holds for the stream. A municipality of its own
/// (GM0748), so its checkpoints and tampering touch no other test.
/// </summary>
[Collection(ApiCollection.Name)]
public class HistoryReplayTests(LedgerApi api)
{
    private const string Municipality = "GM0748";

    [Fact]
    public async Task Each_event_carries_the_state_after_it_the_chain_link_and_the_checkpoint_that_covers_it()
    {
        var stream = await AuditedContracts.RegisteredAndAmendedAsync(api, Municipality);
        var url = $"/api/v1/contracts/{stream["contract-".Length..]}";
        var auditor = await api.ClientAsync("auditor", Municipality);

        var unsigned = await (await auditor.GetAsync($"{url}/history")).ShouldBeAsync(HttpStatusCode.OK);
        unsigned["checkpoint"].Should().BeNull("no checkpoint was signed in the municipality yet");

        var signed = await (await api.Admin().PostAsync($"/api/v1/audit/checkpoints?municipality={Municipality}", null)).ShouldBeAsync(HttpStatusCode.OK);
        signed["refused"]!.AsArray().Should().BeEmpty();
        var checkpointId = signed["checkpoints"]!.AsArray().Single()!["id"]!.GetValue<string>();
        // An event after the checkpoint: the checkpoint covers the stream up to version 2 and still holds.
        await (await (await api.ClientAsync("inkoop", Municipality)).PostJsonAsync($"{url}/amendments",
            new JsonObject { ["contractValue"] = 320_000, ["effectiveOn"] = "2024-10-01", ["reason"] = "meerwerk fase 2" })).ShouldBeAsync(HttpStatusCode.OK);

        var history = await (await auditor.GetAsync($"{url}/history")).ShouldBeAsync(HttpStatusCode.OK);
        var events = history["events"]!.AsArray();
        events.Select(e => e!["chainHolds"]!.GetValue<bool>()).Should().Equal(true, true, true);
        var states = history["statesAfter"]!.AsArray();
        states.Select(s => s!["version"]!.GetValue<long>()).Should().Equal(1, 2, 3);
        states.Select(s => s!.Decimal("contract.contractValue")).Should().Equal(200_000m, 300_000m, 320_000m);
        states.Select(s => s!.Decimal("balance.obligation")).Should().Equal(10_000m, 15_000m, 16_000m);
        JsonNode.DeepEquals(states[2]!["contract"], history["contract"]).Should().BeTrue("the state after the last event is the contract now");

        var checkpoint = history["checkpoint"]!;
        checkpoint["id"]!.GetValue<string>().Should().Be(checkpointId);
        checkpoint["signature"]!.GetValue<string>().Should().Be("valid");
        checkpoint["covers"]!.GetValue<bool>().Should().BeTrue();
        checkpoint["version"]!.GetValue<long>().Should().Be(2);
        checkpoint["holds"]!.GetValue<bool>().Should().BeTrue();
        checkpoint["discrepancies"]!.AsArray().Should().BeEmpty();

        // Each state after an event is what the ledger answers asked "as known on" that event's moment.
        for (var i = 0; i < events.Count; i++)
        {
            var at = events[i]!["recordedAt"]!.GetValue<string>();
            var then = await (await auditor.GetAsync($"{url}/history?asKnownOn={at}")).ShouldBeAsync(HttpStatusCode.OK);
            JsonNode.DeepEquals(then["contract"], states[i]!["contract"]).Should().BeTrue($"the contract after event {i + 1}");
            then["statesAfter"]!.AsArray().Select(s => s!["version"]!.GetValue<long>()).Should().Equal(Enumerable.Range(1, i + 1).Select(v => (long)v));
            var balance = await (await auditor.GetAsync($"{url}/balance?asKnownOn={at}")).ShouldBeAsync(HttpStatusCode.OK);
            foreach (var field in new[] { "obligation", "accepted", "pending", "rejected", "remaining" })
                states[i]!.Decimal($"balance.{field}").Should().Be(balance.Decimal(field), $"{field} after event {i + 1}");
            states[i]!["balance"]!["status"]!.GetValue<string>().Should().Be(balance["status"]!.GetValue<string>());
            states[i]!["balance"]!["asOf"]!.GetValue<string>().Should().Be(balance["asOf"]!.GetValue<string>());
        }

        // Paged: the states are the page's events'.
        var second = await (await auditor.GetAsync($"{url}/history?page=2&pageSize=2")).ShouldBeAsync(HttpStatusCode.OK);
        second["statesAfter"]!.AsArray().Select(s => s!.Decimal("contract.contractValue")).Should().Equal(320_000m);

        // The verification per municipality (what the page lists): one municipality, as the totals say.
        var verification = await (await auditor.GetAsync("/api/v1/audit/verification")).ShouldBeAsync(HttpStatusCode.OK);
        var own = verification["municipalities"]!.AsArray().Single()!;
        own["municipality"]!.GetValue<string>().Should().Be(Municipality);
        own["streams"]!.GetValue<int>().Should().Be(verification["streams"]!.GetValue<int>()).And.BeGreaterThan(0);
        own["events"]!.GetValue<long>().Should().Be(verification["events"]!.GetValue<long>()).And.BeGreaterThanOrEqualTo(3);
        (own["discrepancies"]!.GetValue<int>(), own["checkpointSignature"]!.GetValue<string>(), own["ok"]!.GetValue<bool>()).Should().Be((0, "valid", true));
    }

    [Fact]
    public async Task An_edited_event_breaks_its_link_and_every_later_one_and_the_checkpoint_no_longer_holds()
    {
        var stream = await AuditedContracts.RegisteredAndAmendedAsync(api, "GM0753");
        var url = $"/api/v1/contracts/{stream["contract-".Length..]}";
        var signed = await (await api.Admin().PostAsync("/api/v1/audit/checkpoints?municipality=GM0753", null)).ShouldBeAsync(HttpStatusCode.OK);
        signed["checkpoints"]!.AsArray().Should().ContainSingle();
        await (await (await api.ClientAsync("inkoop", "GM0753")).PostJsonAsync($"{url}/amendments",
            new JsonObject { ["contractValue"] = 320_000, ["effectiveOn"] = "2024-10-01", ["reason"] = "meerwerk fase 2" })).ShouldBeAsync(HttpStatusCode.OK);
        // The amendment's reason rewritten by the database's owner, its hash left as it was.
        await using (var edit = api.DataSource.CreateCommand($$"""
            ALTER TABLE mt_events DISABLE TRIGGER sroi_no_update;
            UPDATE mt_events SET data = jsonb_set(data, '{reason}', '"herzien"') WHERE stream_id = '{{stream}}' AND version = 2;
            ALTER TABLE mt_events ENABLE TRIGGER sroi_no_update;
            """))
            await edit.ExecuteNonQueryAsync();

        var history = await (await (await api.ClientAsync("auditor", "GM0753")).GetAsync($"{url}/history")).ShouldBeAsync(HttpStatusCode.OK);
        history["chain"]!["intact"]!.GetValue<bool>().Should().BeFalse();
        history["chain"]!["firstBrokenVersion"]!.GetValue<long>().Should().Be(2);
        history["events"]!.AsArray().Select(e => e!["chainHolds"]!.GetValue<bool>()).Should().Equal(true, false, false);
        history["statesAfter"]![1]!["contract"]!["amendments"]![0]!["reason"]!.GetValue<string>().Should().Be("herzien");
        var checkpoint = history["checkpoint"]!;
        (checkpoint["covers"]!.GetValue<bool>(), checkpoint["version"]!.GetValue<long>(), checkpoint["holds"]!.GetValue<bool>()).Should().Be((true, 2, false));
        // The stored hash at version 2 is the one signed, but the events no longer recompute to it.
        checkpoint["discrepancies"]!.AsArray().Select(d => d!["code"]!.GetValue<string>()).Should().Equal("chain.broken");

        var verification = await (await api.Admin().GetAsync("/api/v1/audit/verification?municipality=GM0753")).ShouldBeAsync(HttpStatusCode.OK);
        var municipality = verification["municipalities"]!.AsArray().Single()!;
        municipality["ok"]!.GetValue<bool>().Should().BeFalse();
        municipality["discrepancies"]!.GetValue<int>().Should().Be(verification["discrepancies"]!.AsArray().Count).And.BeGreaterThan(0);
    }
}
