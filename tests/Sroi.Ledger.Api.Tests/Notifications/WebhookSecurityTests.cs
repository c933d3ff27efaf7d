using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Api.Webhooks;
using Sroi.Ledger.Testing;

namespace Sroi.Ledger.Api.Tests.Notifications;

/// <summary>
/// Issue 17, on real deliveries to the loopback receiver: Standard Webhooks headers verified by the StandardWebhooks
/// package, the same webhook-id on every retry with a fresh timestamp, secret rotation with both signatures during the
/// changeover, secrets encrypted in the database (and the first release's plain ones encrypted on start), delivery
/// errors that say what kind of failure and nothing more, at most 25 subscriptions per subscriber, and a paged list.
/// </summary>
[Collection(NotificationsCollection.Name)]
public class WebhookSecurityTests(NotificationsApi api)
{
    [Fact]
    public async Task A_retry_keeps_the_webhook_id_and_gets_a_fresh_timestamp_and_signature_each_verified_by_the_StandardWebhooks_package()
    {
        const string municipality = "GM9421";
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = 500;
        var path = NotificationScenario.Path("retried");
        var subscription = await NotificationScenario.SubscribeAsync(api.Admin(), receiver, path, ["sroi-contract.registered"], municipality);
        await RegisterAsync(municipality);

        await receiver.WaitForAsync(path, r => r.Count >= 2);
        receiver.Answer = 200;
        var received = await receiver.WaitForAsync(path, r => r.Count >= 3);
        received.Should().AllSatisfy(r =>
        {
            r.SignatureValid.Should().BeTrue("the StandardWebhooks package verifies it");
            r.WebhookId.Should().Be(received[0].Json["id"]!.GetValue<string>());
            r.Signature.Should().StartWith("v1,").And.NotContain(" ");
        });
        // Retries are at least a second apart here, so each carries a later timestamp, and so another signature.
        received.Select(r => long.Parse(r.Timestamp, System.Globalization.CultureInfo.InvariantCulture)).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        received.Select(r => r.Signature).Should().OnlyHaveUniqueItems();
        received.Select(r => r.Body).Distinct().Should().ContainSingle("every retry sends the same body");

        var delivery = await DeliveryAsync(subscription, d => d["state"]!.GetValue<string>() == "delivered");
        delivery["attemptsMade"]!.AsArray().Take(2).Select(a => a!["error"]!.GetValue<string>()).Should().AllBe("HTTP 500");
    }

    [Fact]
    public async Task A_rotated_secret_signs_beside_the_new_one_until_the_changeover_ends_and_a_changeover_of_zero_retires_it_at_once()
    {
        const string municipality = "GM9422";
        var path = NotificationScenario.Path("rotated");
        var wsp = await api.ClientAsync("wsp", municipality);
        var subscription = await NotificationScenario.SubscribeAsync(wsp, api.Receiver, path, ["sroi-contract.registered"]);
        var first = api.Receiver.Secrets[path];

        var rotated = await (await wsp.PostAsync($"/api/v1/webhook-subscriptions/{subscription}/secret-rotation", null)).ShouldBeAsync(HttpStatusCode.OK);
        var second = rotated["secret"]!.GetValue<string>();
        second.Should().MatchRegex("^whsec_[A-Za-z0-9+/]{43}=$").And.NotBe(first);
        var until = NodaTime.Text.InstantPattern.ExtendedIso.Parse(rotated["previousSecretValidUntil"]!.GetValue<string>()).Value;
        (until - api.Clock.GetCurrentInstant()).TotalHours.Should().BeApproximately(24, 0.1, "the default changeover is 24 hours");
        var read = await (await wsp.GetAsync($"/api/v1/webhook-subscriptions/{subscription}")).ShouldBeAsync(HttpStatusCode.OK);
        read["secret"].Should().BeNull("the new secret is shown once");
        read["previousSecretValidUntil"]!.GetValue<string>().Should().Be(rotated["previousSecretValidUntil"]!.GetValue<string>());
        read["secretRotatedAt"].Should().NotBeNull();

        await RegisterAsync(municipality);
        var duringChangeover = (await api.Receiver.WaitForAsync(path, r => r.Count >= 1))[0];
        duringChangeover.Signature.Split(' ').Should().HaveCount(2);
        duringChangeover.VerifiesWith(first).Should().BeTrue("a receiver that still holds the old secret keeps verifying");
        duringChangeover.VerifiesWith(second).Should().BeTrue("a receiver that switched already verifies too");
        duringChangeover.LegacySignatureValid.Should().BeTrue("X-Sroi-Signature keeps the old secret until the changeover ends");

        // A leaked secret: rotate with no changeover, and from the next delivery on only the newest signs.
        var third = (await (await wsp.PostJsonAsync($"/api/v1/webhook-subscriptions/{subscription}/secret-rotation",
            new JsonObject { ["changeoverHours"] = 0 })).ShouldBeAsync(HttpStatusCode.OK));
        third["previousSecretValidUntil"].Should().BeNull();
        var newest = third["secret"]!.GetValue<string>();
        await RegisterAsync(municipality);
        var after = (await api.Receiver.WaitForAsync(path, r => r.Count >= 2))[1];
        after.Signature.Split(' ').Should().ContainSingle();
        after.VerifiesWith(newest).Should().BeTrue();
        after.VerifiesWith(second).Should().BeFalse();
        after.VerifiesWith(first).Should().BeFalse();

        await (await wsp.PostJsonAsync($"/api/v1/webhook-subscriptions/{subscription}/secret-rotation", new JsonObject { ["changeoverHours"] = 169 }))
            .ShouldNameFieldAsync("changeoverHours");
        await (await (await api.ClientAsync("wsp", "GM9423")).PostAsync($"/api/v1/webhook-subscriptions/{subscription}/secret-rotation", null))
            .ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_database_holds_no_secret_and_a_first_release_plain_secret_is_encrypted_on_start_and_still_signs()
    {
        const string municipality = "GM9424";
        var path = NotificationScenario.Path("at-rest");
        var subscription = Guid.Parse(await NotificationScenario.SubscribeAsync(api.Admin(), api.Receiver, path, ["sroi-contract.registered"], municipality));
        var secret = api.Receiver.Secrets[path];
        var stored = await StoredSecretAsync(subscription);
        stored.Should().StartWith(WebhookSecrets.Marker);
        stored.Should().NotContain(secret["whsec_".Length..]).And.NotContain(Convert.ToHexStringLower(WebhookSignature.Key(secret)));

        // A row as the first release wrote it: the secret in plain text, 64 hex digits.
        var plainPath = NotificationScenario.Path("plain");
        var plain = "whsec_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var old = Guid.NewGuid();
        await using (var insert = api.DataSource.CreateCommand("""
            INSERT INTO sroi_webhook_subscriptions (id, tenant_id, kvk_number, url, types, secret, created_at, created_by)
            VALUES ($1, $2, NULL, $3, $4, $5, now(), 'admin:first-release')
            """))
        {
            insert.Parameters.AddWithValue(old);
            insert.Parameters.AddWithValue(municipality);
            insert.Parameters.AddWithValue(api.Receiver.Url(plainPath));
            insert.Parameters.AddWithValue(new[] { "sroi-contract.registered" });
            insert.Parameters.AddWithValue(plain);
            await insert.ExecuteNonQueryAsync();
        }
        api.Receiver.Secrets[plainPath] = plain;
        await RegisterAsync(municipality);
        (await api.Receiver.WaitForAsync(plainPath, r => r.Count >= 1))[0].SignatureValid.Should().BeTrue("a plain row is read as it is until encrypted");

        var secrets = api.Services.GetRequiredService<WebhookSecrets>();
        (await PlainSecretEncryption.EncryptAsync(api.DataSource, secrets, default)).Should().BeGreaterThanOrEqualTo(1);
        (await StoredSecretAsync(old)).Should().StartWith(WebhookSecrets.Marker).And.NotContain(plain["whsec_".Length..]);
        (await PlainSecretEncryption.EncryptAsync(api.DataSource, secrets, default)).Should().Be(0, "nothing is left in plain text");
        await RegisterAsync(municipality);
        var received = await api.Receiver.WaitForAsync(plainPath, r => r.Count >= 2);
        received[1].SignatureValid.Should().BeTrue("the encrypted secret is the same secret");
        received[1].LegacySignatureValid.Should().BeTrue();
        (await api.Receiver.WaitForAsync(path, r => r.Count >= 2)).Should().OnlyContain(r => r.SignatureValid);

        // A ciphertext copied onto another subscription's row does not decrypt there: each is bound to its own id.
        secrets.Reveal(subscription, stored).Should().Be(secret);
        secrets.Reveal(old, stored).Should().BeNull();
    }

    [Fact]
    public async Task A_receiver_that_hangs_is_logged_as_timed_out_without_a_port_or_an_address()
    {
        const string municipality = "GM9425";
        await using var hanging = await WebhookReceiver.StartAsync();
        hanging.Answer = null;
        var path = NotificationScenario.Path("hanging");
        var subscription = await NotificationScenario.SubscribeAsync(api.Admin(), hanging, path, ["sroi-contract.registered"], municipality);
        await RegisterAsync(municipality);
        var delivery = await DeliveryAsync(subscription, d => d["attemptsMade"]!.AsArray().Count >= 1, TimeSpan.FromSeconds(40));
        var error = delivery["attemptsMade"]![0]!["error"]!.GetValue<string>();
        error.Should().Be("timed out");
        error.Should().NotContain(hanging.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)).And.NotContain("127.0.0.1");
        await (await api.Admin().DeleteAsync($"/api/v1/webhook-subscriptions/{subscription}")).ShouldBeAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task The_first_releases_revealing_error_texts_are_rewritten_to_the_kind_of_failure_by_the_schema_script()
    {
        const string municipality = "GM9428";
        var path = NotificationScenario.Path("old-errors");
        var subscription = await NotificationScenario.SubscribeAsync(api.Admin(), api.Receiver, path, ["sroi-contract.registered"], municipality);
        await RegisterAsync(municipality);
        var notification = (await DeliveryAsync(subscription, d => d["state"]!.GetValue<string>() == "delivered"))["notificationId"]!.GetValue<string>();
        // Attempts as the first release logged them (the numbers are past any real attempt of this delivery).
        (int Attempt, int? Status, string Error)[] old =
        [
            (90, null, "The request failed: Connection refused (10.0.0.7:5432)"),
            (91, null, "The request failed: Name or service not known (intranet.gemeente.local:80)"),
            (92, null, "No answer within the timeout."),
            (93, 502, "The receiver answered 502."),
            (94, 307, "The receiver answered a redirect; redirects are not followed."),
        ];
        foreach (var (attempt, status, error) in old)
        {
            await using var insert = api.DataSource.CreateCommand("""
                INSERT INTO sroi_webhook_attempts (subscription_id, notification_id, attempt, attempted_at, status_code, error, duration_ms)
                VALUES ($1, $2, $3, now(), $4, $5, 12)
                """);
            insert.Parameters.AddWithValue(Guid.Parse(subscription));
            insert.Parameters.AddWithValue(Guid.Parse(notification));
            insert.Parameters.AddWithValue(attempt);
            insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
            insert.Parameters.AddWithValue(error);
            await insert.ExecuteNonQueryAsync();
        }

        // The script as the upgrade runs it (it is written to be harmless when run again).
        var script = await Sroi.Ledger.Api.Database.SchemaMigrations.ReadEmbeddedAsync(typeof(WebhookSecrets).Assembly, "055_webhook_secrets.sql");
        await using (var run = api.DataSource.CreateCommand(script)) await run.ExecuteNonQueryAsync();

        var errors = new Dictionary<int, string>();
        await using (var read = api.DataSource.CreateCommand("SELECT attempt, error FROM sroi_webhook_attempts WHERE subscription_id = $1 AND error IS NOT NULL"))
        {
            read.Parameters.AddWithValue(Guid.Parse(subscription));
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync()) errors[reader.GetInt32(0)] = reader.GetString(1);
        }
        errors.Should().BeEquivalentTo(new Dictionary<int, string>
        {
            [90] = "connection failed", [91] = "connection failed", [92] = "timed out", [93] = "HTTP 502", [94] = "HTTP 307: redirects are not followed",
        });
    }

    [Fact]
    public async Task A_subscriber_may_have_25_subscriptions_the_26th_is_a_422_and_removing_one_makes_room()
    {
        const string municipality = "GM9426";
        var kvk = ContractBodies.UniqueKvk();
        var contractor = await api.ClientAsync("opdrachtnemer", municipality, kvk);
        var ids = new List<string>();
        for (var i = 0; i < 25; i++)
            ids.Add((await (await contractor.PostJsonAsync("/api/v1/webhook-subscriptions", Body($"https://hooks.example.nl/{i}")))
                .ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>());

        var refused = await (await contractor.PostJsonAsync("/api/v1/webhook-subscriptions", Body("https://hooks.example.nl/26")))
            .ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        refused["code"]!.GetValue<string>().Should().Be("webhook-subscription.limit-reached");
        // An admin subscribing for the same contractor counts against the same limit; another subscriber has its own.
        await (await api.Admin().PostJsonAsync("/api/v1/webhook-subscriptions",
            Body("https://hooks.example.nl/admin").With("municipality", municipality).With("kvkNumber", kvk))).ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        await (await (await api.ClientAsync("wsp", municipality)).PostJsonAsync("/api/v1/webhook-subscriptions",
            new JsonObject { ["url"] = "https://wsp.example.nl/", ["types"] = new JsonArray("fulfilment.reported") })).ShouldBeAsync(HttpStatusCode.Created);
        await (await (await api.ClientAsync("auditor", municipality)).PostJsonAsync("/api/v1/webhook-subscriptions",
            new JsonObject { ["url"] = "https://audit.example.nl/", ["types"] = new JsonArray("checkpoint.signed") })).ShouldBeAsync(HttpStatusCode.Created);

        await (await contractor.DeleteAsync($"/api/v1/webhook-subscriptions/{ids[0]}")).ShouldBeAsync(HttpStatusCode.NoContent);
        await (await contractor.PostJsonAsync("/api/v1/webhook-subscriptions", Body("https://hooks.example.nl/26"))).ShouldBeAsync(HttpStatusCode.Created);
        await (await contractor.PostJsonAsync("/api/v1/webhook-subscriptions", Body("https://hooks.example.nl/27"))).ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_wsp_with_25_subscriptions_does_not_keep_its_municipalitys_auditors_from_subscribing()
    {
        const string municipality = "GM9429";
        var wsp = await api.ClientAsync("wsp", municipality);
        for (var i = 0; i < 25; i++)
            await (await wsp.PostJsonAsync("/api/v1/webhook-subscriptions",
                new JsonObject { ["url"] = $"https://wsp.example.nl/{i}", ["types"] = new JsonArray("fulfilment.reported") })).ShouldBeAsync(HttpStatusCode.Created);
        (await (await wsp.PostJsonAsync("/api/v1/webhook-subscriptions",
            new JsonObject { ["url"] = "https://wsp.example.nl/26", ["types"] = new JsonArray("fulfilment.reported") })).ShouldBeAsync(HttpStatusCode.UnprocessableEntity))
            ["code"]!.GetValue<string>().Should().Be("webhook-subscription.limit-reached");

        var auditor = await api.ClientAsync("auditor", municipality);
        var created = await (await auditor.PostJsonAsync("/api/v1/webhook-subscriptions",
            new JsonObject { ["url"] = "https://audit.example.nl/", ["types"] = new JsonArray("checkpoint.signed", "checkpoint.refused") })).ShouldBeAsync(HttpStatusCode.Created);
        created["municipality"]!.GetValue<string>().Should().Be(municipality);
        (await (await auditor.GetAsync("/api/v1/webhook-subscriptions")).ShouldBeAsync(HttpStatusCode.OK))["total"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task The_subscriptions_list_pages_like_the_other_lists()
    {
        const string municipality = "GM9427";
        var contractor = await api.ClientAsync("opdrachtnemer", municipality, ContractBodies.UniqueKvk());
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
            ids.Add((await (await contractor.PostJsonAsync("/api/v1/webhook-subscriptions", Body($"https://hooks.example.nl/p{i}")))
                .ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>());

        var first = await (await contractor.GetAsync("/api/v1/webhook-subscriptions?pageSize=2")).ShouldBeAsync(HttpStatusCode.OK);
        first["items"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).Should().Equal(ids[0], ids[1]);
        (first["page"]!.GetValue<int>(), first["pageSize"]!.GetValue<int>(), first["total"]!.GetValue<long>()).Should().Be((1, 2, 3));
        var second = await (await contractor.GetAsync("/api/v1/webhook-subscriptions?pageSize=2&page=2")).ShouldBeAsync(HttpStatusCode.OK);
        second["items"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).Should().Equal(ids[2]);
        var past = await (await contractor.GetAsync("/api/v1/webhook-subscriptions?pageSize=2&page=3")).ShouldBeAsync(HttpStatusCode.OK);
        past["items"]!.AsArray().Should().BeEmpty();
        past["total"]!.GetValue<long>().Should().Be(3);
        var all = await (await contractor.GetAsync("/api/v1/webhook-subscriptions")).ShouldBeAsync(HttpStatusCode.OK);
        (all["pageSize"]!.GetValue<int>(), all["items"]!.AsArray().Count).Should().Be((20, 3));
        all["items"]!.AsArray().Should().OnlyContain(s => s!["secret"] == null);

        await (await contractor.GetAsync("/api/v1/webhook-subscriptions?pageSize=101")).ShouldNameFieldAsync("pageSize");
        await (await contractor.GetAsync("/api/v1/webhook-subscriptions?page=0")).ShouldNameFieldAsync("page");
    }

    private static JsonObject Body(string url) => new() { ["url"] = url, ["types"] = new JsonArray("report.due") };

    private async Task RegisterAsync(string municipality) =>
        await NotificationScenario.RegisterAsync(await api.ClientAsync("inkoop", municipality), ContractBodies.UniqueKvk(),
            new NodaTime.LocalDate(2027, 6, 1), new NodaTime.LocalDate(2029, 5, 31));

    private async Task<string> StoredSecretAsync(Guid subscription)
    {
        await using var read = api.DataSource.CreateCommand("SELECT secret FROM sroi_webhook_subscriptions WHERE id = $1");
        read.Parameters.AddWithValue(subscription);
        return (string)(await read.ExecuteScalarAsync())!;
    }

    private async Task<JsonNode> DeliveryAsync(string subscription, Func<JsonNode, bool> done, TimeSpan? timeout = null)
    {
        var page = await Eventually.UntilAsync(
            async () => await (await api.Admin().GetAsync($"/api/v1/webhook-subscriptions/{subscription}/deliveries")).ShouldBeAsync(HttpStatusCode.OK),
            page => page["items"]!.AsArray().FirstOrDefault() is { } delivery && done(delivery), "the delivery got there",
            timeout ?? TimeSpan.FromSeconds(30), page => page.ToJsonString());
        return page["items"]![0]!;
    }
}
