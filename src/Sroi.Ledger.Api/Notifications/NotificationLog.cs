using Npgsql;
using NpgsqlTypes;
using Sroi.Ledger.Api.EventLog;

namespace Sroi.Ledger.Api.Notifications;

/// <summary>The notifications table (Schema/050_notifications.sql): written in the transaction that raises them.</summary>
public static class NotificationLog
{
    /// <summary>
    /// The insert, queued on the session of the transaction that raises it (its transaction id goes in by default, for the
    /// feed's order). A time-driven one already raised (its once-key taken) is left out.
    /// </summary>
    public static QueuedStatement Insert(Notification n)
    {
        var insert = new NpgsqlBatchCommand("""
            INSERT INTO sroi_notifications (id, tenant_id, type, occurred_at, contract_id, to_wsp, to_kvk, once_key, body)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (tenant_id, contract_id, once_key) WHERE once_key IS NOT NULL DO NOTHING
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = n.Id });
        insert.Parameters.Add(new NpgsqlParameter { Value = n.Municipality.Value });
        insert.Parameters.Add(new NpgsqlParameter { Value = n.Type });
        insert.Parameters.Add(new NpgsqlParameter { Value = n.OccurredAt });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)n.ContractId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        insert.Parameters.Add(new NpgsqlParameter { Value = n.ToWsp });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)n.ToContractor?.Value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)n.OnceKey ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter { Value = n.Body() });
        return new QueuedStatement(insert);
    }

    /// <summary>
    /// One notification's delivery to one subscription, in the same batch after the notification's insert: left out when
    /// that insert was (a time-driven signal raised before), so a skipped notification gets no delivery.
    /// </summary>
    public static QueuedStatement Delivery(Guid subscription, Notification n)
    {
        var insert = new NpgsqlBatchCommand("""
            INSERT INTO sroi_webhook_deliveries (subscription_id, notification_id, created_at, state, attempts)
            SELECT $1, $2, $3, 'pending', 0 WHERE EXISTS (SELECT 1 FROM sroi_notifications WHERE id = $2)
            ON CONFLICT DO NOTHING
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = subscription });
        insert.Parameters.Add(new NpgsqlParameter { Value = n.Id });
        insert.Parameters.Add(new NpgsqlParameter { Value = n.OccurredAt });
        return new QueuedStatement(insert);
    }
}
