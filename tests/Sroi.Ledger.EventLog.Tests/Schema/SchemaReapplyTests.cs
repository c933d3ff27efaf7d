using Npgsql;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Policies;
using static Sroi.Ledger.EventLog.Tests.EventLogDatabase;
using static Sroi.Ledger.EventLog.Tests.LedgerSamples;
using Sroi.Ledger.Api.Database;

namespace Sroi.Ledger.EventLog.Tests.Schema;

/// <summary>
/// Every start applies Marten's schema and then EventLog/event_chain.sql again where it is not in place
/// (<see cref="LedgerDatabase.PrepareAsync"/>). Marten drops what it does not know from its own tables; these tests prove it
/// leaves the chain alone, and that a start finding the chain in place leaves the event tables to the writers.
/// </summary>
public class SchemaReapplyTests(EventLogDatabase db) : IClassFixture<EventLogDatabase>
{
    // The event chain's and the refusals' triggers, and the worklist's two that keep a contract's settlement due date
    // (Worklist/worklist_order.sql): a prepare keeps them all.
    private static readonly string[] ExpectedTriggers =
    [
        "mt_doc_contract.sroi_contract_settlement_due", "mt_doc_sroipolicydocument.sroi_policy_settlement_due",
        "mt_events.sroi_chain", "mt_events.sroi_no_delete", "mt_events.sroi_no_truncate", "mt_events.sroi_no_update",
        "mt_streams.sroi_no_delete", "mt_streams.sroi_no_truncate",
        "sroi_checkpoints.sroi_no_delete", "sroi_checkpoints.sroi_no_truncate", "sroi_checkpoints.sroi_no_update",
        "sroi_commit_signatures.sroi_no_delete", "sroi_commit_signatures.sroi_no_truncate", "sroi_commit_signatures.sroi_no_update",
        "sroi_event_hashes.sroi_no_delete", "sroi_event_hashes.sroi_no_truncate", "sroi_event_hashes.sroi_no_update",
        "sroi_signing_baseline.sroi_no_delete", "sroi_signing_baseline.sroi_no_truncate", "sroi_signing_baseline.sroi_no_update",
    ];

    private async Task<IReadOnlyList<string>> EnabledTriggersAsync()
    {
        await using var command = db.DataSource.CreateCommand("""
            SELECT c.relname || '.' || t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND t.tgname LIKE 'sroi%' ORDER BY 1
            """);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }

    private Task<long> PolicyVersionAsync() => db.Events.StreamVersionAsync(Rijswijk, PolicyEvents.StreamOf(Rijswijk));

    [Fact]
    public async Task Applying_Martens_schema_and_preparing_again_keeps_the_chain_its_links_and_the_refusals()
    {
        var stream = NewStream();
        await db.Events.AppendAsync(Append(stream, 0, Registered(Rijswijk), Completed(1)));
        var before = await db.Events.ReadStreamAsync(Rijswijk, stream);
        var hashesBefore = await db.ScalarAsync("SELECT count(*) FROM sroi_event_hashes");
        var policyVersion = await PolicyVersionAsync();
        (await EnabledTriggersAsync()).Should().Equal(ExpectedTriggers);

        for (var start = 0; start < 2; start++)
        {
            // As a restart does: a store of its own (nothing cached from the first apply), then the same store again.
            using var restarted = LedgerStoreOptions.CreateStore(db.LedgerPool);
            await restarted.Storage.ApplyAllConfiguredChangesToDatabaseAsync(JasperFx.AutoCreate.CreateOrUpdate);
            (await EnabledTriggersAsync()).Should().Equal(ExpectedTriggers, "Marten's apply leaves the ledger's triggers on its tables");
            await LedgerDatabase.Existing(db.ConnectionString).PrepareAsync(db.LedgerPool, new LedgerEvents(restarted, db.LedgerPool), CancellationToken.None);
            await db.Store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(JasperFx.AutoCreate.CreateOrUpdate);
        }

        (await EnabledTriggersAsync()).Should().Equal(ExpectedTriggers);
        (await db.Events.ReadStreamAsync(Rijswijk, stream)).Should().BeEquivalentTo(before, "events and their links are kept");
        (await db.ScalarAsync("SELECT count(*) FROM sroi_event_hashes")).Should().Be(hashesBefore);
        (await PolicyVersionAsync()).Should().Be(policyVersion, "the shipped policy is seeded once");

        await db.Events.AppendAsync(Append(stream, 2, Completed(2)));
        var after = await db.Events.ReadStreamAsync(Rijswijk, stream);
        EventChainVerifier.Verify(stream, after).Should().Be(new ChainVerification(stream, 3, null));
        after[2].Hash.Should().NotBeNull();
        var update = () => db.ExecuteAsync("UPDATE mt_events SET data = '{}' WHERE stream_id = $1", stream.Value);
        (await update.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(Auditing.ImmutabilityTests.Refused);
    }

    [Fact]
    public async Task Marten_sees_no_change_to_make_to_its_event_tables_after_the_ledgers_additions()
    {
        using var restarted = LedgerStoreOptions.CreateStore(db.LedgerPool);

        var migration = await restarted.Storage.Database.CreateMigrationAsync();

        migration.Difference.Should().Be(Weasel.Core.SchemaPatchDifference.None,
            "the triggers and the hash table are not Marten's to drop or rebuild: {0}", string.Join(", ",
                migration.Deltas.Where(d => d.Difference != Weasel.Core.SchemaPatchDifference.None).Select(d => d.SchemaObject.Identifier)));
    }

    [Fact]
    public async Task Several_nodes_preparing_at_once_is_harmless()
    {
        var stores = Enumerable.Range(0, 3).Select(_ => LedgerStoreOptions.CreateStore(db.LedgerPool)).ToList();
        try
        {
            await Task.WhenAll(stores.Select(store => Task.Run(() =>
                LedgerDatabase.Existing(db.ConnectionString).PrepareAsync(db.LedgerPool, new LedgerEvents(store, db.LedgerPool), CancellationToken.None))));
        }
        finally
        {
            foreach (var store in stores) store.Dispose();
        }

        (await EnabledTriggersAsync()).Should().Equal(ExpectedTriggers);
        var stream = NewStream();
        await db.Events.AppendAsync(Append(stream, 0, Registered(Rijswijk)));
        EventChainVerifier.Verify(stream, await db.Events.ReadStreamAsync(Rijswijk, stream)).IsIntact.Should().BeTrue();
        (await db.ScalarAsync("SELECT count(*) FROM mt_streams WHERE id = $1", PolicyEvents.StreamOf(Rijswijk).Value)).Should().Be(1);
    }

    private Task PrepareAgainAsync()
    {
        var restarted = LedgerStoreOptions.CreateStore(db.LedgerPool);
        return LedgerDatabase.Existing(db.ConnectionString).PrepareAsync(db.LedgerPool, new LedgerEvents(restarted, db.LedgerPool), CancellationToken.None)
            .ContinueWith(t => { restarted.Dispose(); return t; }, TaskScheduler.Default).Unwrap();
    }

    [Fact]
    public async Task A_start_that_finds_the_chain_in_place_leaves_the_event_tables_to_the_writers()
    {
        await PrepareAgainAsync();
        var applied = await db.ScalarAsync("SELECT (extract(epoch FROM applied_at) * 1000000)::bigint FROM sroi_schema_scripts WHERE name LIKE '%event_chain.sql'");

        // Another node's append in flight holds the event tables as every append does; re-creating a trigger would wait for
        // it (and, in another order of locks, deadlock with it).
        await using var writer = await db.DataSource.OpenConnectionAsync();
        await using var appending = await writer.BeginTransactionAsync();
        await using (var lockTables = new NpgsqlCommand("LOCK TABLE mt_streams, mt_events IN ROW EXCLUSIVE MODE", writer, appending))
            await lockTables.ExecuteNonQueryAsync();

        await PrepareAgainAsync().WaitAsync(TimeSpan.FromSeconds(60));

        (await db.ScalarAsync("SELECT (extract(epoch FROM applied_at) * 1000000)::bigint FROM sroi_schema_scripts WHERE name LIKE '%event_chain.sql'")).Should().Be(applied,
            "the same script with every trigger in place is not applied again");
        await appending.RollbackAsync();
    }

    [Fact]
    public async Task A_start_puts_back_a_trigger_that_was_taken_away()
    {
        await PrepareAgainAsync();
        // As Marten re-creating one of its tables would: the ledger's trigger on it is gone.
        await db.ExecuteAsync("DROP TRIGGER sroi_no_truncate ON mt_streams");

        await PrepareAgainAsync();

        (await EnabledTriggersAsync()).Should().Equal(ExpectedTriggers);
    }

    [Fact]
    public async Task A_start_puts_back_the_contract_lists_ordered_index_that_was_taken_away()
    {
        await PrepareAgainAsync();
        const string exists = "SELECT count(*) FROM pg_indexes WHERE tablename = 'mt_doc_contract' AND indexname = 'sroi_contract_list_awarded'";
        (await db.ScalarAsync(exists)).Should().Be(1, "a prepared database has the list's index (ReadingContracts/contract_list_order.sql)");
        // As Marten re-creating its table, or someone dropping the index, would.
        await db.ExecuteAsync("DROP INDEX sroi_contract_list_awarded");

        await PrepareAgainAsync();

        (await db.ScalarAsync(exists)).Should().Be(1, "the start's version check finds it missing and applies the script again");
    }
}
