using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sroi.Ledger.Api.Contracts.ReadingContracts;

namespace Sroi.Ledger.Api.Tests.Contracts;

/// <summary>
/// Issue 23: the contract list's total counted up to a bound (an estimate beyond it), and the list columns' backfill run
/// once per version at start-up rather than scanning the table at every start.
/// </summary>
[Collection(ApiCollection.Name)]
public class ContractListCountAndBackfillTests(LedgerApi api)
{
    private static async Task<string> RegisterAsync(HttpClient inkoop, JsonObject body) =>
        (await (await inkoop.PostJsonAsync("/api/v1/contracts", body)).ShouldBeAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();

    [Fact]
    public async Task A_small_list_has_an_exact_total()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var word = ContractBodies.UniqueLetters(10);
        await RegisterAsync(inkoop, ContractBodies.Registration().With("title", $"Telling {word}"));
        await RegisterAsync(inkoop, ContractBodies.Registration().With("title", $"Telling {word}"));

        var page = await (await inkoop.GetAsync($"/api/v1/contracts?q={word}&pageSize=1")).ShouldBeAsync(HttpStatusCode.OK);
        page["total"]!.GetValue<long>().Should().Be(2);
        page["totalIsExact"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Beyond_the_bound_the_total_is_an_estimate_never_below_the_bound()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var id = await RegisterAsync(inkoop, ContractBodies.Registration().With("title", "Model voor de telling"));
        // 1,001 copies of that row in a municipality of their own, inside a transaction that is rolled back: the shared
        // database's other tests never see them.
        await using var connection = await api.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var copies = new NpgsqlCommand("""
            INSERT INTO mt_doc_contract
            SELECT (jsonb_populate_record(c, to_jsonb(c) || jsonb_build_object(
                'id', 'contract-' || gen_random_uuid(), 'tenant_id', 'GM9977', 'reference', 'TELLING-' || n))).*
            FROM mt_doc_contract c, generate_series(1, 1001) AS n WHERE c.id = $1
            """, connection))
        {
            copies.Parameters.Add(new NpgsqlParameter { Value = $"contract-{id}" });
            (await copies.ExecuteNonQueryAsync()).Should().Be(1001);
        }
        await using (var analyze = new NpgsqlCommand("ANALYZE mt_doc_contract", connection)) await analyze.ExecuteNonQueryAsync();

        var (total, exact) = await ContractCount.CountAsync(connection, "tenant_id = $1", ["GM9977"], seen: 20, CancellationToken.None);
        exact.Should().BeFalse();
        total.Should().BeGreaterThan(ContractCount.ExactUpTo);

        var (few, fewExact) = await ContractCount.CountAsync(connection, "tenant_id = $1 AND reference LIKE $2", ["GM9977", "TELLING-100_"], seen: 0, CancellationToken.None);
        (few, fewExact).Should().Be((2L, true), "TELLING-1000 and TELLING-1001 match: exact below the bound");
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task The_backfill_runs_once_per_version_and_leaves_a_marker_in_the_schema()
    {
        var inkoop = await api.ClientAsync("inkoop");
        var word = ContractBodies.UniqueLetters(10);
        var id = await RegisterAsync(inkoop, ContractBodies.Registration().With("title", $"Na de start {word}"));
        var store = api.Services.GetRequiredService<Marten.IDocumentStore>();
        await EmptyColumnsAsync(id);

        // The service's start ran it and left its marker: another start does not scan.
        (await ContractListColumnsBackfill.RunOnceAsync(store, api.DataSource, CancellationToken.None)).Should().BeNull();
        (await PendingReportsAsync(id)).Should().BeNull("the marker said there was nothing to do: the table was not read");

        // A database the marker's version has not run on: it fills, and marks.
        await using (var unmark = api.DataSource.CreateCommand("DELETE FROM schema_migrations WHERE component = $1"))
        {
            unmark.Parameters.Add(new NpgsqlParameter { Value = ContractListColumnsBackfill.Component });
            (await unmark.ExecuteNonQueryAsync()).Should().Be(1);
        }
        (await ContractListColumnsBackfill.RunOnceAsync(store, api.DataSource, CancellationToken.None)).Should().BeGreaterThanOrEqualTo(1);
        (await PendingReportsAsync(id)).Should().Be("[]");
        await using var marker = api.DataSource.CreateCommand("SELECT version FROM schema_migrations WHERE component = $1");
        marker.Parameters.Add(new NpgsqlParameter { Value = ContractListColumnsBackfill.Component });
        ((int)(await marker.ExecuteScalarAsync())!).Should().Be(ContractListColumnsBackfill.Version);
        (await ContractListColumnsBackfill.RunOnceAsync(store, api.DataSource, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task The_pending_reports_column_has_no_btree_over_the_array_and_the_schema_matches_its_configuration()
    {
        var definitions = new List<string>();
        await using (var indexes = api.DataSource.CreateCommand(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'mt_doc_contract' AND indexdef LIKE '%pending_reports%'"))
        await using (var reader = await indexes.ExecuteReaderAsync())
            while (await reader.ReadAsync()) definitions.Add(reader.GetString(0));
        definitions.Should().ContainSingle().Which.Should().Contain("USING gin (pending_reports jsonb_path_ops)").And.Contain("WHERE (pending_reports <> '[]'::jsonb)",
            "no btree over the array itself, whose entries have a size limit a contract with many pending reports could pass");

        // A start compares the schema with the configuration: the partial index must not read as changed at every start.
        var store = api.Services.GetRequiredService<Marten.IDocumentStore>();
        var feature = ((Marten.StoreOptions)store.Options).Storage.FindFeature(typeof(Sroi.Ledger.Api.Contracts.ContractDocument));
        var migration = await store.Storage.Database.CreateMigrationAsync(feature, CancellationToken.None);
        migration.Difference.Should().Be(Weasel.Core.SchemaPatchDifference.None);
    }

    private async Task EmptyColumnsAsync(string id)
    {
        await using var empty = api.DataSource.CreateCommand("UPDATE mt_doc_contract SET search_text = NULL, pending_reports = NULL WHERE id = $1");
        empty.Parameters.Add(new NpgsqlParameter { Value = $"contract-{id}" });
        (await empty.ExecuteNonQueryAsync()).Should().Be(1);
    }

    private async Task<string?> PendingReportsAsync(string id)
    {
        await using var read = api.DataSource.CreateCommand("SELECT pending_reports::text FROM mt_doc_contract WHERE id = $1");
        read.Parameters.Add(new NpgsqlParameter { Value = $"contract-{id}" });
        return await read.ExecuteScalarAsync() as string;
    }
}
