using Sroi.Ledger.Testing;
using System.Net;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sroi.Ledger.Api.Fulfilments.Storing;
using static Sroi.Ledger.Api.Tests.Fulfilments.FulfilmentBodies;

namespace Sroi.Ledger.Api.Tests.Fulfilments;

/// <summary>
/// Issue 23: each report is a document of its own (<see cref="FulfilmentDocument"/>), changed inline by the events that touch
/// it — and only by its slice. After every kind of report event the stored documents equal a fresh fold of the contract's
/// events, and the list read from them answers exactly what the fold of the events answers (<c>?asKnownOn=</c> now). The
/// verification names a report document changed or lost behind the ledger's back; a ledger written before the documents
/// existed gets them from its events, once.
/// </summary>
[Collection(ApiCollection.Name)]
public class ReportDocumentsTests(LedgerApi api)
{
    private IDocumentStore Store => api.Services.GetRequiredService<IDocumentStore>();

    /// <summary>The stored report documents of the contract, and the fold of its events, as JSON by report id.</summary>
    private async Task<(Dictionary<Guid, string> Stored, Dictionary<Guid, string> Folded)> DocumentsAsync(ContractUnderReport contract)
    {
        var stream = $"contract-{contract.Id}";
        await using var session = Store.QuerySession("GM0603");
        var serializer = Store.Options.Serializer();
        var stored = await session.Query<FulfilmentDocument>().Where(d => d.ContractId == stream).ToListAsync();
        var folded = FulfilmentDocuments.Fold(stream, await session.Events.FetchStreamAsync(stream));
        return (stored.ToDictionary(d => d.Id, serializer.ToJson), folded.ToDictionary(d => d.Id, serializer.ToJson));
    }

    private async Task ShouldEqualTheFoldAsync(ContractUnderReport contract, int reports, string step)
    {
        var (stored, folded) = await DocumentsAsync(contract);
        folded.Should().HaveCount(reports, step);
        stored.Should().BeEquivalentTo(folded, step);
        // Today's list (from the documents) is what the events answer as known now (their fold): every answer the same.
        var list = await (await contract.Wsp.GetAsync($"{contract.Url}/fulfilments")).ShouldBeAsync(HttpStatusCode.OK);
        // A moment after the last event (the parameter is read to the second).
        var now = Uri.EscapeDataString(NodaTime.SystemClock.Instance.GetCurrentInstant().Plus(NodaTime.Duration.FromSeconds(2)).ToString());
        var known = await (await contract.Wsp.GetAsync($"{contract.Url}/fulfilments?asKnownOn={now}")).ShouldBeAsync(HttpStatusCode.OK);
        list.ToJsonString().Should().Be(known.ToJsonString(), step);
        list["total"]!.GetValue<long>().Should().Be(reports, step);
    }

    private static async Task<JsonNode> PostAsync(HttpClient client, string url, JsonObject body, HttpStatusCode status) =>
        await (await client.PostJsonAsync(url, body)).ShouldBeAsync(status);

    [Fact]
    public async Task Every_report_event_leaves_the_report_documents_equal_to_a_fresh_fold_and_the_list_as_the_events_answer_it()
    {
        var contract = await ContractAsync(api);
        var training = await contract.ReportAsync(Training(1_250m));
        await ShouldEqualTheFoldAsync(contract, 1, "reported");
        await contract.AcceptAsync(training);
        await ShouldEqualTheFoldAsync(contract, 1, "accepted");
        var employment = await contract.ReportAsync(Employment());
        var purchase = await contract.ReportAsync(SocialProcurement(UniqueInvoice()));
        var withdrawn = await contract.ReportAsync(Training(300m));
        await PostAsync(contract.Contractor, $"{contract.Url}/fulfilments/{withdrawn["id"]}/withdrawal", new JsonObject { ["reason"] = "dubbel" }, HttpStatusCode.OK);
        await ShouldEqualTheFoldAsync(contract, 4, "withdrawn");
        await contract.RejectAsync(purchase);
        await ShouldEqualTheFoldAsync(contract, 4, "rejected");

        // A correction of an accepted report: the accepted one awaits it (its pending correction), then is replaced by it.
        var correction = await PostAsync(contract.Contractor, $"{contract.Url}/fulfilments/{training["id"]}/correction", Training(1_000m), HttpStatusCode.Created);
        await ShouldEqualTheFoldAsync(contract, 5, "an accepted report's correction reported");
        var awaiting = await (await contract.Wsp.GetAsync($"{contract.Url}/fulfilments/{training["id"]}")).ShouldBeAsync(HttpStatusCode.OK);
        awaiting["pendingCorrection"]!.GetValue<string>().Should().Be(correction["id"]!.GetValue<string>());
        await contract.AcceptAsync(correction);
        await ShouldEqualTheFoldAsync(contract, 5, "the correction accepted: the original replaced");
        var replaced = await (await contract.Wsp.GetAsync($"{contract.Url}/fulfilments/{training["id"]}")).ShouldBeAsync(HttpStatusCode.OK);
        (replaced["status"]!.GetValue<string>(), replaced["replacedBy"]!.GetValue<string>()).Should().Be(("replaced", correction["id"]!.GetValue<string>()));

        // A correction of a pending report replaces it at once; one of a rejected report stands beside it.
        await PostAsync(contract.Contractor, $"{contract.Url}/fulfilments/{employment["id"]}/correction", Employment(hours: 32m), HttpStatusCode.Created);
        await PostAsync(contract.Contractor, $"{contract.Url}/fulfilments/{purchase["id"]}/correction", SocialProcurement(UniqueInvoice()), HttpStatusCode.Created);
        await ShouldEqualTheFoldAsync(contract, 7, "pending and rejected reports corrected");
        await (await contract.Wsp.GetAsync($"{contract.Url}/fulfilments/{Guid.NewGuid()}")).ShouldBeAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_verification_names_a_report_document_changed_or_lost_and_the_rebuild_folds_it_back()
    {
        var contract = await ContractAsync(api);
        var first = await contract.ReportAsync(Training(1_250m));
        await contract.AcceptAsync(first);
        var second = await contract.ReportAsync(Training(400m));
        var stream = $"contract-{contract.Id}";
        var auditor = await api.ClientAsync("auditor");
        try
        {
            await ExecuteAsync($$"""UPDATE {{FulfilmentStorage.Table}} SET data = jsonb_set(data, '{report,remark}', '"verzonnen"') WHERE id = '{{first["id"]}}'""");
            await ExecuteAsync($"DELETE FROM {FulfilmentStorage.Table} WHERE id = '{second["id"]}'");

            var verification = await (await auditor.GetAsync("/api/v1/audit/verification")).ShouldBeAsync(HttpStatusCode.OK);

            var found = verification["discrepancies"]!.AsArray().Where(d => d!["stream"]!.GetValue<string>() == stream)
                .Select(d => (d!["version"]!.GetValue<long>(), d["code"]!.GetValue<string>(), d["detail"]!.GetValue<string>())).ToList();
            found.Should().BeEquivalentTo([
                (4L, "report-document.differs", $"The stored document of report {first["id"]} differs from the fold of the events."),
                (4L, "report-document.missing", $"The events fold to report {second["id"]}, but no document of it is stored."),
            ]);
        }
        finally
        {
            await RefoldAsync(stream);
        }
        var again = await (await auditor.GetAsync("/api/v1/audit/verification")).ShouldBeAsync(HttpStatusCode.OK);
        again["discrepancies"]!.AsArray().Where(d => d!["stream"]!.GetValue<string>() == stream).Should().BeEmpty();
        await ShouldEqualTheFoldAsync(contract, 2, "folded back");
    }

    [Fact]
    public async Task A_ledger_written_before_the_report_documents_gets_them_from_its_events_once_and_is_written_on()
    {
        var contract = await ContractAsync(api);
        var accepted = await contract.ReportAsync(Training(1_250m));
        await contract.AcceptAsync(accepted);
        var pending = await contract.ReportAsync(Training(700m));
        var list = await (await contract.Wsp.GetAsync($"{contract.Url}/fulfilments")).Content.ReadAsStringAsync();
        // The old layout: the reports only in the contract's document; the back-fill's marker not there yet.
        await ExecuteAsync($"DELETE FROM {FulfilmentStorage.Table} WHERE contract_id = 'contract-{contract.Id}'");
        await ExecuteAsync($"DELETE FROM {FulfilmentDocuments.StreamsTable} WHERE contract_id = 'contract-{contract.Id}'");
        // Read meanwhile from the contract's own document: the same answer.
        (await (await contract.Wsp.GetAsync($"{contract.Url}/fulfilments")).Content.ReadAsStringAsync()).Should().Be(list);
        await ExecuteAsync($"DELETE FROM schema_migrations WHERE component = '{FulfilmentDocumentsBackfill.Component}'");

        (await FulfilmentDocumentsBackfill.RunOnceAsync(Store, api.DataSource, CancellationToken.None)).Should().BeGreaterThanOrEqualTo(1);

        await ShouldEqualTheFoldAsync(contract, 2, "back-filled");
        (await (await contract.Wsp.GetAsync($"{contract.Url}/fulfilments")).Content.ReadAsStringAsync()).Should().Be(list);
        (await FulfilmentDocumentsBackfill.RunOnceAsync(Store, api.DataSource, CancellationToken.None)).Should().BeNull("the marker says it ran");
        (await FulfilmentDocumentsBackfill.FillAsync(Store, api.DataSource, CancellationToken.None)).Should().Be(0, "every contract's reports are folded");
        // Written on: the slice read from the back-filled documents.
        var before = await contract.BalanceAsync();
        await contract.AcceptAsync(pending);
        await ShouldEqualTheFoldAsync(contract, 2, "written after the back-fill");
        var after = await contract.BalanceAsync();
        (after.Decimal("accepted"), after.Decimal("pending")).Should().Be((before.Decimal("accepted") + before.Decimal("pending"), 0m));
    }

    [Fact]
    public async Task A_report_without_its_document_or_written_by_another_build_is_folded_from_the_events_on_the_next_write_and_read_meanwhile_from_the_contract()
    {
        var contract = await ContractAsync(api);
        var accepted = await contract.ReportAsync(Training(1_250m));
        await contract.AcceptAsync(accepted);
        var pending = await contract.ReportAsync(Training(700m));
        // As a node of an earlier build leaves it during a rolling upgrade: the reports made, their documents not.
        await ExecuteAsync($"DELETE FROM {FulfilmentStorage.Table} WHERE contract_id = 'contract-{contract.Id}'");

        var correction = await PostAsync(contract.Contractor, $"{contract.Url}/fulfilments/{accepted["id"]}/correction", Training(1_000m), HttpStatusCode.Created);
        await ShouldEqualTheFoldAsync(contract, 3, "folded whole on the next write");
        await ExecuteAsync($"DELETE FROM {FulfilmentStorage.Table} WHERE id = '{correction["id"]}'");
        await contract.AcceptAsync(correction);
        await ShouldEqualTheFoldAsync(contract, 3, "folded whole again: the accepted correction had no document");
        await contract.RejectAsync(pending);
        await ShouldEqualTheFoldAsync(contract, 3, "and on from its slice");

        // A node of an earlier build wrote in between: the version the documents are folded up to lags the contract's, so
        // the reads take the contract's own document (not the stale report document) and the next write folds them again.
        var list = await (await contract.Wsp.GetAsync($"{contract.Url}/fulfilments")).Content.ReadAsStringAsync();
        await ExecuteAsync($$"""UPDATE {{FulfilmentStorage.Table}} SET data = jsonb_set(data, '{report,remark}', '"verouderd"') WHERE id = '{{pending["id"]}}'""");
        await ExecuteAsync($"UPDATE {FulfilmentDocuments.StreamsTable} SET version = version - 1 WHERE contract_id = 'contract-{contract.Id}'");
        (await (await contract.Wsp.GetAsync($"{contract.Url}/fulfilments")).Content.ReadAsStringAsync()).Should().Be(list);
        (await (await contract.Wsp.GetAsync($"{contract.Url}/fulfilments/{pending["id"]}")).ShouldBeAsync(HttpStatusCode.OK))["rejectionReason"]!
            .GetValue<string>().Should().Be("Geen bewijs aangeleverd");
        await contract.ReportAsync(Training(100m));
        await ShouldEqualTheFoldAsync(contract, 4, "folded whole after another build's write");
    }

    /// <summary>
    /// A node of an earlier build (a rolling upgrade) that writes to a contract leaves its report documents behind the events,
    /// and the version they are folded up to behind the contract's (Schema/140): nothing reads them until the next write of
    /// this build folds them again, and a contract last written then may never be written again. So the verification holds
    /// to the fold only the documents the readers trust (folded up to the stream's last version); before, it named every
    /// such contract's reports as changed or lost, on a healthy ledger, for good.
    /// </summary>
    [Fact]
    public async Task The_verification_names_no_report_document_that_an_earlier_builds_write_left_behind_and_the_readers_do_not_trust()
    {
        var contract = await ContractAsync(api);
        var pending = await contract.ReportAsync(Training(700m));
        var stream = $"contract-{contract.Id}";
        var auditor = await api.ClientAsync("auditor");
        async Task<List<string>> DiscrepanciesAsync() =>
            [.. (await (await auditor.GetAsync("/api/v1/audit/verification")).ShouldBeAsync(HttpStatusCode.OK))["discrepancies"]!.AsArray()
                .Where(d => d!["stream"]!.GetValue<string>() == stream).Select(d => d!["code"]!.GetValue<string>())];
        try
        {
            // As an earlier build's node leaves it: the report rejected (its event, the contract's document), its report
            // document as it was, and the version they are folded up to one behind.
            var before = await ScalarTextAsync($"SELECT data::text FROM {FulfilmentStorage.Table} WHERE id = '{pending["id"]}'");
            await contract.RejectAsync(pending);
            await ExecuteAsync($"UPDATE {FulfilmentStorage.Table} SET data = '{before.Replace("'", "''")}'::jsonb WHERE id = '{pending["id"]}'");
            await ExecuteAsync($"UPDATE {FulfilmentDocuments.StreamsTable} SET version = version - 1 WHERE contract_id = '{stream}'");
            (await (await contract.Wsp.GetAsync($"{contract.Url}/fulfilments/{pending["id"]}")).ShouldBeAsync(HttpStatusCode.OK))["status"]!
                .GetValue<string>().Should().Be("rejected", "the readers take the contract's own document");
            (await DiscrepanciesAsync()).Should().BeEmpty("the lagging documents are read by nothing: not a discrepancy of the ledger");

            // Registered and reported by an earlier build after the back-fill ran: no documents, no version folded up to.
            await ExecuteAsync($"DELETE FROM {FulfilmentStorage.Table} WHERE contract_id = '{stream}'");
            await ExecuteAsync($"DELETE FROM {FulfilmentDocuments.StreamsTable} WHERE contract_id = '{stream}'");
            (await DiscrepanciesAsync()).Should().BeEmpty("a contract no build of the documents has folded has none to hold");
        }
        finally
        {
            await RefoldAsync(stream);
        }
        // Folded again, its documents are trusted and held to the fold: a change behind the ledger's back is named.
        await ExecuteAsync($$"""UPDATE {{FulfilmentStorage.Table}} SET data = jsonb_set(data, '{report,remark}', '"verzonnen"') WHERE id = '{{pending["id"]}}'""");
        try
        {
            (await DiscrepanciesAsync()).Should().Equal("report-document.differs");
        }
        finally
        {
            await RefoldAsync(stream);
        }
    }

    private Task<string> ScalarTextAsync(string sql) => api.DataSource.ScalarAsync<string>(sql);

    private Task ExecuteAsync(string sql) => api.DataSource.ExecuteAsync(sql);

    private Task RefoldAsync(string stream) => FulfilmentDocumentsBackfill.RefoldUnderLockAsync(Store, "GM0603", stream, CancellationToken.None);
}
