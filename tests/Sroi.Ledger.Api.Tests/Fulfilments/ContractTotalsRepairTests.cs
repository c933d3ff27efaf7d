using Sroi.Ledger.Testing;
using System.Net;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Domain.Contracts;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Api.Tests.Fulfilments;

/// <summary>
/// Issue 23, stage 3 (its first step): the contract's document stores its totals (<see cref="ContractState.Totals"/>) on every
/// write and moves them by each event's slice, so a write no longer folds them from the whole list. A document without them
/// is what a stage-2 node leaves (that release stores no totals where there were none: it registered the contract, or wrote
/// every event since): decided on totals folded from its list (whole there), stored again by this build's next write, and
/// not named by the verification. The list is still written (a stage-2 node moves the stored totals by it), and
/// <c>reportsApart</c> never.
/// </summary>
[Collection(ApiCollection.Name)]
public class ContractTotalsRepairTests(LedgerApi api)
{
    private IDocumentStore Store => api.Services.GetRequiredService<IDocumentStore>();

    [Fact]
    public async Task Every_write_stores_the_totals_moved_by_its_event_and_equal_to_the_fold_over_every_report()
    {
        var contract = await ContractAsync(api);
        (await StoredAsync(contract)).State.Totals.Should().BeEquivalentTo(ContractTotals.Empty, "a registration stores empty totals");
        await contract.AcceptAsync(await contract.ReportAsync(Training(1_250m)));
        var pending = await contract.ReportAsync(Training(700m));
        await contract.RejectAsync(await contract.ReportAsync(Training(300m)));

        var members = await StateMembersAsync(contract);
        members.Should().Contain("totals").And.NotContain("reportsApart", "a stage-2 node may still run: the list stays");
        var stored = (await StoredAsync(contract)).State.Totals!;
        stored.Should().BeEquivalentTo(ContractTotals.Of(await FoldAsync(contract)), o => o.WithStrictOrdering());
        (stored.Reports.PendingCount, stored.Pending.Single().Id.ToString()).Should().Be((1, pending["id"]!.GetValue<string>()));
        (await DiscrepanciesAsync(contract)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_document_a_stage_2_node_left_without_totals_is_decided_on_its_list_gets_them_on_the_next_write_and_is_no_discrepancy()
    {
        var contract = await ContractAsync(api);
        await contract.AcceptAsync(await contract.ReportAsync(Training(1_250m)));
        var pending = await contract.ReportAsync(Training(700m));
        var balance = await (await contract.Wsp.GetAsync($"{contract.Url}/balance")).ShouldBeAsync(HttpStatusCode.OK);
        var all = balance.Decimal("accepted") + balance.Decimal("pending");
        all.Should().BeGreaterThan(balance.Decimal("accepted"));

        // As a stage-2 node writes it: the list whole, no totals. The verification holds it to the fold without them.
        await ExecuteAsync($"UPDATE {ContractStorage.Table} SET data = data #- '{{state,totals}}' WHERE id = $1", contract);
        (await StateMembersAsync(contract)).Should().NotContain("totals");
        (await DiscrepanciesAsync(contract)).Should().BeEmpty("a stage-2 node's document is not a tampering");

        // A decision that reads the totals only: on none, nothing would be pending and the term is over, so it would go on.
        // It is refused, so nothing is written and the document stays without totals.
        var refused = await (await contract.Wsp.PostJsonAsync($"{contract.Url}/settlement",
            new JsonObject { ["outcome"] = "penalty", ["amount"] = 3_000, ["reason"] = "Na herstelperiode" })).ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        refused["code"]!.GetValue<string>().Should().Be("settlement.pending-reports");
        (await StateMembersAsync(contract)).Should().NotContain("totals");

        // The next write folds them from the list once and stores them, moved by its event.
        await contract.AcceptAsync(pending);
        (await StoredAsync(contract)).State.Totals.Should().BeEquivalentTo(ContractTotals.Of(await FoldAsync(contract)), o => o.WithStrictOrdering());
        var after = await (await contract.Wsp.GetAsync($"{contract.Url}/balance")).ShouldBeAsync(HttpStatusCode.OK);
        (after.Decimal("accepted"), after.Decimal("pending")).Should().Be((all, 0m));
        var settled = await (await contract.Wsp.PostJsonAsync($"{contract.Url}/settlement",
            new JsonObject { ["outcome"] = "penalty", ["amount"] = 3_000, ["reason"] = "Na herstelperiode" })).ShouldBeAsync(HttpStatusCode.Created);
        settled.Decimal("accepted").Should().Be(all);
        (await StateMembersAsync(contract)).Should().Contain("totals");
        (await DiscrepanciesAsync(contract)).Should().BeEmpty();
    }

    [Fact]
    public async Task Stored_totals_changed_behind_the_ledgers_back_are_named_by_the_verification()
    {
        var contract = await ContractAsync(api);
        await contract.ReportAsync(Training(700m));
        await ExecuteAsync($"UPDATE {ContractStorage.Table} SET data = jsonb_set(data, '{{state,totals,reports,pendingCount}}', '0') WHERE id = $1", contract);
        (await DiscrepanciesAsync(contract)).Should().Equal("document.differs");
        await ExecuteAsync($"UPDATE {ContractStorage.Table} SET data = jsonb_set(data, '{{state,totals,reports,pendingCount}}', '1') WHERE id = $1", contract);
        (await DiscrepanciesAsync(contract)).Should().BeEmpty();
    }

    private async Task<List<string>> DiscrepanciesAsync(ContractUnderReport contract)
    {
        var auditor = await api.ClientAsync("auditor");
        var verification = await (await auditor.GetAsync("/api/v1/audit/verification")).ShouldBeAsync(HttpStatusCode.OK);
        return [.. verification["discrepancies"]!.AsArray()
            .Where(d => d!["stream"]!.GetValue<string>() == $"contract-{contract.Id}").Select(d => d!["code"]!.GetValue<string>())];
    }

    private async Task<IReadOnlyList<string>> StateMembersAsync(ContractUnderReport contract)
    {
        await using var command = api.DataSource.CreateCommand($"SELECT jsonb_object_keys(data->'state') FROM {ContractStorage.Table} WHERE id = $1");
        command.Parameters.AddWithValue($"contract-{contract.Id}");
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) keys.Add(reader.GetString(0));
        keys.Should().Contain("fulfilments");
        return keys;
    }

    private async Task ExecuteAsync(string sql, ContractUnderReport contract, params object[] more) =>
        (await api.DataSource.ExecuteAsync(sql, [$"contract-{contract.Id}", .. more])).Should().Be(1);

    private async Task<ContractDocument> StoredAsync(ContractUnderReport contract)
    {
        await using var session = Store.QuerySession("GM0603");
        return (await session.LoadAsync<ContractDocument>($"contract-{contract.Id}"))!;
    }

    /// <summary>The contract folded afresh from its events: every report in its list.</summary>
    private async Task<ContractState> FoldAsync(ContractUnderReport contract)
    {
        await using var session = Store.QuerySession("GM0603");
        var events = await session.Events.FetchStreamAsync($"contract-{contract.Id}");
        return ContractDecider.Fold(events.Select(e => e.Data).OfType<IContractEvent>());
    }
}
