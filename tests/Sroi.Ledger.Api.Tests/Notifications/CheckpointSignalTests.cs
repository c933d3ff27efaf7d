using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Auditing;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Testing;

namespace Sroi.Ledger.Api.Tests.Notifications;

/// <summary>
/// Checkpoints leave the database as they are made: <c>checkpoint.signed</c> carries the signed checkpoint to the
/// municipality's auditors (feed and webhook), and <c>checkpoint.refused</c> tells them why none was signed.
/// </summary>
[Collection(NotificationsCollection.Name)]
public class CheckpointSignalTests(NotificationsApi api)
{
    [Fact]
    public async Task Auditors_get_each_checkpoint_as_it_is_signed_and_each_refusal_by_webhook_and_in_their_feed()
    {
        const string municipality = "GM9441";
        var auditor = await api.ClientAsync("auditor", municipality);
        var auditorPath = NotificationScenario.Path("auditor");
        var wspPath = NotificationScenario.Path("wsp");
        await NotificationScenario.SubscribeAsync(auditor, api.Receiver, auditorPath, ["checkpoint.signed", "checkpoint.refused"]);
        var wsp = await api.ClientAsync("wsp", municipality);
        await NotificationScenario.SubscribeAsync(wsp, api.Receiver, wspPath, ["sroi-contract.registered"]);
        // Audit signals are an auditor's: not a WSP's, and not mixed into one subscription with the WSP's.
        await (await wsp.PostJsonAsync("/api/v1/webhook-subscriptions", new JsonObject { ["url"] = api.Receiver.Url(wspPath), ["types"] = new JsonArray("checkpoint.signed") }))
            .ShouldNameFieldAsync("types[0]");
        await (await api.Admin().PostJsonAsync("/api/v1/webhook-subscriptions", new JsonObject
            {
                ["url"] = api.Receiver.Url(wspPath), ["municipality"] = municipality, ["types"] = new JsonArray("checkpoint.signed", "sroi-contract.registered"),
            })).ShouldNameFieldAsync("types[0]");
        // Each key lists its own audience's subscriptions only.
        (await (await auditor.GetAsync("/api/v1/webhook-subscriptions")).ShouldBeAsync(HttpStatusCode.OK))["items"]!.AsArray()
            .Select(s => s!["types"]![0]!.GetValue<string>()).Should().Equal("checkpoint.signed");
        (await (await wsp.GetAsync("/api/v1/webhook-subscriptions")).ShouldBeAsync(HttpStatusCode.OK))["items"]!.AsArray()
            .Select(s => s!["types"]![0]!.GetValue<string>()).Should().Equal("sroi-contract.registered");

        var stream = await AuditedContracts.RegisteredAndAmendedAsync(api, municipality);
        var run = await (await api.Admin().PostAsync($"/api/v1/audit/checkpoints?municipality={municipality}", null)).ShouldBeAsync(HttpStatusCode.OK);
        var checkpoint = run["checkpoints"]![0]!;

        var signed = (await api.Receiver.WaitForAsync(auditorPath, r => r.Count >= 1)).Single();
        signed.SignatureValid.Should().BeTrue();
        signed.Json["type"]!.GetValue<string>().Should().Be("checkpoint.signed");
        signed.Json["municipality"]!.GetValue<string>().Should().Be(municipality);
        var data = signed.Json["data"]!;
        foreach (var field in new[] { "id", "payload", "signature", "keyFingerprint" })
            data[field]!.GetValue<string>().Should().Be(checkpoint[field]!.GetValue<string>(), field);

        // The copy the auditor received is one to verify against, as received (the whole notification will do).
        var verified = await (await auditor.PostJsonAsync("/api/v1/audit/verification", signed.Json.DeepClone())).ShouldBeAsync(HttpStatusCode.OK);
        verified["ok"]!.GetValue<bool>().Should().BeTrue(verified.ToJsonString());

        // A forged event: the next round is refused, and the auditors hear why.
        await using (var forge = api.DataSource.CreateCommand(Forgery.CopyAtNextVersion(stream, 2)))
            await forge.ExecuteNonQueryAsync();
        await (await api.Admin().PostAsync($"/api/v1/audit/checkpoints?municipality={municipality}", null)).ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        var refused = (await api.Receiver.WaitForAsync(auditorPath, r => r.Count >= 2)).Single(r => r.Json["type"]!.GetValue<string>() == "checkpoint.refused");
        refused.Json["data"]!["code"]!.GetValue<string>().Should().Be("checkpoint.unverified-ledger");
        refused.Json["data"]!["against"]!.GetValue<string>().Should().Be(checkpoint["id"]!.GetValue<string>());
        refused.Json["data"]!["discrepancyCount"]!.GetValue<int>().Should().Be(1);
        refused.Json["data"]!["discrepancies"]![0]!["code"]!.GetValue<string>().Should().Be("commit.unsigned");
        refused.Json["data"]!["discrepancies"]![0]!["stream"]!.GetValue<string>().Should().Be(stream);

        // The feed: the auditor's shows both, in order; the WSP's neither.
        var feed = await Eventually.UntilAsync(async () => await (await auditor.GetAsync("/api/v1/notifications")).ShouldBeAsync(HttpStatusCode.OK),
            page => page["items"]!.AsArray().Count >= 2, "the auditor's feed holds both", TimeSpan.FromSeconds(10));
        feed["items"]!.AsArray().Select(i => i!["type"]!.GetValue<string>()).Should().Equal("checkpoint.signed", "checkpoint.refused");
        var wspFeed = await (await wsp.GetAsync("/api/v1/notifications")).ShouldBeAsync(HttpStatusCode.OK);
        wspFeed["items"]!.AsArray().Select(i => i!["type"]!.GetValue<string>()).Should().NotContain(t => t.StartsWith("checkpoint."));
        await Task.Delay(500);
        api.Receiver.On(wspPath).Should().OnlyContain(r => r.Json["type"]!.GetValue<string>() == "sroi-contract.registered");
    }
}
