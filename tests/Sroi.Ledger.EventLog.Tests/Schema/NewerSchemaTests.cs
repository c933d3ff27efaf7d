using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Api.Database;
using Sroi.Ledger.Api.EventLog;
using static Sroi.Ledger.EventLog.Tests.EventLogDatabase;
using static Sroi.Ledger.EventLog.Tests.LedgerSamples;

namespace Sroi.Ledger.EventLog.Tests.Schema;

/// <summary>
/// An older build's node restarting during a rolling upgrade, after a newer build prepared the database
/// (<see cref="NewerSchema"/>): Marten's apply would drop the newer build's columns and indexes from its tables, so the older
/// build finds them first and leaves the schema as it is. Its own class: the "newer build" changes this database's schema.
/// </summary>
public class NewerSchemaTests(EventLogDatabase db) : IClassFixture<EventLogDatabase>
{
    private const string NewerColumn = "owner_note";
    private const string NewerIndex = "mt_doc_contract_idx_owner_note";
    private const string NewerScript = "Sroi.Ledger.Api.Schema.999_a_newer_build.sql";

    /// <summary>
    /// What a newer build's preparation leaves (its own configuration is not this test's to run: the preparation builds
    /// the store it applies from the shipped configuration): one more duplicated column on the contracts' table with Marten's
    /// index on it, a numbered script this build does not ship, and its fingerprint.
    /// </summary>
    private async Task NewerBuildPreparedAsync()
    {
        await db.ExecuteAsync($"ALTER TABLE {ContractStorage.Table} ADD COLUMN {NewerColumn} text");
        await db.ExecuteAsync($"CREATE INDEX {NewerIndex} ON {ContractStorage.Table} ({NewerColumn})");
        await db.ExecuteAsync($"INSERT INTO schema_migrations (component, version, script) VALUES ('{SchemaMigrations.ApiComponent}', 999, '{NewerScript}')");
        await db.ExecuteAsync("UPDATE sroi_schema_scripts SET sha256 = 'a newer build' WHERE name = $1", PreparedSchema.RecordName);
    }

    private async Task<SchemaPreparation> StartAsync()
    {
        using var store = LedgerStoreOptions.CreateStore(db.LedgerPool);
        return await LedgerDatabase.Existing(db.ConnectionString).PrepareAsync(db.LedgerPool, new LedgerEvents(store, db.LedgerPool), CancellationToken.None);
    }

    [Fact]
    public async Task An_older_build_restarting_on_a_newer_builds_schema_leaves_its_columns_indexes_and_record_alone()
    {
        await NewerBuildPreparedAsync();

        var older = await StartAsync();

        older.Prepared.Should().BeFalse();
        older.LeftToNewerBuild.Should().Equal($"script {NewerScript}");
        (await db.ScalarAsync($"SELECT count(*) FROM information_schema.columns WHERE table_name = '{ContractStorage.Table}' AND column_name = '{NewerColumn}'"))
            .Should().Be(1, "the newer build's column is kept");
        (await db.ScalarAsync($"SELECT count(*) FROM pg_indexes WHERE indexname = '{NewerIndex}'")).Should().Be(1, "and its index");
        (await db.DataSource.ScalarAsync<string?>("SELECT sha256 FROM sroi_schema_scripts WHERE name = $1", PreparedSchema.RecordName))
            .Should().Be("a newer build", "the newer build's version check still finds its own schema");

        // The older build still appends on the newer schema, chained.
        var stream = NewStream();
        await db.Events.AppendAsync(Append(stream, 0, Registered(Rijswijk)));
        EventChainVerifier.Verify(stream, await db.Events.ReadStreamAsync(Rijswijk, stream)).IsIntact.Should().BeTrue();

        // Rolled back by hand (the newer build's objects removed): this build prepares fully and records itself again.
        await db.ExecuteAsync($"ALTER TABLE {ContractStorage.Table} DROP COLUMN {NewerColumn}");
        await db.ExecuteAsync("DELETE FROM schema_migrations WHERE version = 999");
        (await StartAsync()).Should().BeEquivalentTo(new SchemaPreparation(Prepared: true, LeftToNewerBuild: []));
        (await StartAsync()).Should().Be(SchemaPreparation.InPlace);
    }

    /// <summary>
    /// Scripts this build no longer ships are an earlier build's, not a newer one's: 003_sroi_policies and 022_ambitions were
    /// deleted (f40b9a2, 2e01dd4) once Marten kept those folds, and every database made before then still records them. A
    /// row in <c>schema_migrations</c> no build would write (by hand, a script of another name or number) is no build's
    /// either. Neither may make this build skip the preparation it needs (its own newer scripts, Marten's new tables).
    /// </summary>
    [Fact]
    public async Task Scripts_an_earlier_build_shipped_and_rows_by_hand_do_not_pass_for_a_newer_build()
    {
        await db.ExecuteAsync($"""
            INSERT INTO schema_migrations (component, version, script) VALUES
                ('{SchemaMigrations.ApiComponent}', 3, 'Sroi.Ledger.Api.Schema.003_sroi_policies.sql'),
                ('{SchemaMigrations.ApiComponent}', 22, 'Sroi.Ledger.Api.Schema.022_ambitions.sql'),
                ('{SchemaMigrations.ApiComponent}', 998, 'hotfix by hand')
            ON CONFLICT DO NOTHING
            """);
        // A script of this build's lost (as on a database an earlier build made), and the fingerprint no longer this build's.
        await db.ExecuteAsync("DELETE FROM schema_migrations WHERE component = $1 AND version = 140", SchemaMigrations.ApiComponent);
        await db.ExecuteAsync("DROP TABLE IF EXISTS fulfilment_streams");
        await db.ExecuteAsync("UPDATE sroi_schema_scripts SET sha256 = 'an earlier build' WHERE name = $1", PreparedSchema.RecordName);

        try
        {
            (await StartAsync()).Should().BeEquivalentTo(new SchemaPreparation(Prepared: true, LeftToNewerBuild: []),
                "an earlier build's scripts and a row by hand are no newer build's: this build prepares, its script 140 among it");
            (await db.ScalarAsync("SELECT count(*) FROM pg_tables WHERE tablename = 'fulfilment_streams'")).Should().Be(1);
        }
        finally
        {
            // Whatever the outcome, the class's other test finds this build's schema whole.
            await db.ExecuteAsync("DELETE FROM schema_migrations WHERE component = $1 AND version IN (3, 22, 998)", SchemaMigrations.ApiComponent);
            await StartAsync();
        }
    }

    /// <summary>
    /// A newer build whose only change is a function of a script applied whenever its text changes (Worklist/worklist_order.sql)
    /// ships it with a numbered script (<see cref="ReappliedScriptsRecord"/> and its test make it so): an older build
    /// restarting finds that script, leaves the schema alone and does not put its own function back under the newer nodes.
    /// Without the numbered script it did: <see cref="NewerSchema"/> compares numbered scripts only, the script's recorded
    /// hash was not the older build's own, and it applied its text again.
    /// </summary>
    [Fact]
    public async Task An_older_build_restarting_after_a_newer_build_changed_only_a_function_leaves_that_function()
    {
        const string FunctionScript = "Sroi.Ledger.Api.Schema.997_policy_terms_lock_again.sql";
        const string Newer = "-- as a newer build replaced it";
        await db.ExecuteAsync($"""
            CREATE OR REPLACE FUNCTION sroi_policy_terms_lock(tenant text) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
                SELECT hashtextextended('sroi-policy-terms:' || tenant, 0) {Newer}
            $$
            """);
        await db.ExecuteAsync("UPDATE sroi_schema_scripts SET sha256 = 'a newer build' WHERE name LIKE '%.' || $1", Sroi.Ledger.Api.Worklist.WorklistOrderSchema.Script);
        await db.ExecuteAsync($"INSERT INTO schema_migrations (component, version, script) VALUES ('{SchemaMigrations.ApiComponent}', 997, '{FunctionScript}')");
        await db.ExecuteAsync("UPDATE sroi_schema_scripts SET sha256 = 'a newer build' WHERE name = $1", PreparedSchema.RecordName);
        try
        {
            var older = await StartAsync();

            older.Prepared.Should().BeFalse();
            older.LeftToNewerBuild.Should().Equal($"script {FunctionScript}");
            (await db.DataSource.ScalarAsync<string?>("SELECT prosrc FROM pg_proc WHERE proname = 'sroi_policy_terms_lock'")).Should().Contain(Newer,
                "the newer build's function is kept");
        }
        finally
        {
            // Rolled back by hand: this build prepares fully, its own function again, for the class's other tests.
            await db.ExecuteAsync("DELETE FROM schema_migrations WHERE component = $1 AND version = 997", SchemaMigrations.ApiComponent);
            await StartAsync();
        }
        (await db.DataSource.ScalarAsync<string?>("SELECT prosrc FROM pg_proc WHERE proname = 'sroi_policy_terms_lock'")).Should().NotContain(Newer);
    }
}
