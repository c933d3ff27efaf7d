using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Sroi.Ledger.Api.Tests.Contracts;

namespace Sroi.Ledger.Api.Tests.Auditing;

/// <summary>
/// Every commit signs its new chain heads with the service's key, so someone who controls the database but not the key
/// cannot add, edit or remove an event unnoticed, and gets no checkpoint signed over it. Each attack is made as the schema's
/// owner (a superuser on the test cluster), in a municipality of its own (GM0741–GM0746).
/// </summary>
[Collection(ApiCollection.Name)]
public class SignedCommitTests(LedgerApi api)
{
    [Fact]
    public async Task Writes_over_http_sign_each_new_head_in_their_own_commit_and_the_ledger_verifies()
    {
        const string municipality = "GM0746";
        var kvk = ContractBodies.UniqueKvk();
        var wsp = await api.ClientAsync("wsp", municipality);
        await (await wsp.PostJsonAsync("/api/v1/building-block-tables", BuildingBlocks.BuildingBlockTableTests.Table(municipality: municipality)))
            .ShouldBeAsync(HttpStatusCode.Created);
        var inkoop = await api.ClientAsync("inkoop", municipality);
        var body = ContractBodies.Registration(200_000m, kvk: kvk).With("sroi", new JsonObject { ["percentage"] = 5, ["reason"] = "Beleid van de gemeente" });
        var id = (await (await inkoop.PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var contractor = await api.ClientAsync("opdrachtnemer", municipality, kvk);
        var report = await (await contractor.PostJsonAsync($"/api/v1/contracts/{id}/fulfilments", Fulfilments.FulfilmentBodies.Training(1_250m)))
            .ShouldBeAsync(HttpStatusCode.Created);
        await (await wsp.PostJsonAsync($"/api/v1/contracts/{id}/fulfilments/{report["id"]}/acceptance", new JsonObject()))
            .ShouldBeAsync(HttpStatusCode.OK);
        var stream = $"contract-{id}";

        // One signed head per commit: the registration, the report, the acceptance; each with the hash the chain holds.
        var heads = await RowsAsync($"""
            SELECT c.version, c.kind, c.key_fingerprint, encode(c.hash, 'hex') = encode(h.hash, 'hex'), c.tenant_id, encode(c.hash, 'hex'), encode(c.signature, 'base64')
            FROM sroi_commit_signatures c JOIN sroi_event_hashes h USING (tenant_id, stream_id, version)
            WHERE c.stream_id = '{stream}' ORDER BY c.version
            """);
        heads.Select(h => (long)h[0]).Should().Equal(1, 2, 3);
        heads.Should().OnlyContain(h => (string)h[1] == "commit" && (bool)h[3] && (string)h[4] == municipality);

        // Offline, with the public key: the signature covers the kind, municipality, stream, version and hash.
        var key = await (await (await api.ClientAsync("auditor", municipality)).GetAsync("/api/v1/audit/public-key")).ShouldBeAsync(HttpStatusCode.OK);
        heads.Should().OnlyContain(h => (string)h[2] == key["fingerprint"]!.GetValue<string>());
        using var publicKey = ECDsa.Create();
        publicKey.ImportFromPem(key["publicKeyPem"]!.GetValue<string>());
        var last = heads[^1];
        var signed = $"sroi-ledger-head/1\ncommit\n{municipality}\n{stream}\n3\n{last[5]}";
        var signature = Convert.FromBase64String(((string)last[6]).Replace("\n", ""));
        publicKey.VerifyData(Encoding.UTF8.GetBytes(signed), signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence).Should().BeTrue();
        publicKey.VerifyData(Encoding.UTF8.GetBytes(signed.Replace("\n3\n", "\n4\n")), signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
            .Should().BeFalse("a signature names its version");

        var verification = await VerifyAsync(municipality);
        verification["ok"]!.GetValue<bool>().Should().BeTrue(verification.ToJsonString());
        verification["discrepancies"]!.AsArray().Should().BeEmpty();
        // The fixture's database started with signing: no baseline was needed for anything recorded before it.
        verification["signingBaseline"]!["heads"]!.GetValue<int>().Should().Be(0);
        (await (await api.Admin().PostAsync($"/api/v1/audit/checkpoints?municipality={municipality}", null)).ShouldBeAsync(HttpStatusCode.OK))
            ["checkpoints"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task A_copy_of_the_last_event_inserted_at_the_next_version_is_named_unsigned_and_no_checkpoint_is_signed_over_it()
    {
        const string municipality = "GM0741";
        var stream = await AuditedContracts.RegisteredAndAmendedAsync(api, municipality);
        await CheckpointAsync(municipality);

        await api.DataSource.ExecuteAsync(Forgery.CopyAtNextVersion(stream, 2));

        var verification = await VerifyAsync(municipality);
        verification["ok"]!.GetValue<bool>().Should().BeFalse();
        // The chain trigger hashed the copy, so the chain holds; the read model may be rebuilt to agree with it (the probe
        // did): what no rebuild can supply is the signed head.
        Found(verification).Should().NotContain(d => d.Code == "chain.broken");
        Found(verification).Where(d => d.Code.StartsWith("commit.")).Should().Equal((stream, 3, "commit.unsigned"));

        var refusal = await RefusedAsync(municipality);
        refusal["refused"]![0]!["code"]!.GetValue<string>().Should().Be("checkpoint.unverified-ledger");
        refusal["refused"]![0]!["discrepancies"]!.AsArray().Select(d => (d!["version"]!.GetValue<long>(), d["code"]!.GetValue<string>()))
            .Should().Equal((3, "commit.unsigned"));
        (await api.DataSource.ScalarAsync<long>($"SELECT count(*) FROM sroi_checkpoints WHERE municipality = '{municipality}'")).Should().Be(1);
    }

    [Fact]
    public async Task An_edited_event_whose_chain_was_recomputed_is_named_and_no_checkpoint_is_signed_over_it()
    {
        const string municipality = "GM0742";
        var stream = await AuditedContracts.RegisteredAndAmendedAsync(api, municipality);

        await api.DataSource.ExecuteAsync(Forgery.EditAndRechain(stream, 1, "{contractValue}", "\"100000.00\""));

        var verification = await VerifyAsync(municipality);
        verification["ok"]!.GetValue<bool>().Should().BeFalse();
        // The chain holds (it was recomputed), but neither signed head matches it any more.
        Found(verification).Should().Contain((stream, 1, "commit.head-differs")).And.Contain((stream, 2, "commit.head-differs"))
            .And.NotContain(d => d.Code == "chain.broken" || d.Code == "commit.unsigned");

        var refusal = await RefusedAsync(municipality);
        refusal["refused"]![0]!["code"]!.GetValue<string>().Should().Be("checkpoint.unverified-ledger");
        refusal["refused"]![0]!["reason"]!.GetValue<string>().Should().Contain("no checkpoint is signed");
        (await api.DataSource.ScalarAsync<long>($"SELECT count(*) FROM sroi_checkpoints WHERE municipality = '{municipality}'")).Should().Be(0);

        // An edit that leaves the chain broken is refused just the same.
        var other = await AuditedContracts.RegisteredAndAmendedAsync(api, municipality);
        await api.DataSource.ExecuteAsync($$"""
            ALTER TABLE mt_events DISABLE TRIGGER sroi_no_update;
            UPDATE mt_events SET data = jsonb_set(data, '{newValue}', '250000.00') WHERE stream_id = '{{other}}' AND version = 2;
            ALTER TABLE mt_events ENABLE TRIGGER sroi_no_update;
            """);
        var broken = (await RefusedAsync(municipality))["refused"]![0]!["discrepancies"]!.AsArray()
            .Select(d => (d!["stream"]!.GetValue<string>(), d["version"]!.GetValue<long>(), d["code"]!.GetValue<string>()));
        broken.Should().Contain((other, 2, "chain.broken")).And.Contain((other, 2, "commit.head-differs"));
    }

    [Fact]
    public async Task Deleted_last_events_are_named_as_deleted_by_the_signed_head_left_behind()
    {
        const string municipality = "GM0743";
        var stream = await AuditedContracts.RegisteredAndAmendedAsync(api, municipality);
        var id = stream["contract-".Length..];
        await (await (await api.ClientAsync("inkoop", municipality)).PostJsonAsync($"/api/v1/contracts/{id}/amendments",
            new JsonObject { ["contractValue"] = 320_000, ["effectiveOn"] = "2024-10-01", ["reason"] = "meerwerk" })).ShouldBeAsync(HttpStatusCode.OK);

        await api.DataSource.ExecuteAsync(Forgery.DeleteFrom(stream, 2, tracesToo: false));

        var verification = await VerifyAsync(municipality);
        verification["ok"]!.GetValue<bool>().Should().BeFalse();
        Found(verification).Where(d => d.Code.StartsWith("commit.")).Should().Equal((stream, 2, "commit.events-deleted"), (stream, 3, "commit.events-deleted"));
        verification["discrepancies"]!.AsArray().First(d => d!["code"]!.GetValue<string>() == "commit.events-deleted")!["detail"]!.GetValue<string>()
            .Should().Contain("ends at version 1");
        (await RefusedAsync(municipality))["refused"]![0]!["code"]!.GetValue<string>().Should().Be("checkpoint.unverified-ledger");
    }

    [Fact]
    public async Task With_every_checkpoint_row_deleted_the_signer_still_refuses_forged_streams_and_events()
    {
        const string municipality = "GM0744";
        var stream = await AuditedContracts.RegisteredAndAmendedAsync(api, municipality);
        await CheckpointAsync(municipality);

        await api.DataSource.ExecuteAsync(Forgery.CopyAtNextVersion(stream, 2));
        var forged = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            forged.Add($"contract-{Guid.NewGuid()}");
            await api.DataSource.ExecuteAsync(Forgery.NewStreamFrom(stream, forged[^1]));
        }
        await api.DataSource.ExecuteAsync(Forgery.DeleteCheckpoints(municipality));

        var refusal = await RefusedAsync(municipality);
        var refused = refusal["refused"]!.AsArray().Single()!;
        refused["code"]!.GetValue<string>().Should().Be("checkpoint.unverified-ledger");
        refused["against"].Should().BeNull("no checkpoint is left to compare with");
        refused["discrepancies"]!.AsArray().Select(d => (d!["stream"]!.GetValue<string>(), d["version"]!.GetValue<long>(), d["code"]!.GetValue<string>()))
            .Should().BeEquivalentTo(forged.Select(f => (f, 1L, "commit.unsigned")).Append((stream, 3L, "commit.unsigned")));
        (await api.DataSource.ScalarAsync<long>($"SELECT count(*) FROM sroi_checkpoints WHERE municipality = '{municipality}'")).Should().Be(0);
    }

    [Fact]
    public async Task A_checkpoint_copy_kept_outside_the_database_shows_a_rewrite_the_database_alone_cannot()
    {
        const string municipality = "GM0745";
        var inkoop = await api.ClientAsync("inkoop", municipality);
        var body = ContractBodies.Registration(200_000m).With("sroi", new JsonObject { ["percentage"] = 5, ["reason"] = "Beleid van de gemeente" });
        var id = (await (await inkoop.PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var stream = $"contract-{id}";
        var registered = await api.DataSource.ScalarAsync<string>($"SELECT data::text FROM mt_doc_contract WHERE id = '{stream}'");
        await (await inkoop.PostJsonAsync($"/api/v1/contracts/{id}/amendments",
            new JsonObject { ["contractValue"] = 300_000, ["effectiveOn"] = "2024-09-01", ["reason"] = "meerwerk" })).ShouldBeAsync(HttpStatusCode.OK);
        var copy = await CheckpointAsync(municipality);

        // Everything the last commit left removed — its event, chain hash and signed head — the checkpoints deleted, the read
        // model set back to what the remaining events fold to: the database agrees with itself again.
        await api.DataSource.ExecuteAsync(Forgery.DeleteFrom(stream, 2, tracesToo: true));
        await api.DataSource.ExecuteAsync(Forgery.DeleteCheckpoints(municipality));
        await api.DataSource.ExecuteAsync($"UPDATE mt_doc_contract SET data = '{registered.Replace("'", "''")}'::jsonb WHERE id = '{stream}'");
        (await VerifyAsync(municipality))["ok"]!.GetValue<bool>().Should().BeTrue("the database alone cannot show it");

        var auditor = await api.ClientAsync("auditor", municipality);
        var against = await (await auditor.PostJsonAsync("/api/v1/audit/verification", copy)).ShouldBeAsync(HttpStatusCode.OK);
        against["ok"]!.GetValue<bool>().Should().BeFalse();
        Found(against).Should().Equal((stream, 2, "checkpoint.events-lost"));
        against["checkpoints"]!.AsArray().Single()!["signature"]!.GetValue<string>().Should().Be("valid");
        against["checkpoints"]![0]!["id"]!.GetValue<string>().Should().Be(copy["id"]!.GetValue<string>());

        // A copy that is not the service's, or of another municipality, or no checkpoint at all.
        var altered = copy.DeepClone().AsObject();
        altered["payload"] = copy["payload"]!.GetValue<string>().Replace("\"version\":2", "\"version\":1");
        (await (await auditor.PostJsonAsync("/api/v1/audit/verification", altered)).ShouldBeAsync(HttpStatusCode.UnprocessableEntity))
            ["code"]!.GetValue<string>().Should().Be("checkpoint.copy-not-signed");
        await (await (await api.ClientAsync("auditor", "GM0741")).PostJsonAsync("/api/v1/audit/verification", copy)).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await auditor.PostJsonAsync("/api/v1/audit/verification", new JsonObject { ["signature"] = "!!" })).ShouldNameFieldAsync("payload");
        await (await auditor.PostJsonAsync("/api/v1/audit/verification", new JsonObject { ["payload"] = copy["payload"]!.GetValue<string>(), ["signature"] = "!!" }))
            .ShouldNameFieldAsync("signature");
        await (await (await api.ClientAsync("wsp", municipality)).PostJsonAsync("/api/v1/audit/verification", copy)).ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    private async Task<JsonNode> CheckpointAsync(string municipality)
    {
        var run = await (await api.Admin().PostAsync($"/api/v1/audit/checkpoints?municipality={municipality}", null)).ShouldBeAsync(HttpStatusCode.OK);
        return run["checkpoints"]!.AsArray().Single()!;
    }

    /// <summary>The refusal: a 422 problem with the stable code, naming the municipality.</summary>
    private async Task<JsonNode> RefusedAsync(string municipality)
    {
        var response = await api.Admin().PostAsync($"/api/v1/audit/checkpoints?municipality={municipality}", null);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.ShouldBeAsync(HttpStatusCode.UnprocessableEntity);
        problem["code"]!.GetValue<string>().Should().Be("checkpoint.refused");
        problem["refused"]!.AsArray().Single()!["municipality"]!.GetValue<string>().Should().Be(municipality);
        problem["checkpoints"]!.AsArray().Should().BeEmpty();
        return problem;
    }

    private async Task<JsonNode> VerifyAsync(string municipality) =>
        await (await (await api.ClientAsync("auditor", municipality)).GetAsync("/api/v1/audit/verification")).ShouldBeAsync(HttpStatusCode.OK);

    private static IEnumerable<(string Stream, long Version, string Code)> Found(JsonNode verification) =>
        verification["discrepancies"]!.AsArray().Select(d => (d!["stream"]!.GetValue<string>(), d["version"]!.GetValue<long>(), d["code"]!.GetValue<string>()));

    private async Task<List<object[]>> RowsAsync(string sql)
    {
        await using var command = api.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }
        return rows;
    }
}
