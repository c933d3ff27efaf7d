using Sroi.Ledger.Testing;
using System.Net;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.Contracts.ReportsApart;
using Sroi.Ledger.Domain.Balance;
using Sroi.Ledger.Domain.Contracts;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Api.Tests.Fulfilments;

/// <summary>
/// Issue 23, stage 3, the operator's switch (<see cref="ReportsApartSwitch"/>): off, every contract document is written with
/// its whole report list (a stage-2 node moves the stored totals by the slice it takes from it); on, this build writes the
/// document without the list (<c>state.reportsApart</c>), a document written before is converted by its next write, the
/// verification holds it to the fold, and a document a stage-2 node folded onto (its fold leaves the totals null and keeps
/// the previous figures) is repaired from the report documents by the next write. Every test leaves the switch off.
/// </summary>
[Collection(ApiCollection.Name)]
public class ReportsApartSwitchTests(LedgerApi api) : IAsyncLifetime
{
    private IDocumentStore Store => api.Services.GetRequiredService<IDocumentStore>();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TurnOffAsync();

    [Fact]
    public async Task Off_by_default_the_list_is_written_whole_and_reportsApart_never()
    {
        await using (var session = Store.QuerySession("GM0603"))
            (await ReportsApartSwitch.IsOnAsync(session, CancellationToken.None)).Should().BeFalse("the switch is off until the operator turns it on");
        var contract = await ContractAsync(api);
        await contract.AcceptAsync(await contract.ReportAsync(Training(1_250m)));
        await contract.ReportAsync(Training(700m));

        (await StateAsync(contract))["reportsApart"].Should().BeNull();
        (await StateAsync(contract))["fulfilments"]!["inOrder"]!.AsArray().Should().HaveCount(2);
        (await DiscrepanciesAsync(contract)).Should().BeEmpty();
    }

    [Fact]
    public async Task On_a_document_written_with_its_list_is_converted_by_its_next_write_and_every_figure_is_the_whole_lists()
    {
        var contract = await ContractAsync(api);
        var accepted = await contract.AcceptAsync(await contract.ReportAsync(Training(1_250m)));
        var pending = await contract.ReportAsync(Training(700m));
        await contract.RejectAsync(await contract.ReportAsync(Training(300m)));
        await ReportsApartSwitch.TurnOnAsync(api.DataSource, CancellationToken.None);
        await using (var session = Store.QuerySession("GM0603"))
            (await ReportsApartSwitch.IsOnAsync(session, CancellationToken.None)).Should().BeTrue();
        (await StateAsync(contract))["fulfilments"]!["inOrder"]!.AsArray().Should().HaveCount(3, "turning the switch on rewrites nothing");

        var correction = await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments/{accepted["id"]}/correction", Training(1_300m)))
            .ShouldBeAsync(HttpStatusCode.Created);
        var state = await StateAsync(contract);
        (state["reportsApart"]!.GetValue<bool>(), state["fulfilments"]!["inOrder"]!.AsArray().Count).Should().Be((true, 0));
        await contract.AcceptAsync(pending);
        await contract.AcceptAsync(correction);
        await contract.ReportAsync(Training(400m));

        await FiguresHoldAsync(contract, accepted: 1_300m + 700m, pending: 400m, rejected: 300m);
        var one = await (await contract.Wsp.GetAsync($"{contract.Url}/fulfilments/{correction["id"]}")).ShouldBeAsync(HttpStatusCode.OK);
        one["status"]!.GetValue<string>().Should().Be("accepted");
        (await DiscrepanciesAsync(contract)).Should().BeEmpty("a document without its list is the fold's with the list left out");

        // Off again, a document written apart stays apart (its fold reads the report documents), and stays right.
        await TurnOffAsync();
        await contract.ReportAsync(Training(100m));
        (await StateAsync(contract))["reportsApart"]!.GetValue<bool>().Should().BeTrue();
        await FiguresHoldAsync(contract, accepted: 2_000m, pending: 500m, rejected: 300m);
        (await DiscrepanciesAsync(contract)).Should().BeEmpty();
    }

    [Fact]
    public async Task On_a_new_contracts_second_write_is_apart_and_a_stage_2_nodes_fold_onto_it_is_repaired_by_the_next_write()
    {
        await ReportsApartSwitch.TurnOnAsync(api.DataSource, CancellationToken.None);
        var contract = await ContractAsync(api);
        var first = await contract.ReportAsync(Training(900m));
        (await StateAsync(contract))["reportsApart"]!.GetValue<bool>().Should().BeTrue();
        await contract.ReportAsync(Training(600m));

        // As a stage-2 node's fold of an acceptance leaves it: totals null (it cannot move them without the list), the
        // previous balance kept (lagging by the acceptance).
        await ExecuteAsync($"UPDATE {ContractStorage.Table} SET data = data #- '{{state,totals}}' WHERE id = $1", contract);
        (await StateAsync(contract))["totals"].Should().BeNull();

        // This build's next write folds them from every report document and stores them.
        await contract.AcceptAsync(first);
        (await StateAsync(contract))["totals"].Should().NotBeNull();
        await FiguresHoldAsync(contract, accepted: 900m, pending: 600m, rejected: 0m);
        (await DiscrepanciesAsync(contract)).Should().BeEmpty();
    }

    [Fact]
    public async Task On_the_settlement_is_refused_while_a_report_is_pending_on_the_stored_totals()
    {
        await ReportsApartSwitch.TurnOnAsync(api.DataSource, CancellationToken.None);
        var contract = await ContractAsync(api);
        await contract.AcceptAsync(await contract.ReportAsync(Training(1_250m)));
        var pending = await contract.ReportAsync(Training(700m));
        (await StateAsync(contract))["reportsApart"]!.GetValue<bool>().Should().BeTrue();

        var refused = await (await contract.Wsp.PostJsonAsync($"{contract.Url}/settlement",
            new JsonObject { ["outcome"] = "penalty", ["amount"] = 3_000, ["reason"] = "Na herstelperiode" })).ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        refused["code"]!.GetValue<string>().Should().Be("settlement.pending-reports");
        await contract.AcceptAsync(pending);
        var settled = await (await contract.Wsp.PostJsonAsync($"{contract.Url}/settlement",
            new JsonObject { ["outcome"] = "penalty", ["amount"] = 3_000, ["reason"] = "Na herstelperiode" })).ShouldBeAsync(HttpStatusCode.Created);
        settled.Decimal("accepted").Should().Be(1_950m);
        (await DiscrepanciesAsync(contract)).Should().BeEmpty();
    }

    /// <summary>
    /// The stored document's totals, balance and pending reports, the API's balance (today's and as known now) and report
    /// list against the whole list folded afresh from the events, and the expected sums.
    /// </summary>
    private async Task FiguresHoldAsync(ContractUnderReport contract, decimal accepted, decimal pending, decimal rejected)
    {
        var stream = $"contract-{contract.Id}";
        await using var session = Store.QuerySession("GM0603");
        var events = await session.Events.FetchStreamAsync(stream);
        var fold = ContractDecider.Fold(events.Select(e => e.Data).OfType<IContractEvent>());
        var balance = ContractBalance.Of(fold);
        (balance.Accepted.Euros, balance.Pending.Euros, balance.Rejected.Euros).Should().Be((accepted, pending, rejected));

        var stored = (await session.LoadAsync<ContractDocument>(stream))!;
        (stored.StreamVersion, stored.State.ReportsApart, stored.State.Fulfilments.Count).Should().Be((events[^1].Version, true, 0));
        // The reports awaiting review are not in the document (the worklist reads them from their own documents): only the
        // day the oldest of them was made.
        stored.State.Totals.Should().BeEquivalentTo(ContractTotals.Of(fold.Fulfilments, fold.Plan, fold.Pso) with { Pending = [] }, o => o.WithStrictOrdering());
        stored.Balance.Should().BeEquivalentTo(balance);
        stored.PendingReports.Should().Be("[]");
        var oldest = fold.Fulfilments.InOrder.Where(f => f.Status == Domain.Fulfilments.FulfilmentStatus.Pending).Min(f => (NodaTime.LocalDate?)f.ReportedOn);
        (stored.OldestPendingOn, stored.PendingSince).Should().Be((oldest, oldest));

        var answer = await contract.BalanceAsync();
        (answer.Decimal("accepted"), answer.Decimal("pending"), answer.Decimal("rejected")).Should().Be((accepted, pending, rejected));
        var now = Uri.EscapeDataString(NodaTime.SystemClock.Instance.GetCurrentInstant().Plus(NodaTime.Duration.FromSeconds(2)).ToString());
        var known = await (await contract.Wsp.GetAsync($"{contract.Url}/balance?asKnownOn={now}")).ShouldBeAsync(HttpStatusCode.OK);
        (known.Decimal("accepted"), known.Decimal("pending"), known.Decimal("rejected")).Should().Be((accepted, pending, rejected));
        var list = await (await contract.Wsp.GetAsync($"{contract.Url}/fulfilments")).ShouldBeAsync(HttpStatusCode.OK);
        list["items"]!.AsArray().Select(r => (r!["id"]!.GetValue<Guid>(), r["status"]!.GetValue<string>())).Should()
            .Equal(fold.Fulfilments.InOrder.Select(f => (f.Id, f.Status.ToString().ToLowerInvariant())));
    }

    private Task TurnOffAsync() => TurnOffAsync(api);

    /// <summary>The switch off again (the row deleted), for the collection's other tests: the service itself never turns it off.</summary>
    internal static async Task TurnOffAsync(LedgerApi api)
    {
        await using var command = api.DataSource.CreateCommand("DELETE FROM schema_migrations WHERE component = $1");
        command.Parameters.AddWithValue(ReportsApartSwitch.Component);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> DiscrepanciesAsync(ContractUnderReport contract)
    {
        var auditor = await api.ClientAsync("auditor");
        var verification = await (await auditor.GetAsync("/api/v1/audit/verification")).ShouldBeAsync(HttpStatusCode.OK);
        return [.. verification["discrepancies"]!.AsArray()
            .Where(d => d!["stream"]!.GetValue<string>() == $"contract-{contract.Id}").Select(d => $"{d!["code"]}: {d["detail"]}")];
    }

    private async Task<JsonObject> StateAsync(ContractUnderReport contract)
    {
        await using var command = api.DataSource.CreateCommand($"SELECT data->'state' FROM {ContractStorage.Table} WHERE id = $1");
        command.Parameters.AddWithValue($"contract-{contract.Id}");
        return JsonNode.Parse((string)(await command.ExecuteScalarAsync())!)!.AsObject();
    }

    private async Task ExecuteAsync(string sql, ContractUnderReport contract) =>
        (await api.DataSource.ExecuteAsync(sql, $"contract-{contract.Id}")).Should().Be(1);
}
