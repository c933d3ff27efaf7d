using System.Net;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Tests.Fulfilments;

namespace Sroi.Ledger.Api.Tests.Contracts;

[Collection(ApiCollection.Name)]
public class MissingDocumentTests(LedgerApi api)
{
    [Fact]
    public async Task A_contract_recorded_before_its_document_was_kept_is_folded_at_start_up_from_its_events()
    {
        var contract = await FulfilmentBodies.ContractAsync(api);
        var report = await contract.ReportAsync(FulfilmentBodies.Training(1_250m));
        await contract.AcceptAsync(report);
        var before = await (await contract.Inkoop.GetAsync(contract.Url)).Content.ReadAsStringAsync();
        var balanceBefore = await (await contract.Inkoop.GetAsync($"{contract.Url}/balance")).Content.ReadAsStringAsync();
        // A database of an earlier release: the events are there, the document is not.
        await using (var delete = api.DataSource.CreateCommand($"DELETE FROM {ContractStorage.Table} WHERE id = 'contract-{contract.Id}'"))
            (await delete.ExecuteNonQueryAsync()).Should().Be(1);
        await (await contract.Inkoop.GetAsync(contract.Url)).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await contract.Contractor.PostJsonAsync($"{contract.Url}/fulfilments", FulfilmentBodies.Training())).ShouldBeAsync(HttpStatusCode.NotFound);

        await using var dataSource = LedgerDataSource.Create(api.ConnectionString);
        await using var store = LedgerStoreOptions.CreateStore(dataSource);
        var folded = await MissingDocuments.FoldAsync<ContractDocument>(store, dataSource, "contract-", CancellationToken.None);

        folded.Should().BeGreaterThanOrEqualTo(1);
        var after = await contract.Inkoop.GetAsync(contract.Url);
        (await after.Content.ReadAsStringAsync()).Should().Be(before);
        after.Headers.ETag!.Tag.Should().Be("\"3\"");
        (await (await contract.Inkoop.GetAsync($"{contract.Url}/balance")).Content.ReadAsStringAsync()).Should().Be(balanceBefore);
        (await MissingDocuments.FoldAsync<ContractDocument>(store, dataSource, "contract-", CancellationToken.None))
            .Should().Be(0, "every contract has its document now");
    }
}
