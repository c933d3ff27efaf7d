using Npgsql;

namespace Sroi.Ledger.Api.Database;

/// <summary>
/// One node at a time prepares the database at start-up. Three nodes starting together on a fresh database each asked
/// Marten and Wolverine to create or update the schema at once, and PostgreSQL broke the tie with <c>40P01 deadlock
/// detected</c> (the node then died with 134). Marten's and Wolverine's schema applies take no cross-process lock of their
/// own (the numbered scripts' transaction lock, <see cref="SchemaMigrations"/>, covers only them), so the whole preparation
/// runs under one session-level advisory lock: the next node waits, then finds everything in place and changes nothing.
/// The lock lives on a connection of its own, outside the pool, so closing it (or the process dying) releases it: no
/// pooled connection can carry a stale lock into a request, and a node killed while preparing leaves no lock behind.
/// </summary>
public sealed class StartupLock : IAsyncDisposable
{
    /// <summary>Not <see cref="SchemaMigrations"/>' key: those scripts run inside this lock, on other connections. Public
    /// for the test that holds it, as another node preparing would, to stop a node while it waits.</summary>
    public const long LockKey = 0x5_2031_5354_5254; // "SROI STRT"

    /// <summary>
    /// The lock a node holds while it checks and does once-only work after its start (the deadline checks' arming, the PSO
    /// back-fill): nodes starting together take turns, so the second finds the first one's marker and does nothing instead
    /// of failing on the marker's unique key (which Marten logs as an error before the node's code sees it; the key stays
    /// the backstop). Taken with <see cref="TakeForOnceOnlyWorkAsync"/>.
    /// </summary>
    public const long OnceOnlyWorkKey = 0x5_2031_4F4E_4345; // "SROI ONCE"

    private readonly NpgsqlConnection connection;
    private readonly long key;

    private StartupLock(NpgsqlConnection connection, long key) => (this.connection, this.key) = (connection, key);

    /// <summary>The lock's own session, as the owner: the version check (<see cref="PreparedSchema"/>) runs on it, so a
    /// restart that finds the schema in place opens no other connection to prepare.</summary>
    public NpgsqlConnection Connection => connection;

    /// <summary>Waits (as long as it takes, or until <paramref name="ct"/>) until no other node is preparing.</summary>
    public static async Task<StartupLock> TakeAsync(string connectionString, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            ApplicationName = "sroi-ledger start-up lock",
            // The wait for another node's preparation is not a slow query: no command timeout on it.
            CommandTimeout = 0,
        }.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        return await TakeAsync(connection, LockKey, ct);
    }

    /// <summary><see cref="OnceOnlyWorkKey"/> on a pooled connection of the service's own (released before it goes back).</summary>
    public static async Task<StartupLock> TakeForOnceOnlyWorkAsync(NpgsqlDataSource db, CancellationToken ct) =>
        await TakeAsync(await db.OpenConnectionAsync(ct), OnceOnlyWorkKey, ct);

    private static async Task<StartupLock> TakeAsync(NpgsqlConnection connection, long key, CancellationToken ct)
    {
        try
        {
            await using var take = new NpgsqlCommand($"SELECT pg_advisory_lock({key})", connection) { CommandTimeout = 0 };
            await take.ExecuteNonQueryAsync(ct);
            return new StartupLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closing the session releases the lock; an explicit unlock first lets the next node go without waiting for the close.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({key})", connection);
            await release.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The connection is gone: so is its lock.
        }
        await connection.DisposeAsync();
    }
}
