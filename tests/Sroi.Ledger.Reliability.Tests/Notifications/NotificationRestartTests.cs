using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NodaTime;
using Sroi.Ledger.LocalPostgres;
using Sroi.Ledger.Reliability.Tests.Killing;
using Sroi.Ledger.Testing;

namespace Sroi.Ledger.Reliability.Tests.Notifications;

/// <summary>
/// Notifications across a SIGKILL of the service: one whose delivery was under way when the process died is delivered
/// after the restart, with the same id; and a deadline check scheduled before the restart fires after it. The service
/// runs in its own process on a database of its own, with its clock moved (SROI_CLOCK_OFFSET_SECONDS) so that a
/// contract's end falls seconds from now instead of waiting for a real date.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class NotificationRestartTests
{
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    [Fact]
    public async Task A_delivery_cut_off_by_SIGKILL_is_made_after_the_restart_with_the_same_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = null; // takes the POST and never answers: the service dies with the delivery under way
        await using var ledger = await Ledger.StartAsync(offsetSeconds: 0);
        var path = "wsp-" + Guid.NewGuid().ToString("N");
        await ledger.SubscribeAsync(receiver, path, "sroi-contract.registered");

        await ledger.RegisterAsync(new LocalDate(2027, 1, 1), new LocalDate(2028, 12, 31));
        var first = await receiver.WaitForAsync(path, r => r.Count >= 1);

        ledger.Service.KillHard();
        receiver.Answer = 200;
        await ledger.RestartAsync();

        var received = await receiver.WaitForAsync(path, r => r.Count >= 2, TimeSpan.FromSeconds(60));
        received.Select(r => r.Json["id"]!.GetValue<string>()).Distinct().Should().ContainSingle("a retry carries the notification's own id");
        received.Should().OnlyContain(r => r.SignatureValid);
        received[^1].Json["type"]!.GetValue<string>().Should().Be("sroi-contract.registered");
        first[0].Body.Should().Be(received[^1].Body, "the stored body is sent again, byte for byte");
    }

    [Fact]
    public async Task A_deadline_check_scheduled_before_a_SIGKILL_fires_after_the_restart()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // The ledger's clock says 20 seconds before the day after the contract's end.
        var endsOn = new LocalDate(2027, 3, 31);
        var dayAfter = endsOn.PlusDays(1).AtStartOfDayInZone(Amsterdam).ToInstant();
        var offset = (long)(dayAfter - SystemClock.Instance.GetCurrentInstant()).TotalSeconds - 20;
        await using var ledger = await Ledger.StartAsync(offset);
        var path = "wsp-" + Guid.NewGuid().ToString("N");
        await ledger.SubscribeAsync(receiver, path, "contract.overdue", "contract.behind");

        var contract = await ledger.RegisterAsync(new LocalDate(2026, 4, 1), endsOn);
        // Behind from the start (nothing accepted): that is signalled by the registration itself.
        await receiver.WaitForAsync(path, r => r.Any(x => x.Json["type"]!.GetValue<string>() == "contract.behind"));
        ledger.Service.KillHard();
        receiver.Requests.Where(r => r.Json["type"]!.GetValue<string>() == "contract.overdue").Should().BeEmpty("the contract has not ended yet");

        await ledger.RestartAsync();
        var received = await receiver.WaitForAsync(path, r => r.Any(x => x.Json["type"]!.GetValue<string>() == "contract.overdue"), TimeSpan.FromSeconds(60));
        var overdue = received.Single(r => r.Json["type"]!.GetValue<string>() == "contract.overdue");
        overdue.SignatureValid.Should().BeTrue();
        overdue.Json["contractId"]!.GetValue<string>().Should().Be(contract);
        overdue.Json["data"]!["since"]!.GetValue<string>().Should().Be("2027-04-01");
        await Task.Delay(2000);
        receiver.On(path).Count(r => r.Json["type"]!.GetValue<string>() == "contract.overdue").Should().Be(1, "a scheduled check fires once");
    }

    /// <summary>The service in its own process on a database of its own, restarted on the same port with the same settings.</summary>
    private sealed class Ledger : IAsyncDisposable
    {
        private const string Municipality = "GM9501";
        private readonly string owner;
        private readonly ServiceLogin login;
        private readonly int port;
        private readonly Dictionary<string, string> settings;

        private Ledger(string owner, ServiceLogin login, int port, Dictionary<string, string> settings, ServiceProcess service)
        {
            (this.owner, this.login, this.port, this.settings, Service) = (owner, login, port, settings, service);
        }

        public ServiceProcess Service { get; private set; }

        public static async Task<Ledger> StartAsync(long offsetSeconds)
        {
            var owner = await TestPostgres.CreateDatabaseAsync("notify");
            var login = await ServiceLogin.CreateAsync(owner);
            var port = LocalPostgresCluster.FreePort();
            var settings = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Testing",
                ["SROI_CLOCK_OFFSET_SECONDS"] = offsetSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["SROI_SCHEDULE_POLL_SECONDS"] = "1",
                ["SROI_WEBHOOK_RETRY_SECONDS"] = "1,1,1,1,1,1,1,1,1,1",
                ["SROI_CHECKPOINT_INTERVAL_MINUTES"] = "0",
            };
            return new Ledger(owner, login, port, settings, await ServiceProcess.StartAsync(login, port, settings));
        }

        public async Task RestartAsync() => Service = await ServiceProcess.StartAsync(login, port, settings);

        public async Task SubscribeAsync(WebhookReceiver receiver, string path, params string[] types)
        {
            using var admin = ServiceProcess.Client(port, ServiceLogin.AdminKey);
            var response = await admin.PostAsJsonAsync("/api/v1/webhook-subscriptions",
                new { url = receiver.Url(path), types, municipality = Municipality });
            response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            receiver.Secrets[path] = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["secret"]!.GetValue<string>();
        }

        public async Task<string> RegisterAsync(LocalDate startsOn, LocalDate endsOn)
        {
            using var admin = ServiceProcess.Client(port, ServiceLogin.AdminKey);
            var issued = await admin.PostAsJsonAsync("/api/v1/api-keys", new { role = "inkoop", municipality = Municipality });
            var key = JsonNode.Parse(await issued.Content.ReadAsStringAsync())!["key"]!.GetValue<string>();
            using var inkoop = ServiceProcess.Client(port, key);
            var response = await inkoop.PostAsJsonAsync("/api/v1/contracts", new
            {
                reference = "NOTIFY-" + Guid.NewGuid().ToString("N")[..8],
                title = "Onderhoud groen",
                category = "diensten",
                contractValue = 300_000,
                contractor = new { kvkNumber = "12345678", name = "Groen B.V." },
                awardedOn = startsOn.PlusDays(-30).ToString("yyyy-MM-dd", null),
                startsOn = startsOn.ToString("yyyy-MM-dd", null),
                endsOn = endsOn.ToString("yyyy-MM-dd", null),
                scope = "regional",
                sroi = new { percentage = 5, reason = "Beleid" },
            });
            response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        }

        public async ValueTask DisposeAsync()
        {
            Service.KillHard();
            await TestPostgres.DropDatabaseAsync(owner);
            await login.DropRoleAsync(await TestPostgres.AdminConnectionStringAsync());
        }
    }
}
