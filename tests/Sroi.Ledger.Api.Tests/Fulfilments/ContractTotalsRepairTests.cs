using System.Net;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Domain.Contracts;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Api.Tests.Fulfilments;

/// <summary>
/// Issue 23, stage 2: a contract's decisions read the reports they need and the totals (<see cref="ContractState.Totals"/>),
/// never the document's report list. The previous release reads the contract's document strictly (a member it does not know
/// is an error, so its node answered 500 in the rolling-upgrade rehearsal when this build stored the totals): this build
/// stores no new member, folds the totals from the document's list (whole, in every document either release writes) before
/// it decides, and keeps moving stored totals where a later release left them.
/// </summary>
[Collection(ApiCollection.Name)]
public class ContractTotalsRepairTests(LedgerApi api)
{
    private IDocumentStore Store => api.Services.GetRequiredService<IDocumentStore>();

    [Fact]
    public async Task A_document_without_totals_as_the_previous_release_reads_and_writes_it_is_decided_on_its_reports_and_stored_totals_are_kept()
    {
        var contract = await ContractAsync(api);
        await contract.AcceptAsync(await contract.ReportAsync(Training(1_250m)));
        var pending = await contract.ReportAsync(Training(700m));
        var balance = await (await contract.Wsp.GetAsync($"{contract.Url}/balance")).ShouldBeAsync(HttpStatusCode.OK);
        var all = balance.Decimal("accepted") + balance.Decimal("pending");
        all.Should().BeGreaterThan(balance.Decimal("accepted"));
        (await StateMembersAsync(contract)).Should().NotContain(["totals", "reportsApart"], "the previous release could not read the document");

        // A decision that reads the totals only: on none, nothing would be pending and the term is over, so it would go on.
        var refused = await (await contract.Wsp.PostJsonAsync($"{contract.Url}/settlement",
            new JsonObject { ["outcome"] = "penalty", ["amount"] = 3_000, ["reason"] = "Na herstelperiode" })).ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        refused["code"]!.GetValue<string>().Should().Be("settlement.pending-reports");

        // A later release stores the totals (with the list still written): this build reads them and moves them.
        await StoreTotalsAsync(contract, ContractTotals.Of(await FoldAsync(contract)));
        await contract.AcceptAsync(pending);
        var after = await (await contract.Wsp.GetAsync($"{contract.Url}/balance")).ShouldBeAsync(HttpStatusCode.OK);
        (after.Decimal("accepted"), after.Decimal("pending")).Should().Be((all, 0m));
        (await StoredAsync(contract)).State.Totals.Should().BeEquivalentTo(ContractTotals.Of(await FoldAsync(contract)), o => o.WithStrictOrdering());

        // Where they are not stored, a write that is no report's (the settlement) decides on totals folded from the list.
        await ExecuteAsync($"UPDATE {ContractStorage.Table} SET data = data #- '{{state,totals}}' WHERE id = $1", contract);
        var settled = await (await contract.Wsp.PostJsonAsync($"{contract.Url}/settlement",
            new JsonObject { ["outcome"] = "penalty", ["amount"] = 3_000, ["reason"] = "Na herstelperiode" })).ShouldBeAsync(HttpStatusCode.Created);
        settled.Decimal("accepted").Should().Be(all);
        (await StateMembersAsync(contract)).Should().NotContain("totals");
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

    private Task StoreTotalsAsync(ContractUnderReport contract, ContractTotals totals) =>
        ExecuteAsync($"UPDATE {ContractStorage.Table} SET data = jsonb_set(data, '{{state,totals}}', $2::jsonb) WHERE id = $1", contract,
            Store.Options.Serializer().ToJson(totals));

    private async Task ExecuteAsync(string sql, ContractUnderReport contract, params object[] more)
    {
        await using var command = api.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue($"contract-{contract.Id}");
        foreach (var value in more) command.Parameters.AddWithValue(value);
        (await command.ExecuteNonQueryAsync()).Should().Be(1);
    }

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
