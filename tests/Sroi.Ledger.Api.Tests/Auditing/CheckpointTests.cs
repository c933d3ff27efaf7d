using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Contracts;

namespace Sroi.Ledger.Api.Tests.Auditing;

/// <summary>
/// Signed checkpoints catch what the hash chain alone cannot: the issue's three probe attacks, each made by the schema's
/// owner (a superuser on the test cluster, as a database administrator is) after a checkpoint was signed. Each test works in
/// a municipality of its own (GM0791–GM0799), so the other tests' tampering stays out of it.
/// </summary>
[Collection(ApiCollection.Name)]
public class CheckpointTests(LedgerApi api)
{
    /// <summary>The hash of version 2 recomputed with the schema's own function from the (edited) event and link 1.</summary>
    private static string RecomputeLinkTwo(string stream) => $$"""
        UPDATE sroi_event_hashes h SET hash = sha256(p.hash || sroi_event_canonical_bytes(
            e.tenant_id, e.stream_id, e.version, e.id, e.type, e.data, e.user_name, e.correlation_id, e.causation_id, e.headers, e.timestamp))
        FROM mt_events e, sroi_event_hashes p
        WHERE e.tenant_id = h.tenant_id AND e.stream_id = h.stream_id AND e.version = h.version
          AND p.tenant_id = h.tenant_id AND p.stream_id = h.stream_id AND p.version = h.version - 1
          AND h.stream_id = '{{stream}}' AND h.version = 2;
        """;

    [Fact]
    public async Task A_clean_municipality_verifies_against_its_checkpoint_and_events_added_after_it_are_fine()
    {
        var stream = await AuditedContracts.RegisteredAndAmendedAsync(api, "GM0791");

        var checkpoint = await CheckpointAsync("GM0791");

        checkpoint["municipality"]!.GetValue<string>().Should().Be("GM0791");
        checkpoint["streams"]!.GetValue<int>().Should().Be(1);
        var payload = JsonNode.Parse(checkpoint["payload"]!.GetValue<string>())!;
        payload["format"]!.GetValue<string>().Should().Be("sroi-ledger-checkpoint/1");
        payload["id"]!.GetValue<string>().Should().Be(checkpoint["id"]!.GetValue<string>());
        payload["position"]!.GetValue<long>().Should().Be(checkpoint["position"]!.GetValue<long>()).And.Be(await api.DataSource.ScalarAsync<long>("SELECT max(seq_id) FROM mt_events"));
        var head = payload["streams"]!.AsArray().Single()!;
        (head["stream"]!.GetValue<string>(), head["version"]!.GetValue<long>()).Should().Be((stream, 2));
        head["hash"]!.GetValue<string>().Should().Be(await api.DataSource.ScalarAsync<string>(
            $"SELECT encode(hash, 'hex') FROM sroi_event_hashes WHERE stream_id = '{stream}' AND version = 2"));

        // Offline, as an auditor would: the public key and the payload's bytes as received.
        var key = await (await (await api.ClientAsync("auditor", "GM0791")).GetAsync("/api/v1/audit/public-key")).ShouldBeAsync(HttpStatusCode.OK);
        using var publicKey = ECDsa.Create();
        publicKey.ImportFromPem(key["publicKeyPem"]!.GetValue<string>());
        publicKey.VerifyData(Encoding.UTF8.GetBytes(checkpoint["payload"]!.GetValue<string>()), Convert.FromBase64String(checkpoint["signature"]!.GetValue<string>()),
            HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence).Should().BeTrue();
        key["fingerprint"]!.GetValue<string>().Should().Be(Convert.ToHexStringLower(SHA256.HashData(publicKey.ExportSubjectPublicKeyInfo())))
            .And.Be(payload["keyFingerprint"]!.GetValue<string>());

        var verification = await VerifyAsync("GM0791", checkpoint);
        verification["ok"]!.GetValue<bool>().Should().BeTrue(verification.ToJsonString());
        verification["checkpoints"]!.AsArray().Single()!["signature"]!.GetValue<string>().Should().Be("valid");

        // The ledger may only grow after a checkpoint: a third event and a new stream are no discrepancy.
        await (await (await api.ClientAsync("inkoop", "GM0791")).PostJsonAsync($"/api/v1/contracts/{stream["contract-".Length..]}/amendments",
            new JsonObject { ["contractValue"] = 320_000, ["effectiveOn"] = "2024-10-01", ["reason"] = "meerwerk" })).ShouldBeAsync(HttpStatusCode.OK);
        await AuditedContracts.RegisteredAndAmendedAsync(api, "GM0791");
        var later = await VerifyAsync("GM0791", checkpoint);
        later["ok"]!.GetValue<bool>().Should().BeTrue(later.ToJsonString());
        later["streams"]!.GetValue<long>().Should().Be(2);
    }

    [Fact]
    public async Task A_refused_append_leaves_a_tombstone_that_neither_breaks_the_ledger_nor_blocks_a_checkpoint()
    {
        // GM0790: a building-block table of its own (Rijswijk's, copied), so that a social-procurement report is valued.
        var table = (await (await api.Admin().GetAsync("/api/v1/building-block-tables?municipality=GM0603")).ShouldBeAsync(HttpStatusCode.OK)).AsArray()[0]!.AsObject();
        table["municipality"] = "GM0790";
        table.Remove("version");
        table.Remove("id");
        await (await api.Admin().PostJsonAsync("/api/v1/building-block-tables", table)).ShouldBeAsync(HttpStatusCode.Created);
        var inkoop = await api.ClientAsync("inkoop", "GM0790");
        var body = ContractBodies.Registration(200_000m, kvk: "11223344").With("sroi", new JsonObject { ["percentage"] = 5, ["reason"] = "Beleid van de gemeente" });
        var id = (await (await inkoop.PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var contractor = await api.ClientAsync("opdrachtnemer", "GM0790", "11223344");
        var invoice = Fulfilments.FulfilmentBodies.SocialProcurement("TOMB-" + Guid.NewGuid().ToString("N")[..8]);
        await (await contractor.PostJsonAsync($"/api/v1/contracts/{id}/fulfilments", invoice)).ShouldBeAsync(HttpStatusCode.Created);

        // The same invoice again: the invoice claim refuses the append (409) after its sequence number was drawn, and Marten
        // fills that number with a tombstone event in GM0790 — off the request's path, so it lands a moment later.
        await (await contractor.PostJsonAsync($"/api/v1/contracts/{id}/fulfilments", invoice)).ShouldBeAsync(HttpStatusCode.Conflict);
        const string tombstones = "SELECT count(*) FROM mt_events WHERE tenant_id = 'GM0790' AND stream_id = 'mt_tombstone'";
        for (var wait = 0; wait < 100 && await api.DataSource.ScalarAsync<long>(tombstones) == 0; wait++) await Task.Delay(100);
        (await api.DataSource.ScalarAsync<long>(tombstones)).Should().Be(1);

        var verification = await VerifyAsync("GM0790");
        verification["ok"]!.GetValue<bool>().Should().BeTrue(verification.ToJsonString());
        var checkpoint = await CheckpointAsync("GM0790");
        var heads = JsonNode.Parse(checkpoint["payload"]!.GetValue<string>())!["streams"]!.AsArray().Select(h => h!["stream"]!.GetValue<string>());
        heads.Should().BeEquivalentTo("building-block-table-GM0790", $"contract-{id}");
    }

    [Fact]
    public async Task Attack_1_an_edited_value_with_its_chain_recomputed_by_the_schemas_own_function_is_named()
    {
        var stream = await AuditedContracts.RegisteredAndAmendedAsync(api, "GM0792");
        var checkpoint = await CheckpointAsync("GM0792");

        await api.DataSource.ExecuteAsync($$"""
            ALTER TABLE mt_events DISABLE TRIGGER sroi_no_update;
            ALTER TABLE sroi_event_hashes DISABLE TRIGGER sroi_no_update;
            UPDATE mt_events SET data = jsonb_set(data, '{newValue}', '250000.00') WHERE stream_id = '{{stream}}' AND version = 2;
            {{RecomputeLinkTwo(stream)}}
            ALTER TABLE mt_events ENABLE TRIGGER sroi_no_update;
            ALTER TABLE sroi_event_hashes ENABLE TRIGGER sroi_no_update;
            """);

        // The chain alone is fooled: it recomputes to the forged hashes.
        var history = await (await (await api.ClientAsync("auditor", "GM0792")).GetAsync($"/api/v1/contracts/{stream["contract-".Length..]}/history")).ShouldBeAsync(HttpStatusCode.OK);
        history["chain"]!["intact"]!.GetValue<bool>().Should().BeTrue();

        var verification = await VerifyAsync("GM0792", checkpoint);

        verification["ok"]!.GetValue<bool>().Should().BeFalse();
        Found(verification).Should().Contain((stream, 2, "checkpoint.head-differs")).And.NotContain(d => d.Code == "chain.broken");
        // The newest checkpoint is what a plain verification holds the ledger to.
        Found(await VerifyAsync("GM0792")).Should().Contain((stream, 2, "checkpoint.head-differs"));
        // And the service signs no fresh checkpoint over the forgery (422): the signed commit head of version 2 no longer
        // matches either (SignedCommitTests has the attacks on the signed commits themselves).
        var run = await (await api.Admin().PostAsync("/api/v1/audit/checkpoints?municipality=GM0792", null)).ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        run["code"]!.GetValue<string>().Should().Be("checkpoint.refused");
        run["checkpoints"]!.AsArray().Should().BeEmpty();
        var refused = run["refused"]!.AsArray().Single()!;
        refused["against"]!.GetValue<string>().Should().Be(checkpoint["id"]!.GetValue<string>());
        refused["discrepancies"]!.AsArray().Select(d => d!["code"]!.GetValue<string>()).Should().Equal("commit.head-differs", "checkpoint.head-differs");
        (await api.DataSource.ScalarAsync<long>("SELECT count(*) FROM sroi_checkpoints WHERE municipality = 'GM0792'")).Should().Be(1);
    }

    [Fact]
    public async Task Attack_2_a_deleted_last_event_is_named_even_with_the_stream_row_and_the_leftover_hash_fixed()
    {
        var stream = await AuditedContracts.RegisteredAndAmendedAsync(api, "GM0793");
        var checkpoint = await CheckpointAsync("GM0793");

        await api.DataSource.ExecuteAsync($$"""
            ALTER TABLE mt_events DISABLE TRIGGER sroi_no_delete;
            ALTER TABLE sroi_event_hashes DISABLE TRIGGER sroi_no_delete;
            DELETE FROM mt_events WHERE stream_id = '{{stream}}' AND version = 2;
            DELETE FROM sroi_event_hashes WHERE stream_id = '{{stream}}' AND version = 2;
            UPDATE mt_streams SET version = 1 WHERE id = '{{stream}}';
            ALTER TABLE mt_events ENABLE TRIGGER sroi_no_delete;
            ALTER TABLE sroi_event_hashes ENABLE TRIGGER sroi_no_delete;
            """);

        var verification = await VerifyAsync("GM0793", checkpoint);

        verification["ok"]!.GetValue<bool>().Should().BeFalse();
        var found = Found(verification).ToList();
        // What gave the plain deletion away is gone: the stream row agrees with the events, no hash outlives its event.
        found.Should().NotContain(d => d.Code == "stream.version-mismatch" || d.Code == "events.missing" || d.Code == "chain.broken");
        found.Should().Contain((stream, 2, "checkpoint.events-lost"));
        verification["discrepancies"]!.AsArray().Single(d => d!["code"]!.GetValue<string>() == "checkpoint.events-lost")!["detail"]!.GetValue<string>()
            .Should().EndWith("lists version 2; the stream now ends at version 1.");
    }

    [Fact]
    public async Task Attack_3_edits_and_deletions_with_the_triggers_skipped_by_replica_mode_are_named()
    {
        var edited = await AuditedContracts.RegisteredAndAmendedAsync(api, "GM0794");
        var deleted = await AuditedContracts.RegisteredAndAmendedAsync(api, "GM0794");
        var checkpoint = await CheckpointAsync("GM0794");

        // No trigger fires in replica mode: not the refusals, not the chain's own.
        await api.DataSource.ExecuteAsync($$"""
            BEGIN;
            SET LOCAL session_replication_role = replica;
            UPDATE mt_events SET data = jsonb_set(data, '{newValue}', '250000.00') WHERE stream_id = '{{edited}}' AND version = 2;
            {{RecomputeLinkTwo(edited)}}
            DELETE FROM mt_events WHERE stream_id = '{{deleted}}';
            DELETE FROM sroi_event_hashes WHERE stream_id = '{{deleted}}';
            DELETE FROM mt_streams WHERE id = '{{deleted}}';
            DELETE FROM mt_doc_contract WHERE id = '{{deleted}}';
            COMMIT;
            """);
        (await api.DataSource.ScalarAsync<long>($"SELECT count(*) FROM mt_streams WHERE id = '{deleted}'")).Should().Be(0, "replica mode skipped the refusal");

        var verification = await VerifyAsync("GM0794", checkpoint);

        verification["ok"]!.GetValue<bool>().Should().BeFalse();
        Found(verification).Should().Contain((edited, 2, "checkpoint.head-differs"))
            .And.Contain((deleted, 2, "checkpoint.stream-missing"))
            .And.NotContain(d => d.Code == "chain.broken");
        // The deleted stream's signed commit heads outlive it (replica mode let them be deleted too: then only the checkpoint shows it).
        Found(verification).Should().Contain((deleted, 2, "commit.events-deleted"));
        verification["streams"]!.GetValue<long>().Should().Be(2);
    }

    [Fact]
    public async Task A_checkpoint_row_forged_in_the_database_fails_its_signature()
    {
        var stream = await AuditedContracts.RegisteredAndAmendedAsync(api, "GM0795");
        var checkpoint = await CheckpointAsync("GM0795");
        var id = checkpoint["id"]!.GetValue<string>();

        // Attack 1 again, and the checkpoint rewritten to the forged head: its signature no longer covers it.
        await api.DataSource.ExecuteAsync($$"""
            BEGIN;
            SET LOCAL session_replication_role = replica;
            UPDATE mt_events SET data = jsonb_set(data, '{newValue}', '250000.00') WHERE stream_id = '{{stream}}' AND version = 2;
            {{RecomputeLinkTwo(stream)}}
            UPDATE sroi_checkpoints c SET payload = replace(c.payload, '{{Head(checkpoint)}}',
                (SELECT encode(hash, 'hex') FROM sroi_event_hashes WHERE stream_id = '{{stream}}' AND version = 2))
            WHERE c.id = '{{id}}';
            COMMIT;
            """);
        (await api.DataSource.ScalarAsync<string>($"SELECT payload FROM sroi_checkpoints WHERE id = '{id}'")).Should().NotBe(checkpoint["payload"]!.GetValue<string>());

        var verification = await VerifyAsync("GM0795", checkpoint);

        verification["ok"]!.GetValue<bool>().Should().BeFalse();
        verification["checkpoints"]!.AsArray().Single()!["signature"]!.GetValue<string>().Should().Be("invalid");
        Found(verification).Should().NotContain(d => d.Code.StartsWith("checkpoint."), "the forged payload agrees with the forged ledger");
        Found(verification).Should().Contain((stream, 2, "commit.head-differs"), "the signed commit head does not");
        // A forged newest checkpoint is no base for a new one.
        var run = await (await api.Admin().PostAsync("/api/v1/audit/checkpoints?municipality=GM0795", null)).ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        run["refused"]!.AsArray().Single()!["reason"]!.GetValue<string>().Should().Contain("signature is invalid");
        run["refused"]![0]!["code"]!.GetValue<string>().Should().Be("checkpoint.previous-invalid");
    }

    [Fact]
    public async Task Nobody_changes_or_removes_a_checkpoint_without_skipping_the_triggers()
    {
        await AuditedContracts.RegisteredAndAmendedAsync(api, "GM0796");
        var id = (await CheckpointAsync("GM0796"))["id"]!.GetValue<string>();

        foreach (var sql in new[] { $"UPDATE sroi_checkpoints SET position = 0 WHERE id = '{id}'", $"DELETE FROM sroi_checkpoints WHERE id = '{id}'", "TRUNCATE sroi_checkpoints" })
        {
            await using var command = api.DataSource.CreateCommand(sql);
            (await FluentActions.Awaiting(() => command.ExecuteNonQueryAsync()).Should().ThrowAsync<Npgsql.PostgresException>())
                .Which.SqlState.Should().Be("SRI01", sql);
        }
    }

    [Fact]
    public async Task Auditors_list_and_verify_only_their_own_municipalitys_checkpoints_newest_first()
    {
        await AuditedContracts.RegisteredAndAmendedAsync(api, "GM0797");
        var first = await CheckpointAsync("GM0797");
        var second = await CheckpointAsync("GM0797");
        await AuditedContracts.RegisteredAndAmendedAsync(api, "GM0798");
        var elsewhere = await CheckpointAsync("GM0798");
        var auditor = await api.ClientAsync("auditor", "GM0797");

        var page = await (await auditor.GetAsync("/api/v1/audit/checkpoints?pageSize=1")).ShouldBeAsync(HttpStatusCode.OK);
        (page["total"]!.GetValue<long>(), page["page"]!.GetValue<int>(), page["pageSize"]!.GetValue<int>()).Should().Be((2, 1, 1));
        page["items"]!.AsArray().Single()!["id"]!.GetValue<string>().Should().Be(second["id"]!.GetValue<string>());
        var next = await (await auditor.GetAsync("/api/v1/audit/checkpoints?pageSize=1&page=2")).ShouldBeAsync(HttpStatusCode.OK);
        next["items"]!.AsArray().Single()!["id"]!.GetValue<string>().Should().Be(first["id"]!.GetValue<string>());
        next["items"]![0]!["signature"]!.GetValue<string>().Should().Be(first["signature"]!.GetValue<string>());

        await (await auditor.GetAsync("/api/v1/audit/checkpoints?municipality=GM0798")).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await auditor.GetAsync($"/api/v1/audit/verification?checkpoint={elsewhere["id"]}")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await auditor.GetAsync($"/api/v1/audit/verification?checkpoint={Guid.NewGuid()}")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await auditor.GetAsync("/api/v1/audit/verification?checkpoint=latest")).ShouldNameFieldAsync("checkpoint");
        await (await auditor.GetAsync("/api/v1/audit/checkpoints?pageSize=101")).ShouldNameFieldAsync("pageSize");
        await (await api.Admin().GetAsync($"/api/v1/audit/verification?checkpoint={elsewhere["id"]}&municipality=GM0797")).ShouldNameFieldAsync("checkpoint");
        (await (await api.Admin().GetAsync($"/api/v1/audit/verification?checkpoint={elsewhere["id"]}")).ShouldBeAsync(HttpStatusCode.OK))["ok"]!.GetValue<bool>().Should().BeTrue();
        var admin = await (await api.Admin().GetAsync("/api/v1/audit/checkpoints?municipality=GM0798")).ShouldBeAsync(HttpStatusCode.OK);
        admin["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).Should().Equal(elsewhere["id"]!.GetValue<string>());

        foreach (var role in new[] { "inkoop", "wsp" })
        {
            var client = await api.ClientAsync(role, "GM0797");
            await (await client.GetAsync("/api/v1/audit/checkpoints")).ShouldBeAsync(HttpStatusCode.Forbidden);
            await (await client.GetAsync("/api/v1/audit/public-key")).ShouldBeAsync(HttpStatusCode.Forbidden);
        }
        await (await auditor.PostAsync("/api/v1/audit/checkpoints", null)).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await api.Admin().PostAsync("/api/v1/audit/checkpoints?municipality=Rijswijk", null)).ShouldNameFieldAsync("municipality");
    }

    private static string Head(JsonNode checkpoint) =>
        JsonNode.Parse(checkpoint["payload"]!.GetValue<string>())!["streams"]![0]!["hash"]!.GetValue<string>();

    private async Task<JsonNode> CheckpointAsync(string municipality)
    {
        var run = await (await api.Admin().PostAsync($"/api/v1/audit/checkpoints?municipality={municipality}", null)).ShouldBeAsync(HttpStatusCode.OK);
        run["refused"]!.AsArray().Should().BeEmpty();
        return run["checkpoints"]!.AsArray().Single()!;
    }

    private async Task<JsonNode> VerifyAsync(string municipality, JsonNode? checkpoint = null) =>
        await (await (await api.ClientAsync("auditor", municipality))
            .GetAsync("/api/v1/audit/verification" + (checkpoint is null ? "" : $"?checkpoint={checkpoint["id"]}"))).ShouldBeAsync(HttpStatusCode.OK);

    private static IEnumerable<(string Stream, long Version, string Code)> Found(JsonNode verification) =>
        verification["discrepancies"]!.AsArray().Select(d => (d!["stream"]!.GetValue<string>(), d["version"]!.GetValue<long>(), d["code"]!.GetValue<string>()));
}
