using Npgsql;
using Sroi.Ledger.EventStore;
using Sroi.Ledger.Testing;

namespace Sroi.Ledger.EventStore.Tests;

/// <summary>A fresh database with the event store's schema. Classes whose checks need the whole log to themselves get their own.</summary>
public sealed class EventStoreDatabase : PostgresDatabaseFixture
{
    private NpgsqlDataSource? ledgerPool;

    /// <summary>The store on the pool the service uses (LedgerDataSource); raw SQL in tests goes through DataSource.</summary>
    public global::Sroi.Ledger.EventStore.EventStore Store { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SchemaMigrations.ApplyEventStoreAsync(DataSource);
        ledgerPool = LedgerDataSource.Create(ConnectionString);
        Store = new global::Sroi.Ledger.EventStore.EventStore(ledgerPool);
    }

    public override async Task DisposeAsync()
    {
        if (ledgerPool is not null) await ledgerPool.DisposeAsync();
        await base.DisposeAsync();
    }

    public static StreamId NewStream() => new("test-" + Guid.NewGuid().ToString("N"));

    public static NewEvent Event(string type = "test.happened.v1", string data = """{"n": 1}""", string actor = "tester") =>
        new(Guid.NewGuid(), type, data, new EventMetadata(actor));

    public static AppendRequest Append(StreamId stream, ExpectedVersion expected, params NewEvent[] events) =>
        new(stream, "test", expected, events);

    public async Task<long> ScalarAsync(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
