using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NodaTime;
using Npgsql;
using Sroi.Ledger.LocalPostgres;
using Sroi.Ledger.Reliability.Tests.Killing;
using Sroi.Ledger.Testing;
using Xunit.Abstractions;

namespace Sroi.Ledger.Reliability.Tests.Cluster;

/// <summary>
/// The issue's Proof: three service processes on one database behind Debian's Caddy, under write load through the proxy,
/// with a webhook receiver and deadline checks on the moved clock. The leader is killed (SIGKILL), then another node, then
/// both are started again. Afterwards: no acknowledged write lost or recorded twice, every chain intact, every
/// registration's webhook delivered once to each of two subscriptions (by its webhook-id), and each deadline that came
/// due signalled once, though the node that scheduled its check may be dead by then.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class ClusterFailoverTests(ITestOutputHelper output)
{
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];
    private const string DeadlineMunicipality = "GM9501";
    private const int DeadlineContracts = 4;

    /// <summary>How far the deadlines lie after the nodes' start (in the ledger's moved time): after the first kill, on a loaded machine.</summary>
    private static readonly TimeSpan DeadlineLead = TimeSpan.FromSeconds(200);

    [Fact]
    public async Task Killing_the_leader_and_then_another_node_loses_no_write_and_repeats_no_webhook_or_deadline_signal()
    {
        var owner = await TestPostgres.CreateDatabaseAsync("cluster_failover");
        var login = await ServiceLogin.CreateAsync(owner);
        await using var receiver = await WebhookReceiver.StartAsync();
        var endsOn = new LocalDate(2027, 3, 31);
        var due = endsOn.PlusDays(1).AtStartOfDayInZone(Amsterdam).ToInstant();
        var offset = (long)(due - SystemClock.Instance.GetCurrentInstant() - Duration.FromTimeSpan(DeadlineLead)).TotalSeconds;
        var dueAt = DateTime.UtcNow + DeadlineLead; // the same moment on this machine's clock
        var settings = new Dictionary<string, string>(ClusterNodes.Settings)
        {
            // Testing, not Production: only there may the clock be moved (SROI_CLOCK_OFFSET_SECONDS) and a receiver be on loopback.
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["SROI_CLOCK_OFFSET_SECONDS"] = offset.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SROI_SCHEDULE_POLL_SECONDS"] = "1",
            ["SROI_WEBHOOK_RETRY_SECONDS"] = "1,1,1,1,1,1,1,1,1,1",
            // Every node keeps the checkpoint schedule; a round every 15 s must still be made once cluster-wide.
            ["SROI_CHECKPOINT_INTERVAL_MINUTES"] = "0.25",
        };
        var ports = Enumerable.Range(0, 3).Select(_ => LocalPostgresCluster.FreePort()).ToArray();
        var nodes = new ServiceProcess?[3];
        try
        {
            var starting = ports.Select(port => ServiceProcess.StartAsync(login, port, settings, ClusterNodes.StartTimeout)).ToArray();
            // Every start ends (ready, or failed and killed) before the first failure is thrown, so none is left running.
            await Task.WhenAll(starting.Select(s => s.ContinueWith(_ => { }, TaskScheduler.Default)));
            for (var i = 0; i < 3; i++)
                if (starting[i].IsCompletedSuccessfully) nodes[i] = await starting[i];
            await Task.WhenAll(starting);
            await ClusterNodes.WaitForNodesAsync(login, 3, TimeSpan.FromSeconds(60));
            await using var front = await CaddyFront.StartAsync(ports);
            using var admin = ServiceProcess.Client(front.Port, ServiceLogin.AdminKey);

            // Two subscriptions to every registration of the load's municipality, one to the deadline contracts' overdue signal.
            await SubscribeAsync(admin, receiver, "registered-a", "GM0603", "sroi-contract.registered");
            await SubscribeAsync(admin, receiver, "registered-b", "GM0603", "sroi-contract.registered");
            await SubscribeAsync(admin, receiver, "overdue", DeadlineMunicipality, "contract.overdue");
            var deadlineContracts = await RegisterDeadlineContractsAsync(admin, endsOn);
            DateTime.UtcNow.Should().BeBefore(dueAt, "the deadline contracts must be registered before they come due; start-up took too long");

            var load = await WriteLoad.StartAsync(key => ServiceProcess.Client(front.Port, key), writers: 6);
            await load.AcknowledgedAsync(20, load.Now, TimeSpan.FromSeconds(90));

            // The leader, by Wolverine's own record of it, then any other node.
            var leader = await LeaderNodeNumberAsync(login, TimeSpan.FromSeconds(60));
            var first = Array.FindIndex(nodes, n => n!.NodeNumber == leader);
            first.Should().BeGreaterThanOrEqualTo(0, $"the leader (node {leader}) is one of ours ({string.Join(", ", nodes.Select(n => n!.NodeNumber))})");
            var second = (first + 1) % 3;
            var killedAt = new List<TimeSpan>();
            foreach (var victim in new[] { first, second })
            {
                killedAt.Add(load.Now);
                nodes[victim]!.KillHard();
                await load.AcknowledgedAsync(20, load.Now, TimeSpan.FromSeconds(90));
            }
            var newLeader = await LeaderNodeNumberAsync(login, TimeSpan.FromSeconds(60), notOf: [nodes[first]!.NodeNumber!.Value, nodes[second]!.NodeNumber!.Value]);
            output.WriteLine($"[reliability] cluster: killed leader node {leader}, then node {nodes[second]!.NodeNumber}; node {newLeader} leads now");
            foreach (var victim in new[] { first, second })
                nodes[victim] = await ServiceProcess.StartAsync(login, ports[victim], settings, ClusterNodes.StartTimeout);
            await ClusterNodes.WaitForNodesAsync(login, 3, TimeSpan.FromSeconds(60));
            await load.AcknowledgedAsync(20, load.Now, TimeSpan.FromSeconds(90));
            // The deadlines come due (in the ledger's time) while the load still runs.
            while (DateTime.UtcNow < dueAt + TimeSpan.FromSeconds(3)) await Task.Delay(500);
            await load.StopAsync();

            var audit = await LedgerAudit.OfAsync(load, login, admin);
            output.WriteLine($"[reliability] cluster: answers {string.Join(", ", load.Answers.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"))}; " +
                $"replayed after a lost answer {load.Answers.Count(a => a.Replayed)}; {audit}");
            load.Answers.Where(a => a.Status >= 500 && !a.IsRetryable503).Should().BeEmpty("a node's death is a retryable 503 at most, never another 5xx");
            load.GivenUp.Should().BeEmpty();
            audit.ShouldBeWhole(load, registeredBeside: deadlineContracts.Count);

            // Every registration acknowledged (and the load's own contract) announced once on each subscription.
            var registered = load.Acknowledgements.Where(a => a.Kind == "contract").Select(a => a.Url.Split('/')[^1])
                .Append(load.ContractId).ToHashSet();
            foreach (var path in new[] { "registered-a", "registered-b" })
            {
                var received = await receiver.WaitForAsync(path,
                    r => registered.IsSubsetOf(r.Select(x => x.Json["contractId"]!.GetValue<string>())), TimeSpan.FromSeconds(120));
                await Task.Delay(3000); // a repeat would come within the retry schedule's seconds
                received = receiver.On(path);
                var repeated = received.GroupBy(r => r.WebhookId).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}").ToList();
                output.WriteLine($"[reliability] cluster: {path}: {received.Count} deliveries for {registered.Count} registrations, repeated {repeated.Count}");
                // A delivery a killed node had POSTed but not yet recorded is attempted again by the node that takes its
                // envelope over, under the same webhook-id (at least once, as Standard Webhooks says; the receiver keeps one
                // per id). Not more: one in flight per killed node at most, and never by two live nodes (DeliveryGuard).
                repeated.Count.Should().BeLessThanOrEqualTo(killedAt.Count, $"only a delivery in flight on a killed node is repeated on {path}");
                received.GroupBy(r => r.WebhookId).Should().OnlyContain(g => g.Count() <= 2, "a repeat comes once, from the node that took over");
                received.DistinctBy(r => r.WebhookId).Select(r => r.Json["contractId"]!.GetValue<string>()).Should().BeEquivalentTo(registered,
                    $"each notification reaches subscription {path} under one webhook-id");
                received.Should().OnlyContain(r => r.SignatureValid);
            }

            var overdue = await receiver.WaitForAsync("overdue", r => r.Count >= DeadlineContracts, TimeSpan.FromSeconds(120));
            await Task.Delay(3000);
            overdue = receiver.On("overdue");
            output.WriteLine($"[reliability] cluster: {overdue.Count} overdue signals for {DeadlineContracts} contracts due " +
                $"{(dueAt - DateTime.UtcNow).TotalSeconds:0} s from now at the end; kills at {string.Join(", ", killedAt.Select(k => $"{k.TotalSeconds:0} s"))} of the load");
            overdue.Select(r => r.Json["contractId"]!.GetValue<string>()).Should().BeEquivalentTo(deadlineContracts, "each due deadline is signalled once");
            overdue.Should().OnlyContain(r => r.Json["data"]!["since"]!.GetValue<string>() == "2027-04-01");

            // Checkpoints: one round per interval cluster-wide (never two of a municipality within 90% of the 15 s interval),
            // and the ledger verifies against them.
            var gaps = await CheckpointGapsAsync(login, "GM0603");
            output.WriteLine($"[reliability] cluster: {gaps.Count + 1} checkpoints of GM0603, gaps {string.Join(", ", gaps.Select(g => $"{g.TotalSeconds:0.0} s"))}");
            gaps.Should().NotBeEmpty().And.OnlyContain(g => g >= TimeSpan.FromSeconds(13.5), "three nodes make one round per interval between them");
            using var verification = await admin.GetAsync("/api/v1/audit/verification");
            verification.StatusCode.Should().Be(HttpStatusCode.OK);
            JsonNode.Parse(await verification.Content.ReadAsStringAsync())!["ok"]!.GetValue<bool>().Should().BeTrue("every chain and checkpoint verifies");
        }
        finally
        {
            foreach (var node in nodes) node?.KillHard();
            await TestPostgres.DropDatabaseAsync(owner);
            await login.DropRoleAsync(await TestPostgres.AdminConnectionStringAsync());
        }
    }

    private static async Task SubscribeAsync(HttpClient admin, WebhookReceiver receiver, string path, string municipality, params string[] types)
    {
        using var response = await admin.PostAsJsonAsync("/api/v1/webhook-subscriptions", new { url = receiver.Url(path), types, municipality });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        receiver.Secrets[path] = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["secret"]!.GetValue<string>();
    }

    private static async Task<IReadOnlyList<string>> RegisterDeadlineContractsAsync(HttpClient admin, LocalDate endsOn)
    {
        using var issued = await admin.PostAsJsonAsync("/api/v1/api-keys", new { role = "inkoop", municipality = DeadlineMunicipality });
        issued.StatusCode.Should().Be(HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
        var key = JsonNode.Parse(await issued.Content.ReadAsStringAsync())!["key"]!.GetValue<string>();
        using var inkoop = new HttpClient { BaseAddress = admin.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        inkoop.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        var ids = new List<string>();
        for (var i = 0; i < DeadlineContracts; i++)
        {
            using var response = await inkoop.PostAsJsonAsync("/api/v1/contracts", new
            {
                reference = "DUE-" + Guid.NewGuid().ToString("N")[..8],
                title = "Onderhoud groen",
                category = "diensten",
                contractValue = 300_000,
                contractor = new { kvkNumber = "12345678", name = "Groen B.V." },
                awardedOn = "2026-03-01",
                startsOn = "2026-04-01",
                endsOn = endsOn.ToString("yyyy-MM-dd", null),
                scope = "regional",
                sroi = new { percentage = 5, reason = "Beleid" },
            });
            response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            ids.Add(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>());
        }
        return ids;
    }

    /// <summary>The times between consecutive checkpoints of <paramref name="municipality"/>.</summary>
    private static async Task<IReadOnlyList<TimeSpan>> CheckpointGapsAsync(ServiceLogin login, string municipality)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(login.Owner) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT extract(epoch FROM created_at - lag(created_at) OVER (ORDER BY created_at))::float8
            FROM sroi_checkpoints WHERE municipality = $1 ORDER BY created_at
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = municipality });
        await using var reader = await command.ExecuteReaderAsync();
        var gaps = new List<TimeSpan>();
        while (await reader.ReadAsync())
            if (!reader.IsDBNull(0)) gaps.Add(TimeSpan.FromSeconds(reader.GetDouble(0)));
        return gaps;
    }

    /// <summary>The node number of the node holding Wolverine's leader assignment (not one of <paramref name="notOf"/>).</summary>
    private static async Task<int> LeaderNodeNumberAsync(ServiceLogin login, TimeSpan timeout, IReadOnlyCollection<int>? notOf = null)
    {
        notOf ??= [];
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(login.Owner) { Pooling = false }.ConnectionString))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("""
                    SELECT n.node_number FROM wolverine.wolverine_node_assignments a
                    JOIN wolverine.wolverine_nodes n ON n.id = a.node_id
                    WHERE a.id LIKE 'wolverine://leader%'
                    """, connection);
                if (await command.ExecuteScalarAsync() is int number && !notOf.Contains(number)) return number;
            }
            if (DateTime.UtcNow > until) throw new TimeoutException($"No leader in wolverine_node_assignments within {timeout}.");
            await Task.Delay(250);
        }
    }
}
