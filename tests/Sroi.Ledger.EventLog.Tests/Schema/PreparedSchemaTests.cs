using Marten;
using Sroi.Ledger.Api.Database;
using Sroi.Ledger.Api.EventLog;
using static Sroi.Ledger.EventLog.Tests.EventLogDatabase;
using static Sroi.Ledger.EventLog.Tests.LedgerSamples;

namespace Sroi.Ledger.EventLog.Tests.Schema;

/// <summary>
/// The start-up's version check (<see cref="PreparedSchema"/>): a restart of the same build finds its fingerprint recorded
/// and inspects nothing; a database prepared by another build (a different fingerprint), or by none that recorded one,
/// is prepared fully as before, and recorded. The fixture's start has prepared this database (and recorded it).
/// </summary>
public class PreparedSchemaTests(EventLogDatabase db) : IClassFixture<EventLogDatabase>
{
    /// <summary>A document type that only a "later build" configures: its Marten schema differs from this one's.</summary>
    public sealed record UpgradeProbe(Guid Id, string Name);

    private async Task<bool> RestartAsync(Action<StoreOptions>? laterBuild = null)
    {
        var options = LedgerStoreOptions.Configure(new StoreOptions(), db.LedgerPool);
        laterBuild?.Invoke(options);
        using var restarted = new DocumentStore(options);
        return (await LedgerDatabase.Existing(db.ConnectionString).PrepareAsync(db.LedgerPool, new LedgerEvents(restarted, db.LedgerPool), CancellationToken.None)).Prepared;
    }

    private async Task<string> PendingReportsIndexAsync()
    {
        await using var command = db.DataSource.CreateCommand(
            "SELECT coalesce(string_agg(indexname, ','), '') FROM pg_indexes WHERE tablename = 'mt_doc_contract' AND indexdef LIKE '%pending_reports%'");
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string?> RecordedAsync()
    {
        await using var command = db.DataSource.CreateCommand("SELECT sha256 FROM sroi_schema_scripts WHERE name = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = PreparedSchema.RecordName });
        return (string?)await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task The_fingerprint_is_the_same_for_the_same_configuration_and_differs_when_Martens_schema_or_the_service_role_does()
    {
        using var first = LedgerStoreOptions.CreateStore(db.LedgerPool);
        using var second = LedgerStoreOptions.CreateStore(db.LedgerPool);
        var options = LedgerStoreOptions.Configure(new StoreOptions(), db.LedgerPool);
        options.RegisterDocumentType<UpgradeProbe>();
        using var later = new DocumentStore(options);

        var fingerprint = await PreparedSchema.ComputeAsync(first, null);

        fingerprint.Should().MatchRegex("^[0-9a-f]{64}$");
        (await PreparedSchema.ComputeAsync(second, null)).Should().Be(fingerprint, "a restart of the same build computes the same, without a database");
        (await PreparedSchema.ComputeAsync(later, null)).Should().NotBe(fingerprint, "a build with another document table must prepare");
        (await PreparedSchema.ComputeAsync(first, "sroi_service")).Should().NotBe(fingerprint, "another service role must get its grants");
    }

    [Fact]
    public async Task A_restart_of_the_same_build_inspects_nothing_and_one_of_another_build_prepares_fully_and_records_itself()
    {
        await RestartAsync();
        var index = await PendingReportsIndexAsync();
        index.Should().NotBeEmpty();
        using (var same = LedgerStoreOptions.CreateStore(db.LedgerPool))
            (await RecordedAsync()).Should().Be(await PreparedSchema.ComputeAsync(same, null));
        // Taken away behind the ledger's back: only a full preparation (Marten comparing its configuration) would see it.
        await db.ExecuteAsync($"DROP INDEX {index}");

        (await RestartAsync()).Should().BeFalse("this build's fingerprint is recorded and the chain's triggers are in place");
        (await PendingReportsIndexAsync()).Should().BeEmpty("the restart did not inspect Marten's tables");

        // An upgrade: the build that prepared the database recorded another fingerprint.
        await db.ExecuteAsync("UPDATE sroi_schema_scripts SET sha256 = 'an earlier build' WHERE name = $1", PreparedSchema.RecordName);
        (await RestartAsync()).Should().BeTrue();
        (await PendingReportsIndexAsync()).Should().Be(index, "the full preparation applied Marten's schema");
        using (var same = LedgerStoreOptions.CreateStore(db.LedgerPool))
            (await RecordedAsync()).Should().Be(await PreparedSchema.ComputeAsync(same, null));
        (await RestartAsync()).Should().BeFalse();
    }

    [Fact]
    public async Task A_database_without_a_record_and_a_build_whose_schema_differs_each_prepare_fully()
    {
        // A database an earlier release prepared (it recorded no fingerprint).
        await db.ExecuteAsync("DELETE FROM sroi_schema_scripts WHERE name = $1", PreparedSchema.RecordName);
        (await RestartAsync()).Should().BeTrue();
        (await RecordedAsync()).Should().NotBeNull();

        // A later build whose Marten configuration has another document type: its fingerprint is not the one recorded.
        (await RestartAsync(options => options.RegisterDocumentType<UpgradeProbe>())).Should().BeTrue();
        // And this build again (a rollback) prepares once more, then is in place.
        (await RestartAsync()).Should().BeTrue();
        (await RestartAsync()).Should().BeFalse();

        // The ledger still takes and chains appends after all of it.
        var stream = NewStream();
        await db.Events.AppendAsync(Append(stream, 0, Registered(Rijswijk)));
        EventChainVerifier.Verify(stream, await db.Events.ReadStreamAsync(Rijswijk, stream)).IsIntact.Should().BeTrue();
    }
}
