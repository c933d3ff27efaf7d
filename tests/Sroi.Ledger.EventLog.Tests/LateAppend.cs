using Marten;
using Marten.Services;
using Npgsql;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.EventLog.Tests;

/// <summary>
/// An append through Marten whose transaction the test holds open: the event is inserted (its seq_id drawn, the chain
/// trigger run) but not committed until <see cref="CommitAsync"/>.
/// </summary>
public sealed class LateAppend : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;

    private LateAppend(NpgsqlConnection connection, NpgsqlTransaction transaction, long sequence)
    {
        this.connection = connection;
        this.transaction = transaction;
        Sequence = sequence;
    }

    /// <summary>The seq_id the uncommitted event holds.</summary>
    public long Sequence { get; }

    public static async Task<LateAppend> BeginAsync(IDocumentStore store, NpgsqlDataSource pool, MunicipalityCode tenant, StreamId stream, object @event)
    {
        var connection = await pool.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        var enlisted = SessionOptions.ForTransaction(transaction, shouldAutoCommit: false);
        enlisted.TenantId = tenant.Value;
        await using (var session = store.LightweightSession(enlisted))
        {
            session.Events.StartStream(stream.Value, @event);
            await session.SaveChangesAsync();
        }
        var sequence = await ScalarAsync(connection, "SELECT seq_id FROM mt_events WHERE tenant_id = $1 AND stream_id = $2", tenant.Value, stream.Value);
        return new LateAppend(connection, transaction, sequence);
    }

    /// <summary>Rows of a query as the late transaction itself sees them.</summary>
    public Task<long> ScalarInTransactionAsync(string sql, params object[] parameters) => ScalarAsync(connection, sql, parameters);

    public Task CommitAsync() => transaction.CommitAsync();

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
