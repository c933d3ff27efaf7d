using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Sroi.Ledger.LocalPostgres;
using Sroi.Ledger.Reliability.Tests.Killing;
using Sroi.Ledger.Testing;
using Xunit.Abstractions;

namespace Sroi.Ledger.Reliability.Tests.Cluster;

/// <summary>
/// Three service processes started at the same moment on one fresh database (Production settings, so Balanced
/// durability): all three prepare it without a deadlock (one at a time, Database/StartupLock), become ready, register
/// in Wolverine's node table with a number each, and serve one ledger: what one writes, another reads.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class ClusterStartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Three_nodes_started_at_once_on_a_fresh_database_all_become_ready_with_node_numbers_of_their_own()
    {
        var owner = await TestPostgres.CreateDatabaseAsync("cluster_start");
        var login = await ServiceLogin.CreateAsync(owner);
        var ports = Enumerable.Range(0, 3).Select(_ => LocalPostgresCluster.FreePort()).ToArray();
        var started = ports.Select(port => ServiceProcess.StartAsync(login, port, ClusterNodes.Settings, ClusterNodes.StartTimeout)).ToArray();
        try
        {
            await Task.WhenAll(started);
            var nodes = await ClusterNodes.WaitForNodesAsync(login, 3, TimeSpan.FromSeconds(60));
            output.WriteLine($"[reliability] cluster start: node numbers {string.Join(", ", nodes)}");
            nodes.Should().OnlyHaveUniqueItems().And.HaveCount(3);

            using var admin0 = ServiceProcess.Client(ports[0], ServiceLogin.AdminKey);
            using var issued = await admin0.PostAsync("/api/v1/api-keys", new StringContent(
                """{"role":"inkoop","municipality":"GM0603"}""", Encoding.UTF8, "application/json"));
            issued.StatusCode.Should().Be(HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
            var key = JsonNode.Parse(await issued.Content.ReadAsStringAsync())!["key"]!.GetValue<string>();
            // The key issued on node 0 is known on node 1 (keys live in the database, not in a node's memory).
            using var procurement1 = ServiceProcess.Client(ports[1], key);
            using var registered = await procurement1.PostAsync("/api/v1/contracts", new StringContent(new JsonObject
            {
                ["reference"] = "CLUSTER-1", ["title"] = "Onderhoud groen", ["category"] = "diensten", ["contractValue"] = 100_000,
                ["contractor"] = new JsonObject { ["kvkNumber"] = "87654321", ["name"] = "Groen B.V." },
                ["awardedOn"] = "2024-03-01", ["startsOn"] = "2024-04-01", ["endsOn"] = "2025-03-31", ["scope"] = "regional",
            }.ToJsonString(), Encoding.UTF8, "application/json"));
            registered.StatusCode.Should().Be(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
            var id = JsonNode.Parse(await registered.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
            using var procurement2 = ServiceProcess.Client(ports[2], key);
            using var read = await procurement2.GetAsync($"/api/v1/contracts/{id}");
            read.StatusCode.Should().Be(HttpStatusCode.OK);
            JsonNode.Parse(await read.Content.ReadAsStringAsync())!["reference"]!.GetValue<string>().Should().Be("CLUSTER-1");
        }
        finally
        {
            // A node that failed to start has killed itself already (ServiceProcess); the others are stopped here.
            await Task.WhenAll(started.Select(s => s.ContinueWith(_ => { }, TaskScheduler.Default)));
            foreach (var node in started.Where(s => s.IsCompletedSuccessfully)) (await node).KillHard();
            await TestPostgres.DropDatabaseAsync(owner);
            await login.DropRoleAsync(await TestPostgres.AdminConnectionStringAsync());
        }
    }
}
