using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Testing;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Api.Tests.Notifications;

[Collection(NotificationsCollection.Name)]
public class WebhookDeliveryTests(NotificationsApi api)
{
    private WebhookReceiver Receiver => api.Receiver;

    [Fact]
    public async Task Each_event_signal_arrives_once_per_subscription_signed_and_only_to_its_own_audience()
    {
        const string municipality = "GM9401";
        var kvk = ContractBodies.UniqueKvk();
        var wspPath = Path("wsp");
        var contractorPath = Path("contractor");
        var otherContractorPath = Path("other-contractor");
        var elsewherePath = Path("elsewhere");
        var wsp = await api.ClientAsync("wsp", municipality);
        await (await wsp.PostJsonAsync("/api/v1/building-block-tables", BuildingBlocks.BuildingBlockTableTests.Table(municipality: municipality)))
            .ShouldBeAsync(HttpStatusCode.Created);
        var contractor = await api.ClientAsync("opdrachtnemer", municipality, kvk);
        await SubscribeAsync(api.Admin(), wspPath, ["sroi-contract.registered", "fulfilment.reported"], municipality);
        await SubscribeAsync(contractor, contractorPath, ["sroi-contract.registered", "fulfilment.reviewed"]);
        await SubscribeAsync(await api.ClientAsync("opdrachtnemer", municipality, ContractBodies.UniqueKvk()), otherContractorPath,
            ["sroi-contract.registered", "fulfilment.reviewed"]);
        await SubscribeAsync(await api.ClientAsync("wsp", "GM9402"), elsewherePath, ["sroi-contract.registered", "fulfilment.reported"]);

        var contractId = await RegisterAsync(await api.ClientAsync("inkoop", municipality), kvk);
        var accepted = (await (await contractor.PostJsonAsync($"/api/v1/contracts/{contractId}/fulfilments", Training(1_250m)))
            .ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var rejected = (await (await contractor.PostJsonAsync($"/api/v1/contracts/{contractId}/fulfilments", Training(900m)))
            .ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await wsp.PostJsonAsync($"/api/v1/contracts/{contractId}/fulfilments/{accepted}/acceptance", new JsonObject()))
            .ShouldBeAsync(HttpStatusCode.OK);
        await (await wsp.PostJsonAsync($"/api/v1/contracts/{contractId}/fulfilments/{rejected}/rejection", new JsonObject { ["reason"] = "Geen bewijs" }))
            .ShouldBeAsync(HttpStatusCode.OK);

        var toWsp = await Receiver.WaitForAsync(wspPath, r => r.Count >= 3);
        var toContractor = await Receiver.WaitForAsync(contractorPath, r => r.Count >= 3);
        await Task.Delay(1500); // anything sent twice, or to the wrong subscriber, would have come by now
        toWsp = Receiver.On(wspPath);
        toContractor = Receiver.On(contractorPath);

        // Deliveries run side by side, so they may arrive in any order; occurredAt and the feed give the order.
        toWsp = [.. toWsp.OrderBy(r => DateTimeOffset.Parse(r.Json["occurredAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture))];
        toContractor = [.. toContractor.OrderBy(r => DateTimeOffset.Parse(r.Json["occurredAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture))];
        toWsp.Select(r => r.Json["type"]!.GetValue<string>()).Should().Equal("sroi-contract.registered", "fulfilment.reported", "fulfilment.reported");
        toContractor.Select(r => r.Json["type"]!.GetValue<string>()).Should().Equal("sroi-contract.registered", "fulfilment.reviewed", "fulfilment.reviewed");
        foreach (var received in toWsp.Concat(toContractor))
        {
            received.SignatureValid.Should().BeTrue(received.Body);
            received.LegacySignatureValid.Should().BeTrue("X-Sroi-Signature is still sent for the first release's receivers");
            received.WebhookId.Should().Be(received.Json["id"]!.GetValue<string>());
            received.ContentType.Should().StartWith("application/json");
            received.Json["municipality"]!.GetValue<string>().Should().Be(municipality);
            received.Json["contractId"]!.GetValue<string>().Should().Be(contractId);
        }
        // Once per subscription: a notification for both audiences (the registration) carries one id to each.
        toWsp.Select(r => r.Json["id"]!.GetValue<string>()).Should().OnlyHaveUniqueItems();
        toContractor.Select(r => r.Json["id"]!.GetValue<string>()).Should().OnlyHaveUniqueItems();
        toWsp[0].Json["id"]!.GetValue<string>().Should().Be(toContractor[0].Json["id"]!.GetValue<string>());
        Receiver.On(otherContractorPath).Should().BeEmpty();
        Receiver.On(elsewherePath).Should().BeEmpty();

        var registered = toContractor[0].Json["data"]!;
        registered["change"]!.GetValue<string>().Should().Be("registered");
        registered.Decimal("obligation").Should().Be(10_000m);
        registered["contractor"]!["kvkNumber"]!.GetValue<string>().Should().Be(kvk);
        var reviews = toContractor.Skip(1).Select(r => r.Json["data"]!).ToList();
        reviews.Select(d => (d["fulfilmentId"]!.GetValue<string>(), d["decision"]!.GetValue<string>())).Should()
            .BeEquivalentTo([(accepted, "accepted"), (rejected, "rejected")]);
        reviews.Single(d => d["decision"]!.GetValue<string>() == "rejected")["reason"]!.GetValue<string>().Should().Be("Geen bewijs");

        // The feed holds the same notifications for each key, and only its own.
        var contractorFeed = await FeedAsync(contractor, toContractor.Count);
        contractorFeed["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).Should()
            .Equal(toContractor.Select(r => r.Json["id"]!.GetValue<string>()));
        var wspFeed = await FeedAsync(wsp, toWsp.Count);
        wspFeed["items"]!.AsArray().Select(i => i!.ToJsonString()).Should().Equal(toWsp.Select(r => JsonNode.Parse(r.Body)!.ToJsonString()));
    }

    [Fact]
    public async Task An_amendment_is_announced_with_the_new_obligation_also_when_it_takes_the_obligation_away()
    {
        const string municipality = "GM9407";
        await (await api.Admin().PostJsonAsync("/api/v1/sroi-policies", new JsonObject
        {
            ["municipality"] = municipality, ["effectiveFrom"] = "2020-01-01", ["percentage"] = 5,
            ["thresholds"] = new JsonObject { ["werken"] = 150_000, ["diensten"] = 150_000, ["leveringen"] = 150_000 },
            ["description"] = "Testbeleid",
        })).ShouldBeAsync(HttpStatusCode.Created);
        var path = Path("amended");
        await SubscribeAsync(api.Admin(), path, ["sroi-contract.registered"], municipality);
        var inkoop = await api.ClientAsync("inkoop", municipality);
        var body = ContractBodies.Registration(kvk: ContractBodies.UniqueKvk(), awardedOn: "2026-11-15")
            .With("startsOn", "2027-06-01").With("endsOn", "2029-05-31");
        var contract = (await (await inkoop.PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        await (await inkoop.PostJsonAsync($"/api/v1/contracts/{contract}/amendments",
            new JsonObject { ["contractValue"] = 300_000, ["effectiveOn"] = "2027-07-01", ["reason"] = "Meerwerk" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await inkoop.PostJsonAsync($"/api/v1/contracts/{contract}/amendments",
            new JsonObject { ["contractValue"] = 100_000, ["effectiveOn"] = "2027-08-01", ["reason"] = "Minderwerk" })).ShouldBeAsync(HttpStatusCode.OK);

        var received = await Receiver.WaitForAsync(path, r => r.Count >= 3);
        received.Select(r => (r.Json["data"]!["change"]!.GetValue<string>(), r.Json["data"]!.Decimal("obligation"), r.Json["data"]!["policyVersion"]!.GetValue<string>()))
            .Should().BeEquivalentTo([("registered", 10_000m, "GM9407-v1"), ("amended", 15_000m, "GM9407-v1"), ("amended", 0m, "GM9407-v1")]);
    }

    [Fact]
    public async Task The_feed_pages_by_cursor_and_says_when_there_is_more()
    {
        const string municipality = "GM9403";
        var kvk = ContractBodies.UniqueKvk();
        var contractor = await api.ClientAsync("opdrachtnemer", municipality, kvk);
        var inkoop = await api.ClientAsync("inkoop", municipality);
        for (var i = 0; i < 3; i++) await RegisterAsync(inkoop, kvk);
        await FeedAsync(contractor, 3);

        var first = await (await contractor.GetAsync("/api/v1/notifications?limit=2")).ShouldBeAsync(HttpStatusCode.OK);
        first["items"]!.AsArray().Should().HaveCount(2);
        first["hasMore"]!.GetValue<bool>().Should().BeTrue();
        var second = await (await contractor.GetAsync($"/api/v1/notifications?limit=2&after={first["next"]}")).ShouldBeAsync(HttpStatusCode.OK);
        second["items"]!.AsArray().Should().HaveCount(1);
        second["hasMore"]!.GetValue<bool>().Should().BeFalse();
        var empty = await (await contractor.GetAsync($"/api/v1/notifications?after={second["next"]}")).ShouldBeAsync(HttpStatusCode.OK);
        empty["items"]!.AsArray().Should().BeEmpty();
        empty["next"]!.GetValue<string>().Should().Be(second["next"]!.GetValue<string>());

        await (await contractor.GetAsync("/api/v1/notifications?after=abc")).ShouldNameFieldAsync("after");
        await (await contractor.GetAsync("/api/v1/notifications?limit=0")).ShouldNameFieldAsync("limit");
        var inkoopFeed = await (await inkoop.GetAsync("/api/v1/notifications")).ShouldBeAsync(HttpStatusCode.OK);
        inkoopFeed["items"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task The_feed_holds_back_what_is_newer_than_a_transaction_still_running_so_a_late_commit_is_never_skipped()
    {
        const string municipality = "GM9406";
        var kvk = ContractBodies.UniqueKvk();
        var contractor = await api.ClientAsync("opdrachtnemer", municipality, kvk);
        var inkoop = await api.ClientAsync("inkoop", municipality);
        await RegisterAsync(inkoop, kvk);
        var before = await FeedAsync(contractor, 1);
        before["items"]!.AsArray().Should().HaveCount(1);

        // A transaction that began before the next write and is still open (it holds a transaction id): whatever it would
        // commit could sort before the write's notification, so the feed must not show that notification yet.
        await using (var older = await api.DataSource.OpenConnectionAsync())
        {
            await using var transaction = await older.BeginTransactionAsync();
            await using (var take = new Npgsql.NpgsqlCommand("SELECT pg_current_xact_id()", older, transaction))
                await take.ExecuteScalarAsync();
            await RegisterAsync(inkoop, kvk);
            var held = await (await contractor.GetAsync($"/api/v1/notifications?after={before["next"]}")).ShouldBeAsync(HttpStatusCode.OK);
            held["items"]!.AsArray().Should().BeEmpty("a transaction older than the notification is still running");
            held["next"]!.GetValue<string>().Should().Be(before["next"]!.GetValue<string>());
            await transaction.CommitAsync();
        }
        var after = await FeedAsync(contractor, 2);
        after["items"]!.AsArray().Should().HaveCount(2);
    }

    [Fact]
    public async Task A_receiver_that_is_down_gets_the_notification_when_it_is_back_with_the_same_id()
    {
        const string municipality = "GM9404";
        await using var flaky = await WebhookReceiver.StartAsync();
        var port = flaky.Port;
        var path = Path("flaky");
        var subscription = await SubscribeAsync(api.Admin(), path, ["sroi-contract.registered"], municipality, receiver: flaky);
        await flaky.StopAsync();

        await RegisterAsync(await api.ClientAsync("inkoop", municipality), ContractBodies.UniqueKvk());
        var failing = await WaitForDeliveryAsync(subscription, d => d["attempts"]!.GetValue<int>() >= 2);
        failing["state"]!.GetValue<string>().Should().Be("pending");
        // What kind of failure, and nothing of the port, the address or the exception (issue 17).
        failing["attemptsMade"]![0]!["error"]!.GetValue<string>().Should().Be("connection failed");
        failing["attemptsMade"]![0]!["statusCode"].Should().BeNull();

        await flaky.StartOnAsync(port);
        var received = await flaky.WaitForAsync(path, r => r.Count >= 1);
        received.Should().ContainSingle().Which.SignatureValid.Should().BeTrue();
        received[0].Json["id"]!.GetValue<string>().Should().Be(failing["notificationId"]!.GetValue<string>());
        received[0].Attempt.Should().BeGreaterThan(1);
        var delivered = await WaitForDeliveryAsync(subscription, d => d["state"]!.GetValue<string>() == "delivered");
        delivered["attemptsMade"]!.AsArray().Last()!["statusCode"]!.GetValue<int>().Should().Be(200);
        var counts = (await (await api.Admin().GetAsync($"/api/v1/webhook-subscriptions/{subscription}")).ShouldBeAsync(HttpStatusCode.OK))["deliveries"]!;
        (counts["pending"]!.GetValue<int>(), counts["delivered"]!.GetValue<int>(), counts["failed"]!.GetValue<int>()).Should().Be((0, 1, 0));
        counts["lastFailedAttemptAt"].Should().NotBeNull();
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_a_receiver_that_never_succeeds_ends_failed()
    {
        const string municipality = "GM9405";
        await using var redirecting = await WebhookReceiver.StartAsync();
        redirecting.Answer = 307;
        var path = Path("redirecting");
        var subscription = await SubscribeAsync(api.Admin(), path, ["sroi-contract.registered"], municipality, receiver: redirecting);

        await RegisterAsync(await api.ClientAsync("inkoop", municipality), ContractBodies.UniqueKvk());

        // The test schedule has six retries a second apart: seven attempts, then it gives up.
        var failed = await WaitForDeliveryAsync(subscription, d => d["state"]!.GetValue<string>() == "failed", TimeSpan.FromSeconds(60));
        failed["attempts"]!.GetValue<int>().Should().Be(7);
        failed["nextAttemptAt"].Should().BeNull();
        failed["attemptsMade"]!.AsArray().Select(a => a!["statusCode"]!.GetValue<int>()).Should().AllBeEquivalentTo(307);
        redirecting.On(path).Should().HaveCount(7);
        var counts = (await (await api.Admin().GetAsync($"/api/v1/webhook-subscriptions/{subscription}")).ShouldBeAsync(HttpStatusCode.OK))["deliveries"]!;
        counts["failed"]!.GetValue<int>().Should().Be(1);
        redirecting.On(path).Select(r => r.Json["id"]!.GetValue<string>()).Distinct().Should().ContainSingle();
    }

    private static string Path(string name) => NotificationScenario.Path(name);

    /// <summary>
    /// The key's feed once it holds <paramref name="count"/> notifications: the feed shows a committed notification as soon
    /// as every transaction older than it has ended, which on a busy test server can take a moment.
    /// </summary>
    private static Task<JsonNode> FeedAsync(HttpClient client, int count) =>
        Eventually.UntilAsync(async () => await (await client.GetAsync("/api/v1/notifications")).ShouldBeAsync(HttpStatusCode.OK),
            feed => feed["items"]!.AsArray().Count >= count, $"the feed holds {count} notifications", TimeSpan.FromSeconds(10),
            feed => feed.ToJsonString());

    private Task<string> SubscribeAsync(HttpClient client, string path, string[] types, string? municipality = null,
        WebhookReceiver? receiver = null) =>
        NotificationScenario.SubscribeAsync(client, receiver ?? Receiver, path, types, municipality);

    /// <summary>A contract that starts later, so it is on track now and only the registration is signalled.</summary>
    private static Task<string> RegisterAsync(HttpClient inkoop, string kvk) =>
        NotificationScenario.RegisterAsync(inkoop, kvk, new NodaTime.LocalDate(2027, 6, 1), new NodaTime.LocalDate(2029, 5, 31));

    private async Task<JsonNode> WaitForDeliveryAsync(string subscription, Func<JsonNode, bool> done, TimeSpan? timeout = null)
    {
        var page = await Eventually.UntilAsync(
            async () => await (await api.Admin().GetAsync($"/api/v1/webhook-subscriptions/{subscription}/deliveries")).ShouldBeAsync(HttpStatusCode.OK),
            page => page["items"]!.AsArray().FirstOrDefault() is { } delivery && done(delivery), "the delivery got there",
            timeout ?? TimeSpan.FromSeconds(30), page => page.ToJsonString());
        return page["items"]![0]!;
    }
}
