using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sroi.Ledger.Testing;

namespace Sroi.Ledger.Reliability.Tests.Outages;

/// <summary>
/// PostgreSQL stopped while a webhook delivery is under way: the receiver has the POST, the service cannot record the
/// attempt. Once PostgreSQL is back the delivery is made again — the same body, the same id — and recorded as delivered;
/// nothing is lost to the outage and no other service restart is needed.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class DeliveryOutageTests
{
    [Fact]
    public async Task A_delivery_whose_attempt_could_not_be_recorded_is_made_again_after_the_database_is_back()
    {
        await using var postgres = await OwnPostgres.StartAsync();
        var login = await ServiceLogin.CreateAsync(await postgres.CreateDatabaseAsync("delivery_outage"));
        await using var service = new InProcessLedger(login, new Dictionary<string, string>
        {
            ["SROI_SCHEDULE_POLL_SECONDS"] = "1",
            ["SROI_WEBHOOK_RETRY_SECONDS"] = "1,1,1,1,1,1,1,1,1,1",
        });
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Delay = TimeSpan.FromSeconds(3); // long enough to stop PostgreSQL while the POST waits for its answer
        var path = "wsp-" + Guid.NewGuid().ToString("N");
        using var admin = service.Client(ServiceLogin.AdminKey);
        var subscribed = await admin.PostAsJsonAsync("/api/v1/webhook-subscriptions",
            new { url = receiver.Url(path), types = new[] { "sroi-contract.registered" }, municipality = "GM0603" });
        subscribed.StatusCode.Should().Be(HttpStatusCode.Created);
        var subscription = JsonNode.Parse(await subscribed.Content.ReadAsStringAsync())!;
        receiver.Secrets[path] = subscription["secret"]!.GetValue<string>();
        var key = JsonNode.Parse(await (await admin.PostAsJsonAsync("/api/v1/api-keys", new { role = "inkoop", municipality = "GM0603" }))
            .Content.ReadAsStringAsync())!["key"]!.GetValue<string>();
        using var inkoop = service.Client(key);
        var registered = await inkoop.PostAsJsonAsync("/api/v1/contracts", new
        {
            reference = "OUTAGE-1", title = "Onderhoud groen", category = "diensten", contractValue = 300_000,
            contractor = new { kvkNumber = "12345678", name = "Groen B.V." }, awardedOn = "2026-11-01",
            startsOn = "2027-01-01", endsOn = "2028-12-31", scope = "regional",
        });
        registered.StatusCode.Should().Be(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());

        await receiver.WaitForAsync(path, r => r.Count >= 1);
        await postgres.Cluster.StopServerAsync("fast");
        await Task.Delay(TimeSpan.FromSeconds(5)); // the receiver answers meanwhile; the attempt cannot be recorded
        receiver.Delay = TimeSpan.Zero;
        await postgres.Cluster.StartServerAgainAsync();

        var id = subscription["id"]!.GetValue<string>();
        // The service answers 503 for a moment after PostgreSQL is back; only a delivered answer ends the wait.
        var delivery = await Eventually.UntilAsync(async () =>
            {
                using var answer = await admin.GetAsync($"/api/v1/webhook-subscriptions/{id}/deliveries");
                return answer.IsSuccessStatusCode ? JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["items"]!.AsArray().FirstOrDefault() : null;
            },
            d => d?["state"]!.GetValue<string>() == "delivered", "the delivery is made and recorded once PostgreSQL is back",
            TimeSpan.FromSeconds(90), d => d?.ToJsonString() ?? "no delivery readable");
        delivery.Should().NotBeNull("the delivery is made and recorded once PostgreSQL is back");
        var received = receiver.On(path);
        received.Count.Should().BeGreaterThanOrEqualTo(2, "the attempt cut off by the outage is made again");
        received.Select(r => r.Json["id"]!.GetValue<string>()).Distinct().Should().ContainSingle();
        received.Should().OnlyContain(r => r.SignatureValid);
    }
}
