using System.Net;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Domain.Contracts;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Api.Tests.Fulfilments;

/// <summary>
/// Issue 23, stage 2: a contract's decisions read its kept totals (<see cref="ContractState.Totals"/>), never its document's
/// report list. A node of the previous release rewrites the document with its own type, which has no totals: this build
/// must fold them from that document's list (whole, in such a document) before it decides, and keep them again, never
/// decide on none.
/// </summary>
[Collection(ApiCollection.Name)]
public class ContractTotalsRepairTests(LedgerApi api)
{
    private IDocumentStore Store => api.Services.GetRequiredService<IDocumentStore>();

    [Fact]
    public async Task A_contract_document_the_previous_release_wrote_without_totals_is_repaired_and_decided_on_its_reports()
    {
        var contract = await ContractAsync(api);
        await contract.AcceptAsync(await contract.ReportAsync(Training(1_250m)));
        var pending = await contract.ReportAsync(Training(700m));
        (await StoredAsync(contract)).State.Totals!.Reports.PendingCount.Should().Be(1, "this build keeps the totals");
        var balance = await (await contract.Wsp.GetAsync($"{contract.Url}/balance")).ShouldBeAsync(HttpStatusCode.OK);

        // What the previous release's write leaves: its document type has neither totals nor the version they are folded up to.
        await WrittenByThePreviousReleaseAsync(contract);
        (await StoredAsync(contract)).State.Totals.Should().BeNull();
        (await (await contract.Wsp.GetAsync($"{contract.Url}/balance")).ShouldBeAsync(HttpStatusCode.OK)).ToJsonString()
            .Should().Be(balance.ToJsonString(), "the balance beside such a document is the previous release's own, and right");

        // A decision that reads the totals only: on none, nothing would be pending and the term is over, so it would go on.
        var refused = await (await contract.Wsp.PostJsonAsync($"{contract.Url}/settlement",
            new JsonObject { ["outcome"] = "penalty", ["amount"] = 3_000, ["reason"] = "Na herstelperiode" })).ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        refused["code"]!.GetValue<string>().Should().Be("settlement.pending-reports");

        // A report decision on such a document: its answer, the balance and the document's totals count every report.
        await WrittenByThePreviousReleaseAsync(contract);
        await contract.AcceptAsync(pending);
        var after = await (await contract.Wsp.GetAsync($"{contract.Url}/balance")).ShouldBeAsync(HttpStatusCode.OK);
        var all = balance.Decimal("accepted") + balance.Decimal("pending");
        all.Should().BeGreaterThan(balance.Decimal("accepted"));
        (after.Decimal("accepted"), after.Decimal("pending")).Should().Be((all, 0m));
        var stored = await StoredAsync(contract);
        stored.TotalsVersion.Should().Be(stored.StreamVersion);
        stored.State.Totals.Should().BeEquivalentTo(ContractTotals.Of(await FoldAsync(contract)), o => o.WithStrictOrdering());

        // A write that is no report's (the settlement) on such a document: decided on the totals folded from its list.
        await WrittenByThePreviousReleaseAsync(contract);
        var settled = await (await contract.Wsp.PostJsonAsync($"{contract.Url}/settlement",
            new JsonObject { ["outcome"] = "penalty", ["amount"] = 3_000, ["reason"] = "Na herstelperiode" })).ShouldBeAsync(HttpStatusCode.Created);
        settled.Decimal("accepted").Should().Be(all);
        (await StoredAsync(contract)).State.Totals.Should().BeEquivalentTo(ContractTotals.Of(await FoldAsync(contract)), o => o.WithStrictOrdering());
    }

    private async Task WrittenByThePreviousReleaseAsync(ContractUnderReport contract)
    {
        await using var command = api.DataSource.CreateCommand(
            $"UPDATE {ContractStorage.Table} SET data = data #- '{{state,totals}}' #- '{{totalsVersion}}' WHERE id = $1");
        command.Parameters.AddWithValue($"contract-{contract.Id}");
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
