using Sroi.Ledger.Testing;
using Npgsql;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Domain.Shared;
using static Sroi.Ledger.EventLog.Tests.EventLogDatabase;
using static Sroi.Ledger.EventLog.Tests.LedgerSamples;

namespace Sroi.Ledger.EventLog.Tests.Appending;

/// <summary>
/// The read-model statements an append queues (<see cref="AppendRequest.SameTransaction"/>) commit or fail with its
/// events. Its own database: it counts Marten's tombstone rows.
/// </summary>
public class SameTransactionStatementTests(EventLogDatabase db) : IClassFixture<EventLogDatabase>, IAsyncLifetime
{
    public Task InitializeAsync() => db.ExecuteAsync("""
        CREATE TABLE IF NOT EXISTS test_read_model (
            tenant_id text NOT NULL, stream_id text NOT NULL, version bigint NOT NULL, reference text NOT NULL UNIQUE,
            PRIMARY KEY (tenant_id, stream_id))
        """);

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The projection of a stream's row; <paramref name="reference"/> must be unique across rows.</summary>
    private static NpgsqlBatchCommand Project(MunicipalityCode tenant, StreamId stream, long version, string reference)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO test_read_model VALUES ($1, $2, $3, $4)
            ON CONFLICT (tenant_id, stream_id) DO UPDATE SET version = excluded.version, reference = excluded.reference
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = stream.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = version });
        command.Parameters.Add(new NpgsqlParameter { Value = reference });
        return command;
    }

    private Task<long> ProjectedVersionAsync(StreamId stream) =>
        db.ScalarAsync("SELECT coalesce(max(version), 0) FROM test_read_model WHERE stream_id = $1", stream.Value);

    [Fact]
    public async Task The_read_model_row_commits_with_the_events()
    {
        var stream = NewStream();

        await db.Events.AppendAsync(Append(stream, 0, Registered(Rijswijk)) with { SameTransaction = [Project(Rijswijk, stream, 1, $"ref-{stream}")] });
        await db.Events.AppendAsync(Append(stream, 1, Completed(1), Completed(2)) with { SameTransaction = [Project(Rijswijk, stream, 3, $"ref-{stream}")] });

        (await ProjectedVersionAsync(stream)).Should().Be(3);
        (await db.Events.StreamVersionAsync(Rijswijk, stream)).Should().Be(3);
    }

    [Fact]
    public async Task A_failing_statement_rolls_back_the_events_their_hashes_and_the_stream()
    {
        await db.ExecuteAsync("INSERT INTO test_read_model VALUES ('GM0000', 'elsewhere', 1, 'taken') ON CONFLICT DO NOTHING");
        var existing = NewStream();
        await db.Events.AppendAsync(Append(existing, 0, Registered(Rijswijk)) with { SameTransaction = [Project(Rijswijk, existing, 1, $"ref-{existing}")] });
        var fresh = NewStream();
        var eventsBefore = await db.ScalarAsync("SELECT count(*) FROM mt_events WHERE stream_id <> 'mt_tombstone'");
        var hashesBefore = await db.ScalarAsync("SELECT count(*) FROM sroi_event_hashes");
        var drawnBefore = await db.ScalarAsync("SELECT last_value FROM mt_events_sequence");

        var onExisting = () => db.Events.AppendAsync(Append(existing, 1, Completed(1), Completed(2)) with
        {
            SameTransaction = [Project(Rijswijk, existing, 3, "taken")],
        });
        var onFresh = () => db.Events.AppendAsync(Append(Delft, fresh, 0, Registered(Delft), Completed(3)) with
        {
            SameTransaction = [Project(Delft, fresh, 2, "taken")],
        });

        foreach (var refused in new[] { onExisting, onFresh })
        {
            var violation = (await refused.Should().ThrowAsync<PostgresException>()).Which;
            violation.SqlState.Should().Be(PostgresErrorCodes.UniqueViolation);
            violation.TableName.Should().Be("test_read_model");
        }

        (await db.Events.StreamVersionAsync(Rijswijk, existing)).Should().Be(1);
        (await db.Events.ReadStreamAsync(Rijswijk, existing)).Should().ContainSingle();
        (await db.Events.StreamVersionAsync(Delft, fresh)).Should().Be(0);
        (await db.ScalarAsync("SELECT count(*) FROM mt_streams WHERE id = $1", fresh.Value)).Should().Be(0);
        (await db.ScalarAsync("SELECT count(*) FROM mt_events WHERE stream_id <> 'mt_tombstone'")).Should().Be(eventsBefore);
        (await db.ScalarAsync("SELECT count(*) FROM sroi_event_hashes")).Should().Be(hashesBefore);
        (await ProjectedVersionAsync(existing)).Should().Be(1);
        (await ProjectedVersionAsync(fresh)).Should().Be(0);

        // Marten fills the four sequence numbers the failed appends drew with placeholders, on a connection of its own
        // after the failure: rows of its 'mt_tombstone' stream, in no stream of the ledger's and outside the chain.
        (await db.ScalarAsync("SELECT last_value FROM mt_events_sequence")).Should().Be(drawnBefore + 4, "the four events drew their numbers");
        await Eventually.UntilAsync(() => db.ScalarAsync("SELECT count(*) FROM mt_events WHERE seq_id > $1", drawnBefore),
            count => count == 4, "Marten writes the tombstones of the failed appends");
        (await db.ScalarAsync("SELECT count(*) FROM mt_events WHERE seq_id > $1 AND stream_id = 'mt_tombstone' AND type = 'tombstone'", drawnBefore))
            .Should().Be(4);
        (await db.ScalarAsync("SELECT count(*) FROM sroi_event_hashes")).Should().Be(hashesBefore, "tombstones are not chained");
        (await db.ScalarAsync("SELECT count(*) FROM mt_events WHERE stream_id <> 'mt_tombstone'")).Should().Be(eventsBefore);
        EventChainVerifier.Verify(existing, await db.Events.ReadStreamAsync(Rijswijk, existing)).IsIntact.Should().BeTrue();

        // The stream goes on from where it was.
        await db.Events.AppendAsync(Append(existing, 1, Completed(4)) with { SameTransaction = [Project(Rijswijk, existing, 2, $"ref-{existing}")] });
        EventChainVerifier.Verify(existing, await db.Events.ReadStreamAsync(Rijswijk, existing)).Should()
            .Be(new ChainVerification(existing, 2, null));
    }

    [Fact]
    public async Task A_conflict_leaves_the_read_model_untouched()
    {
        var stream = NewStream();
        await db.Events.AppendAsync(Append(stream, 0, Registered(Rijswijk)) with { SameTransaction = [Project(Rijswijk, stream, 1, $"ref-{stream}")] });

        var again = () => db.Events.AppendAsync(Append(stream, 0, Registered(Rijswijk)) with { SameTransaction = [Project(Rijswijk, stream, 42, $"other-{stream}")] });
        var stale = () => db.Events.AppendAsync(Append(stream, 3, Completed(1)) with { SameTransaction = [Project(Rijswijk, stream, 43, $"other-{stream}")] });

        await again.Should().ThrowAsync<StreamConflictException>();
        await stale.Should().ThrowAsync<StreamConflictException>();
        (await ProjectedVersionAsync(stream)).Should().Be(1);
    }
}
