using System.Net;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Contracts;

namespace Sroi.Ledger.Api.Tests.Auditing;

/// <summary>
/// GET /audit/verification names the stream and version of each edit made behind the ledger's back. Each test tampers in
/// a municipality of its own, and verifies it with that municipality's auditor key, so the others stay clean.
/// </summary>
[Collection(ApiCollection.Name)]
public class VerificationTests(LedgerApi api)
{
    private Task<string> RegisteredAndAmendedAsync(string municipality) => AuditedContracts.RegisteredAndAmendedAsync(api, municipality);

    private async Task<JsonNode> VerifyAsync(string municipality) =>
        await (await (await api.ClientAsync("auditor", municipality)).GetAsync("/api/v1/audit/verification")).ShouldBeAsync(HttpStatusCode.OK);

    private static IEnumerable<(string Stream, long Version, string Code)> Found(JsonNode verification) =>
        verification["discrepancies"]!.AsArray().Select(d => (d!["stream"]!.GetValue<string>(), d["version"]!.GetValue<long>(), d["code"]!.GetValue<string>()));

    [Fact]
    public async Task The_untouched_streams_of_a_municipality_verify()
    {
        var stream = await RegisteredAndAmendedAsync("GM0781");
        var wsp = await api.ClientAsync("wsp", "GM0781");
        await (await wsp.PostJsonAsync("/api/v1/candidates", Candidates.CandidateBodies.Registration(municipality: "GM0781"))).ShouldBeAsync(HttpStatusCode.Created);
        await (await wsp.PutJsonAsync("/api/v1/ambitions/2024", new JsonObject { ["municipality"] = "GM0781", ["placements"] = 10 })).ShouldBeAsync(HttpStatusCode.OK);

        var verification = await VerifyAsync("GM0781");

        verification["ok"]!.GetValue<bool>().Should().BeTrue(verification.ToJsonString());
        verification["streams"]!.GetValue<long>().Should().Be(3);
        verification["events"]!.GetValue<long>().Should().Be(4);
        verification["discrepancies"]!.AsArray().Should().BeEmpty();
        stream.Should().StartWith("contract-");
    }

    [Fact]
    public async Task A_tampered_payload_is_named_by_stream_and_version()
    {
        var stream = await RegisteredAndAmendedAsync("GM0782");
        await api.DataSource.ExecuteAsync($$"""
            ALTER TABLE mt_events DISABLE TRIGGER sroi_no_update;
            UPDATE mt_events SET data = jsonb_set(data, '{newValue}', '250000.00') WHERE stream_id = '{{stream}}' AND version = 2;
            ALTER TABLE mt_events ENABLE TRIGGER sroi_no_update;
            """);

        var verification = await VerifyAsync("GM0782");

        verification["ok"]!.GetValue<bool>().Should().BeFalse();
        Found(verification).Should().Contain((stream, 2, "chain.broken"));
        // The fold of the edited event no longer gives the document the ledger decided on.
        Found(verification).Should().Contain((stream, 2, "document.differs"));
        verification["discrepancies"]![0]!["municipality"]!.GetValue<string>().Should().Be("GM0782");
    }

    [Fact]
    public async Task A_payload_replaced_by_one_no_fold_can_read_is_named_and_the_history_still_answers()
    {
        var stream = await RegisteredAndAmendedAsync("GM0786");
        await api.DataSource.ExecuteAsync($$"""
            ALTER TABLE mt_events DISABLE TRIGGER sroi_no_update;
            UPDATE mt_events SET data = '{"forged": true}' WHERE stream_id = '{{stream}}' AND version = 2;
            ALTER TABLE mt_events ENABLE TRIGGER sroi_no_update;
            """);

        var verification = await VerifyAsync("GM0786");

        Found(verification).Should().Contain((stream, 2, "chain.broken"));
        Found(verification).Should().Contain((stream, 2, "document.unfoldable"));
        var auditor = await api.ClientAsync("auditor", "GM0786");
        var history = await (await auditor.GetAsync($"/api/v1/contracts/{stream["contract-".Length..]}/history")).ShouldBeAsync(HttpStatusCode.OK);
        history["events"]![1]!["data"]!["forged"]!.GetValue<bool>().Should().BeTrue();
        history["contract"].Should().BeNull();
        history["foldProblem"]!.GetValue<string>().Should().Contain("version 2");
    }

    [Fact]
    public async Task A_deleted_last_event_is_named_by_the_version_its_stream_row_still_claims()
    {
        var stream = await RegisteredAndAmendedAsync("GM0783");
        await api.DataSource.ExecuteAsync($$"""
            ALTER TABLE mt_events DISABLE TRIGGER sroi_no_delete;
            DELETE FROM mt_events WHERE stream_id = '{{stream}}' AND version = 2;
            ALTER TABLE mt_events ENABLE TRIGGER sroi_no_delete;
            """);

        var verification = await VerifyAsync("GM0783");

        verification["ok"]!.GetValue<bool>().Should().BeFalse();
        var mismatch = verification["discrepancies"]!.AsArray().Single(d => d!["code"]!.GetValue<string>() == "stream.version-mismatch")!;
        (mismatch["stream"]!.GetValue<string>(), mismatch["version"]!.GetValue<long>()).Should().Be((stream, 2));
        mismatch["detail"]!.GetValue<string>().Should().Be("The stream row says version 2; its last event is version 1.");
        // Its chain hash outlived it.
        Found(verification).Should().Contain((stream, 2, "events.missing"));
        verification["events"]!.GetValue<long>().Should().Be(1);
    }

    [Fact]
    public async Task A_document_changed_behind_the_ledgers_back_is_named_with_the_field()
    {
        var stream = await RegisteredAndAmendedAsync("GM0784");
        await api.DataSource.ExecuteAsync($$"""UPDATE mt_doc_contract SET data = jsonb_set(data, '{state,contractValue}', '999999.00') WHERE id = '{{stream}}'""");

        var verification = await VerifyAsync("GM0784");

        verification["ok"]!.GetValue<bool>().Should().BeFalse();
        var differs = verification["discrepancies"]!.AsArray().Single()!;
        (differs["stream"]!.GetValue<string>(), differs["version"]!.GetValue<long>(), differs["code"]!.GetValue<string>())
            .Should().Be((stream, 2, "document.differs"));
        differs["detail"]!.GetValue<string>().Should().Contain("state.contractValue");
    }

    [Fact]
    public async Task Only_auditors_and_admins_verify_and_an_auditor_only_its_own_municipality()
    {
        var auditor = await api.ClientAsync("auditor", "GM0785");
        await (await auditor.GetAsync("/api/v1/audit/verification?municipality=GM0603")).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await auditor.GetAsync("/api/v1/audit/verification?municipality=GM0785")).ShouldBeAsync(HttpStatusCode.OK);
        await (await auditor.GetAsync("/api/v1/audit/verification?municipality=Rijswijk")).ShouldNameFieldAsync("municipality");
        foreach (var role in new[] { "inkoop", "wsp" })
            await (await (await api.ClientAsync(role)).GetAsync("/api/v1/audit/verification")).ShouldBeAsync(HttpStatusCode.Forbidden);
        var admin = await (await api.Admin().GetAsync("/api/v1/audit/verification?municipality=GM0785")).ShouldBeAsync(HttpStatusCode.OK);
        (admin["ok"]!.GetValue<bool>(), admin["streams"]!.GetValue<long>()).Should().Be((true, 0));
    }

    [Fact]
    public async Task An_auditor_key_writes_nothing_anywhere()
    {
        var auditor = await api.ClientAsync("auditor");
        var document = await (await api.Client().GetAsync("/api/v1/openapi.json")).ShouldBeAsync(HttpStatusCode.OK);
        var writes = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        foreach (var (method, _) in item!.AsObject().Where(m => m.Key != "get"))
        {
            // Not writes to the ledger: a verification against a checkpoint copy the auditor posts, the auditor's own
            // webhook subscriptions to the audit signals (delivery settings, like an API key), and how far the auditor has
            // read the notification feed (its own read marker).
            if (path == "/audit/verification" || path.StartsWith("/webhook-subscriptions", StringComparison.Ordinal)
                || path == "/notifications/read-marker") continue;
            var url = "/api/v1" + path.Replace("{id}", Guid.NewGuid().ToString()).Replace("{fid}", Guid.NewGuid().ToString())
                .Replace("{placementId}", Guid.NewGuid().ToString()).Replace("{candidateNumber}", "K-000001-abc").Replace("{year}", "2024");
            using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url)
            {
                Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
            };
            await (await auditor.SendAsync(request)).ShouldBeAsync(HttpStatusCode.Forbidden);
            writes++;
        }
        writes.Should().BeGreaterThan(20);
    }
}
