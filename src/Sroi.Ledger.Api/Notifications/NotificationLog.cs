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
    public static QueuedStatement Insert(Notification n) => QueuedStatement.Of("""
        INSERT INTO sroi_notifications (id, tenant_id, type, occurred_at, contract_id, to_wsp, to_kvk, once_key, body)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        ON CONFLICT (tenant_id, contract_id, once_key) WHERE once_key IS NOT NULL DO NOTHING
        """, n.Id, n.Municipality.Value, n.Type, n.OccurredAt, QueuedStatement.Typed(n.ContractId, NpgsqlDbType.Uuid), n.ToWsp,
        QueuedStatement.Typed(n.ToContractor?.Value, NpgsqlDbType.Varchar), QueuedStatement.Typed(n.OnceKey, NpgsqlDbType.Text), n.Body());

    /// <summary>
    /// One notification's delivery to one subscription, in the same batch after the notification's insert: left out when
    /// that insert was (a time-driven signal raised before), so a skipped notification gets no delivery.
    /// </summary>
    public static QueuedStatement Delivery(Guid subscription, Notification n) => QueuedStatement.Of("""
        INSERT INTO sroi_webhook_deliveries (subscription_id, notification_id, created_at, state, attempts)
        SELECT $1, $2, $3, 'pending', 0 WHERE EXISTS (SELECT 1 FROM sroi_notifications WHERE id = $2)
        ON CONFLICT DO NOTHING
        """, subscription, n.Id, n.OccurredAt);
}
