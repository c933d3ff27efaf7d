using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sroi.Ledger.Api.Tests.Fulfilments;
using static Sroi.Ledger.Api.Tests.Candidates.CandidateBodies;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Api.Tests.Admin;

/// <summary>
/// Issue 23: a rebuild while two nodes keep writing, on a database of its own (a rebuild folds every stream of its database,
/// and the shared one holds the auditing tests' deliberately forged events). No write fails or waits for a 503, and what the
/// rebuild leaves is what a fresh fold of the same events gives: Marten's daemon, tearing every read model down and
/// replaying the log with nobody writing, after the writers stopped.
/// </summary>
public class RebuildUnderWritesTests(LedgerApi api) : IClassFixture<LedgerApi>
{
    [Fact]
    public async Task A_rebuild_while_two_nodes_write_fails_no_write_and_leaves_exactly_a_fresh_fold()
    {
        await using var other = api.AnotherNode();
        var wspA = await api.ClientAsync("wsp");
        var wspB = OnNode(other, wspA);
        var contract = await ContractAsync(api);
        var contractorB = OnNode(other, contract.Contractor);
        var wspOnB = OnNode(other, contract.Wsp);
        // A history to rebuild before the writers start: candidates with every kind of report-table row, claims.
        for (var i = 0; i < 5; i++) await CandidateHistoryAsync(wspA);
        for (var i = 0; i < 5; i++) await ClaimAsync(contract, contractorB, wspOnB);

        var failures = new ConcurrentQueue<string>();
        var writes = new ConcurrentQueue<(TimeSpan Start, TimeSpan End)>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        async Task WriteUntilStoppedAsync(Func<Task> write)
        {
            while (!stop.IsCancellationRequested)
            {
                var start = clock.Elapsed;
                try { await write(); }
                catch (Exception e) { failures.Enqueue(e.Message); }
                writes.Enqueue((start, clock.Elapsed));
            }
        }
        // Node A writes candidates, node B claims invoices on one contract and registers candidates.
        var writers = new[]
        {
            Task.Run(() => WriteUntilStoppedAsync(() => CandidateHistoryAsync(wspA))),
            Task.Run(() => WriteUntilStoppedAsync(() => ClaimAsync(contract, contractorB, wspOnB))),
            Task.Run(() => WriteUntilStoppedAsync(() => CandidateHistoryAsync(wspB))),
        };
        await Task.Delay(500);

        // Two rebuilds, one through each node, one after the other, while the writers write.
        var rebuilds = new List<(TimeSpan Start, TimeSpan End)>();
        foreach (var node in new[] { api.Admin(), OnNode(other, api.Admin()) })
        {
            var start = clock.Elapsed;
            var answer = await (await node.PostAsync("/api/v1/admin/projections/rebuild", null)).ShouldBeAsync(HttpStatusCode.OK);
            answer["projections"]!.AsArray().Should().HaveCount(9);
            rebuilds.Add((start, clock.Elapsed));
        }
        await Task.Delay(300);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        failures.Should().BeEmpty("no write fails during a rebuild, on either node");
        writes.Count(w => rebuilds.Any(r => w.Start < r.End && w.End > r.Start))
            .Should().BeGreaterThan(3, "writes ran while the rebuilds ran (or the test proves nothing)");

        var tables = await ReadModels.TablesAsync(api.DataSource);
        var rebuilt = await ReadModels.RowsAsync(api.DataSource, tables);
        foreach (var table in new[] { "candidates", "candidate_treden", "placements", "placement_spells", "candidate_status_spells",
                     "caseload_changes", "fulfilment_invoices", "mt_doc_contract", "mt_doc_candidatedocument" })
            rebuilt[table].Should().NotBeEmpty($"the history fills {table}, so its rebuild is put to the test");

        // The fresh fold: every projection torn down and replayed by Marten's daemon, nobody writing.
        var store = api.Services.GetRequiredService<IDocumentStore>();
        using (var daemon = await store.BuildProjectionDaemonAsync())
        {
            await daemon.PrepareForRebuildsAsync();
            foreach (var name in ((StoreOptions)store.Options).Projections.AllProjectionNames().Select(n => n.Trim('\'')))
                await daemon.RebuildProjectionAsync(name, TimeSpan.FromMinutes(2), CancellationToken.None);
        }
        await ReadModels.ShouldBeAsBeforeAsync(api.DataSource, rebuilt, tables);
    }

    [Fact]
    public async Task A_rebuild_while_another_node_rebuilds_is_refused_with_409()
    {
        await using var other = api.AnotherNode();
        // The other node's rebuild, as far as the database can tell: its database-wide lock is held.
        await using var connection = await api.DataSource.OpenConnectionAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended('sroi-projection-rebuild', 0))", connection))
            await take.ExecuteNonQueryAsync();
        var refused = await (await OnNode(other, api.Admin()).PostAsync("/api/v1/admin/projections/rebuild", null))
            .ShouldBeAsync(HttpStatusCode.Conflict);
        refused["title"]!.GetValue<string>().Should().NotBeNullOrEmpty();

        await using (var release = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended('sroi-projection-rebuild', 0))", connection))
            await release.ExecuteNonQueryAsync();
        await (await OnNode(other, api.Admin()).PostAsync("/api/v1/admin/projections/rebuild", null)).ShouldBeAsync(HttpStatusCode.OK);
    }

    /// <summary>A client of <paramref name="node"/> with the key of <paramref name="client"/> (keys live in the shared database).</summary>
    private static HttpClient OnNode(WebApplicationFactory<Program> node, HttpClient client)
    {
        var onNode = node.CreateClient();
        onNode.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
        return onNode;
    }

    /// <summary>A candidate registered, its trede changed, placed, the placement ended: rows in every kind of report table.</summary>
    private static async Task CandidateHistoryAsync(HttpClient wsp)
    {
        var number = await wsp.RegisterAsync(Registration());
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/trede-changes", TredeChange(4, "2020-06-01"))).ShouldBeAsync(HttpStatusCode.OK);
        var placement = await wsp.PlaceAsync(number, Placement(hours: 32));
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/placements/{placement}/end",
            new JsonObject { ["endedOn"] = "2022-12-31", ["reason"] = "Contract afgelopen" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await wsp.PostJsonAsync($"/api/v1/candidates/{number}/benefit-end", BenefitEnd("2022-02-01"))).ShouldBeAsync(HttpStatusCode.OK);
    }

    /// <summary>A social-procurement report (a claim of its invoice), accepted; every other one withdrawn (its claim released).</summary>
    private static async Task ClaimAsync(ContractUnderReport contract, HttpClient contractor, HttpClient wsp)
    {
        var report = await contract.ReportAsync(SocialProcurement(UniqueInvoice()), contractor);
        if (Random.Shared.Next(2) == 0)
            await (await wsp.PostJsonAsync($"{contract.Url}/fulfilments/{report["id"]}/acceptance", new JsonObject())).ShouldBeAsync(HttpStatusCode.OK);
        else
            await (await contractor.PostJsonAsync($"{contract.Url}/fulfilments/{report["id"]}/withdrawal", new JsonObject { ["reason"] = "Dubbel" }))
                .ShouldBeAsync(HttpStatusCode.OK);
    }
}
