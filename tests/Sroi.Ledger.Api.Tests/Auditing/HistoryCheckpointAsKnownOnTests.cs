using System.Net;
using System.Text.Json.Nodes;

namespace Sroi.Ledger.Api.Tests.Auditing;

/// <summary>
/// A history asked "as known on" a moment holds what it says of the chain and the checkpoint to that moment too: each
/// event's chainHolds is the chain checked up to the last event recorded by then, and the checkpoint is the newest signed
/// at or before it, held to those events — not the checkpoint signed since, which the auditor could not have held then.
/// (The summary <c>chain</c> stays the stream's as it is now: a break anywhere is the auditor's first concern.)
/// A municipality of its own (GM9751), so its checkpoints touch no other test.
/// </summary>
[Collection(ApiCollection.Name)]
public class HistoryCheckpointAsKnownOnTests(LedgerApi api)
{
    private const string Municipality = "GM9751";

    [Fact]
    public async Task As_known_on_a_moment_the_checkpoint_is_the_newest_signed_by_then_held_to_the_events_recorded_by_then()
    {
        var stream = await AuditedContracts.RegisteredAndAmendedAsync(api, Municipality);
        var url = $"/api/v1/contracts/{stream["contract-".Length..]}";
        var auditor = await api.ClientAsync("auditor", Municipality);
        var first = await SignAsync();
        await (await (await api.ClientAsync("inkoop", Municipality)).PostJsonAsync($"{url}/amendments",
            new JsonObject { ["contractValue"] = 320_000, ["effectiveOn"] = "2024-10-01", ["reason"] = "meerwerk fase 2" })).ShouldBeAsync(HttpStatusCode.OK);
        var second = await SignAsync();

        var now = await (await auditor.GetAsync($"{url}/history")).ShouldBeAsync(HttpStatusCode.OK);
        now["checkpoint"]!["id"]!.GetValue<string>().Should().Be(second["id"]!.GetValue<string>());
        now["checkpoint"]!["version"]!.GetValue<long>().Should().Be(3);
        var recordedAt = now["events"]!.AsArray().Select(e => e!["recordedAt"]!.GetValue<string>()).ToList();

        // Known on the first checkpoint's moment: two events, the first checkpoint, which covers both and holds.
        var atFirst = await (await auditor.GetAsync($"{url}/history?asKnownOn={first["createdAt"]!.GetValue<string>()}")).ShouldBeAsync(HttpStatusCode.OK);
        atFirst["total"]!.GetValue<long>().Should().Be(2);
        atFirst["events"]!.AsArray().Select(e => e!["chainHolds"]!.GetValue<bool>()).Should().Equal(true, true);
        var then = atFirst["checkpoint"]!;
        then["id"]!.GetValue<string>().Should().Be(first["id"]!.GetValue<string>());
        then["covers"]!.GetValue<bool>().Should().BeTrue();
        then["version"]!.GetValue<long>().Should().Be(2);
        then["holds"]!.GetValue<bool>().Should().BeTrue();
        then["discrepancies"]!.AsArray().Should().BeEmpty();

        // Known on the third event's moment: the second checkpoint was not signed yet.
        var atThird = await (await auditor.GetAsync($"{url}/history?asKnownOn={recordedAt[2]}")).ShouldBeAsync(HttpStatusCode.OK);
        atThird["total"]!.GetValue<long>().Should().Be(3);
        atThird["checkpoint"]!["id"]!.GetValue<string>().Should().Be(first["id"]!.GetValue<string>());
        atThird["checkpoint"]!["holds"]!.GetValue<bool>().Should().BeTrue();

        // Known on the first event's moment: no checkpoint had been signed.
        var atStart = await (await auditor.GetAsync($"{url}/history?asKnownOn={recordedAt[0]}")).ShouldBeAsync(HttpStatusCode.OK);
        atStart["total"]!.GetValue<long>().Should().Be(1);
        atStart["checkpoint"].Should().BeNull("no checkpoint of the municipality was signed by then");
    }

    private async Task<JsonNode> SignAsync()
    {
        var run = await (await api.Admin().PostAsync($"/api/v1/audit/checkpoints?municipality={Municipality}", null)).ShouldBeAsync(HttpStatusCode.OK);
        run["refused"]!.AsArray().Should().BeEmpty();
        return run["checkpoints"]!.AsArray().Single()!;
    }
}
