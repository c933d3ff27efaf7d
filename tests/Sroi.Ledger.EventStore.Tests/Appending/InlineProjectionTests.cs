using Npgsql;
using Sroi.Ledger.EventStore;
using static Sroi.Ledger.EventStore.Tests.EventStoreDatabase;

namespace Sroi.Ledger.EventStore.Tests.Appending;

public class InlineProjectionTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>, IAsyncLifetime
{
    public async Task InitializeAsync() =>
        await db.ScalarAsync("CREATE TABLE IF NOT EXISTS test_projection (stream_id text PRIMARY KEY, version bigint NOT NULL CHECK (version < 100))");

    public Task DisposeAsync() => Task.CompletedTask;

    private static NpgsqlBatchCommand Project(StreamId stream, long version)
    {
        var command = new NpgsqlBatchCommand(
            "INSERT INTO test_projection VALUES ($1, $2) ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version");
        command.Parameters.Add(new NpgsqlParameter { Value = stream.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = version });
        return command;
    }

    [Fact]
    public async Task The_read_model_row_commits_with_the_events()
    {
        var stream = NewStream();

        await db.Store.AppendAsync(Append(stream, ExpectedVersion.NoStream, Event()) with { SameTransaction = [Project(stream, 1)] });

        (await db.ScalarAsync("SELECT version FROM test_projection WHERE stream_id = $1", stream.Value)).Should().Be(1);
    }

    [Fact]
    public async Task A_failing_projection_rolls_back_the_events_and_the_stream()
    {
        var stream = NewStream();
        await db.Store.AppendAsync(Append(stream, ExpectedVersion.NoStream, Event()) with { SameTransaction = [Project(stream, 1)] });
        var positionsBefore = await db.ScalarAsync("SELECT count(*) FROM events");

        var act = () => db.Store.AppendAsync(Append(stream, ExpectedVersion.Exactly(1), Event()) with { SameTransaction = [Project(stream, 500)] });
        var newStream = NewStream();
        var actNew = () => db.Store.AppendAsync(Append(newStream, ExpectedVersion.NoStream, Event()) with { SameTransaction = [Project(newStream, 500)] });

        await act.Should().ThrowAsync<PostgresException>();
        await actNew.Should().ThrowAsync<PostgresException>();
        (await db.Store.StreamVersionAsync(stream)).Should().Be(1);
        (await db.Store.StreamVersionAsync(newStream)).Should().Be(0);
        (await db.ScalarAsync("SELECT count(*) FROM events")).Should().Be(positionsBefore);
        (await db.ScalarAsync("SELECT version FROM test_projection WHERE stream_id = $1", stream.Value)).Should().Be(1);
    }

    [Fact]
    public async Task A_conflict_leaves_the_projection_untouched()
    {
        var stream = NewStream();
        await db.Store.AppendAsync(Append(stream, ExpectedVersion.NoStream, Event()) with { SameTransaction = [Project(stream, 1)] });

        var act = () => db.Store.AppendAsync(Append(stream, ExpectedVersion.NoStream, Event()) with { SameTransaction = [Project(stream, 42)] });

        await act.Should().ThrowAsync<StreamConflictException>();
        (await db.ScalarAsync("SELECT version FROM test_projection WHERE stream_id = $1", stream.Value)).Should().Be(1);
    }
}
