using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Pso;
using MessageStorage = Sroi.Ledger.Api.Notifications.MessageStorage;
using Sroi.Ledger.Api.Tests.Contracts;
using Sroi.Ledger.Domain.Pso;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Testing;

namespace Sroi.Ledger.Api.Tests.Pso;

/// <summary>
/// The upgrade: a contract whose contractor's certificate was recorded by a release before PSO was folded into the
/// contract has no <c>contract.pso-applied.v1</c> (the certificate's event is appended here as that release appended it,
/// without the follow-up message), and a database of that release has no back-fill marker. Two nodes of the new release
/// then start together on it: one of them sends <see cref="ReapplyPso.ForPolicy"/> for the municipality with PSO rules, in
/// the transaction of the marker, the other sends nothing; the contract gets its terms once. Its own database and nodes.
/// </summary>
public sealed class PsoBackfillTests : IAsyncLifetime
{
    private const string Eindhoven = "GM0772";
    private readonly LedgerApi api = new();

    public Task InitializeAsync() => api.InitializeAsync();

    public Task DisposeAsync() => api.DisposeAsync();

    [Fact]
    public async Task Two_nodes_starting_on_a_database_of_the_release_before_decide_each_certified_contract_once()
    {
        var policy = new JsonObject
        {
            ["municipality"] = Eindhoven, ["effectiveFrom"] = "2000-01-01", ["percentage"] = 5,
            ["thresholds"] = new JsonObject { ["werken"] = 100_000, ["diensten"] = 100_000, ["leveringen"] = 100_000 },
            ["description"] = "Eindhoven, PSO trede 2 10% korting",
            ["pso"] = new JsonObject { ["reductions"] = new JsonArray(new JsonObject { ["level"] = "trede2", ["percentage"] = 10 }) },
        };
        await (await api.Admin().PostJsonAsync("/api/v1/sroi-policies", policy)).ShouldBeAsync(HttpStatusCode.Created);
        var kvk = ContractBodies.UniqueKvk();
        var inkoop = await api.ClientAsync("inkoop", Eindhoven);
        var auditor = await api.ClientAsync("auditor", Eindhoven);
        var registered = await (await inkoop.PostJsonAsync("/api/v1/contracts", ContractBodies.Registration(200_000m, kvk: kvk, awardedOn: "2024-03-01")))
            .ShouldBeAsync(HttpStatusCode.Created);
        var url = $"/api/v1/contracts/{registered["id"]!.GetValue<string>()}";

        // The registration's own ReapplyPso (it finds no certificate) is handled first: appended before it ran, the certificate
        // would be folded in by that message (cause "contract registered"), not by the back-fill.
        await Eventually.UntilAsync(async () =>
        {
            await using var pending = api.DataSource.CreateCommand(
                $"SELECT count(*) FROM {MessageStorage.Schema}.wolverine_incoming_envelopes WHERE message_type ILIKE '%reapply%' AND status <> 'Handled'");
            return (long)(await pending.ExecuteScalarAsync())!;
        }, pending => pending == 0, "the registration's PSO message is handled");

        // The certificate as the release before recorded it: its event, and no message that looks at the contract again.
        var events = api.Services.GetRequiredService<LedgerEvents>();
        await using (var session = events.OpenSession(MunicipalityCode.Parse(Eindhoven), new EventMetadata("wsp:before-the-fold")))
        {
            session.Events.StartStream(PsoEvents.StreamOf(KvkNumber.Parse(kvk)).Value, new PsoCertificateRecorded(KvkNumber.Parse(kvk), 1,
                PsoLevel.Trede2, new LocalDate(2024, 7, 1), new LocalDate(2026, 6, 30), "PSO-2023-0007"));
            await session.SaveChangesAsync();
        }
        (await (await auditor.GetAsync($"/api/v1/contractors/{kvk}/pso-certificates")).ShouldBeAsync(HttpStatusCode.OK))["certificates"]!
            .AsArray().Should().ContainSingle();
        var before = await (await auditor.GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK);
        before.Decimal("obligationInForce").Should().Be(10_000m);
        before["psoReduction"].Should().BeNull();
        // That release's database: no marker (this node's start set it, finding nothing to send).
        await using (var unmark = api.DataSource.CreateCommand("DELETE FROM schema_migrations WHERE component = $1"))
        {
            unmark.Parameters.Add(new NpgsqlParameter { Value = PsoBackfill.Component });
            (await unmark.ExecuteNonQueryAsync()).Should().Be(1);
        }

        WebApplicationFactory<Program>[] nodes = [api.AnotherNode(), api.AnotherNode()];
        try
        {
            await Task.WhenAll(nodes.Select(node => Task.Run(() => node.CreateClient().Dispose())));

            var sent = nodes.Select(node => node.Services.GetServices<IHostedService>().OfType<PsoBackfill>().Single().Sent).ToList();
            sent.Where(s => s is not null).Should().ContainSingle("one node sends, the other finds the marker")
                .Which.Should().Equal(Eindhoven);
            var after = await Eventually.UntilAsync(async () => await (await auditor.GetAsync(url)).ShouldBeAsync(HttpStatusCode.OK),
                c => c["psoReduction"] is not null, "the contract has its PSO terms after the back-fill");
            // 274 of the term's 365 days at 10% of €10.000.
            after.Decimal("obligationInForce").Should().Be(9_249.32m);
            after.Decimal("psoReduction.amount").Should().Be(750.68m);
            after["psoReduction"]!["lines"]![0]!["policyVersion"]!.GetValue<string>().Should().Be("GM0772-v1");
            var balance = await (await auditor.GetAsync($"{url}/balance")).ShouldBeAsync(HttpStatusCode.OK);
            balance.Decimal("obligation").Should().Be(9_249.32m);

            // Both nodes' starts done, the message handled: one event, naming the back-fill as its cause.
            var history = await (await auditor.GetAsync($"{url}/history")).ShouldBeAsync(HttpStatusCode.OK);
            var applied = history["events"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() == "contract.pso-applied.v1").ToList();
            applied.Should().ContainSingle();
            applied[0]!["data"]!["cause"]!.GetValue<string>().Should().Be($"pso back-fill v{PsoBackfill.Version} on start");
            await using var marker = api.DataSource.CreateCommand("SELECT count(*) FROM schema_migrations WHERE component = $1 AND version = $2");
            marker.Parameters.Add(new NpgsqlParameter { Value = PsoBackfill.Component });
            marker.Parameters.Add(new NpgsqlParameter { Value = PsoBackfill.Version });
            ((long)(await marker.ExecuteScalarAsync())!).Should().Be(1);
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }
}
