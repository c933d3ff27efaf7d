using Marten;
using Npgsql;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Domain.Shared;
using Sroi.Ledger.Testing;
using Sroi.Ledger.Api.Database;

namespace Sroi.Ledger.EventLog.Tests;

/// <summary>
/// A fresh database prepared as the service prepares its own (<see cref="LedgerDatabase.PrepareAsync"/>: Marten's
/// schema, then EventLog/event_chain.sql, then the read tables and the seeds), with the ledger's Marten store and
/// <see cref="LedgerEvents"/> on the pool the service uses (<see cref="LedgerDataSource"/>). Raw SQL of the tests
/// goes through <see cref="PostgresDatabaseFixture.DataSource"/>. One database per test class (a class fixture):
/// classes that count rows of the whole log, switch triggers off or race writers have it to themselves.
/// </summary>
public class EventLogDatabase : PostgresDatabaseFixture
{
    public static readonly MunicipalityCode Rijswijk = MunicipalityCode.Rijswijk;
    public static readonly MunicipalityCode Delft = MunicipalityCode.Parse("GM0503");

    private NpgsqlDataSource? ledgerPool;
    private DocumentStore? store;

    /// <summary>The pool the service runs Marten and the read tables on.</summary>
    public NpgsqlDataSource LedgerPool => ledgerPool ?? throw new InvalidOperationException("Not initialised.");

    public DocumentStore Store => store ?? throw new InvalidOperationException("Not initialised.");

    public LedgerEvents Events { get; private set; } = null!;

    /// <summary>The database's own TimeZone setting (ALTER DATABASE … SET timezone), as a server configured for its country has it.</summary>
    protected virtual string? DatabaseTimeZone => null;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (DatabaseTimeZone is { } zone)
            await ExecuteAsync($"ALTER DATABASE \"{new NpgsqlConnectionStringBuilder(ConnectionString).Database}\" SET timezone = '{zone}'");
        ledgerPool = LedgerDataSource.Create(ConnectionString);
        store = LedgerStoreOptions.CreateStore(ledgerPool);
        Events = new LedgerEvents(store, ledgerPool);
        await LedgerDatabase.Existing(ConnectionString).PrepareAsync(ledgerPool, Events, CancellationToken.None);
    }

    public override async Task DisposeAsync()
    {
        store?.Dispose();
        if (ledgerPool is not null) await ledgerPool.DisposeAsync();
        await base.DisposeAsync();
    }

    public static StreamId NewStream(string prefix = "contract") => new($"{prefix}-{Guid.NewGuid()}");

    public static EventMetadata By(string actor = "inkoop:key-1") => new(actor);

    public static AppendRequest Append(MunicipalityCode tenant, StreamId stream, long expectedVersion, params object[] events) =>
        new(tenant, stream, expectedVersion, events, By());

    public static AppendRequest Append(StreamId stream, long expectedVersion, params object[] events) =>
        Append(Rijswijk, stream, expectedVersion, events);

    /// <summary>The tests' raw SQL on this database (<see cref="RawSql"/>, shared by every test project).</summary>
    public Task<long> ScalarAsync(string sql, params object[] parameters) => DataSource.ScalarAsync(sql, parameters);

    /// <inheritdoc cref="ScalarAsync"/>
    public Task ExecuteAsync(string sql, params object[] parameters) => DataSource.ExecuteAsync(sql, parameters);

    /// <summary>Rows of a table for one stream of one tenant.</summary>
    public Task<long> CountAsync(string table, MunicipalityCode tenant, StreamId stream) =>
        ScalarAsync($"SELECT count(*) FROM {table} WHERE tenant_id = $1 AND stream_id = $2", tenant.Value, stream.Value);
}
