using Npgsql;

namespace Sroi.Ledger.Api.Webhooks;

/// <summary>
/// A transaction-scoped advisory lock on one delivery (subscription and notification), held while one node attempts it.
/// Transaction-scoped, not session-scoped: a pooled connection can never carry it into someone else's work, and the
/// transaction's end (dispose, or the node's connection dropping when it dies) always releases it.
/// </summary>
public sealed class DeliveryGuard : IAsyncDisposable
{
    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;

    private DeliveryGuard(NpgsqlConnection connection, NpgsqlTransaction transaction) => (this.connection, this.transaction) = (connection, transaction);

    /// <summary>The guard, or null when another node is attempting this delivery right now.</summary>
    public static async Task<DeliveryGuard?> TryTakeAsync(NpgsqlDataSource db, DeliverWebhook message, CancellationToken ct)
    {
        var connection = await db.OpenConnectionAsync(ct);
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(ct);
            await using var take = new NpgsqlCommand(
                "SELECT pg_try_advisory_xact_lock(hashtextextended('sroi-webhook-delivery:' || $1::text || ':' || $2::text, 0))", connection, transaction);
            take.Parameters.Add(new NpgsqlParameter { Value = message.SubscriptionId });
            take.Parameters.Add(new NpgsqlParameter { Value = message.NotificationId });
            if ((bool)(await take.ExecuteScalarAsync(ct))!) return new DeliveryGuard(connection, transaction);
        }
        catch
        {
            if (transaction is not null) await transaction.DisposeAsync();
            await connection.DisposeAsync();
            throw;
        }
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>Rolls the (read-only) transaction back, which releases the lock, and returns the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
