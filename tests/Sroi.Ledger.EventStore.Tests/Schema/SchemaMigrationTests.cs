using Sroi.Ledger.EventStore;

namespace Sroi.Ledger.EventStore.Tests.Schema;

public class SchemaMigrationTests(EventStoreDatabase db) : IClassFixture<EventStoreDatabase>
{
    [Fact]
    public async Task Applying_the_schema_again_and_from_several_nodes_at_once_is_harmless()
    {
        await SchemaMigrations.ApplyEventStoreAsync(db.DataSource);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SchemaMigrations.ApplyEventStoreAsync(db.DataSource)));

        (await db.ScalarAsync("SELECT count(*) FROM schema_migrations WHERE component = 'eventstore'")).Should().Be(2);
        var stream = EventStoreDatabase.NewStream();
        await db.Store.AppendAsync(EventStoreDatabase.Append(stream, ExpectedVersion.NoStream, EventStoreDatabase.Event()));
        (await db.Store.StreamVersionAsync(stream)).Should().Be(1);
    }

    [Fact]
    public async Task Every_script_runs_twice_without_error_even_when_not_recorded()
    {
        // A lost schema_migrations row must not break a start: the scripts are idempotent themselves.
        await db.ScalarAsync("DELETE FROM schema_migrations WHERE component = 'eventstore'");

        await SchemaMigrations.ApplyEventStoreAsync(db.DataSource);

        (await db.ScalarAsync("SELECT count(*) FROM schema_migrations WHERE component = 'eventstore'")).Should().Be(2);
    }
}
