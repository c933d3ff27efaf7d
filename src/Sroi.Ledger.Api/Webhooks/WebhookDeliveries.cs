using NodaTime;
using Npgsql;
using NpgsqlTypes;
using Sroi.Ledger.Api.EventLog;

namespace Sroi.Ledger.Api.Webhooks;

/// <summary>The delivery and attempt rows (Schema/050_notifications.sql) that <see cref="DeliveryHandler"/> reads and writes.</summary>
public static class WebhookDeliveries
{
    /// <summary>
    /// What one attempt needs: the URL, the body, and the subscription's secrets as stored (encrypted): the current one and
    /// the one it replaced, which signs too until <see cref="PreviousUntil"/>.
    /// </summary>
    public sealed record Target(string Url, string Secret, string? PreviousSecret, Instant? PreviousUntil, bool Deleted, string Body);

    /// <summary>What to send for the attempt, or null when it is not the next one of a pending delivery.</summary>
    public static async Task<Target?> TargetAsync(NpgsqlDataSource db, DeliverWebhook message, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            SELECT s.url, s.secret, s.previous_secret, s.previous_secret_until, s.deleted_at IS NOT NULL, n.body
            FROM sroi_webhook_deliveries d
            JOIN sroi_webhook_subscriptions s ON s.id = d.subscription_id
            JOIN sroi_notifications n ON n.id = d.notification_id
            WHERE d.subscription_id = $1 AND d.notification_id = $2 AND d.state = 'pending' AND d.attempts = $3 - 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = message.SubscriptionId });
        command.Parameters.Add(new NpgsqlParameter { Value = message.NotificationId });
        command.Parameters.Add(new NpgsqlParameter { Value = message.Attempt });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new Target(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<Instant>(3), reader.GetBoolean(4), reader.GetString(5))
            : null;
    }

    /// <summary>
    /// The attempt's row. Its primary key also stops a duplicate copy of the same attempt: that transaction fails and
    /// Wolverine drops the copy.
    /// </summary>
    public static QueuedStatement RecordAttempt(DeliverWebhook m, Instant at, int? status, string? error, int durationMs) => QueuedStatement.Of("""
        INSERT INTO sroi_webhook_attempts (subscription_id, notification_id, attempt, attempted_at, status_code, error, duration_ms)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        """, m.SubscriptionId, m.NotificationId, m.Attempt, at, QueuedStatement.Typed(status, NpgsqlDbType.Integer), QueuedStatement.Typed(error, NpgsqlDbType.Text), durationMs);

    /// <summary>Delivered, pending with the next attempt's time, or failed for good when no attempt is left.</summary>
    public static QueuedStatement Update(DeliverWebhook m, Instant at, bool delivered, Instant? nextAttempt) => QueuedStatement.Of("""
        UPDATE sroi_webhook_deliveries
        SET attempts = $3,
            state = CASE WHEN $4 THEN 'delivered' WHEN $5::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
            delivered_at = CASE WHEN $4 THEN $6 END,
            next_attempt_at = $5
        WHERE subscription_id = $1 AND notification_id = $2
        """, m.SubscriptionId, m.NotificationId, m.Attempt, delivered, QueuedStatement.Typed(nextAttempt, NpgsqlDbType.TimestampTz), at);

    /// <summary>The subscription was removed before this attempt: nothing more is sent.</summary>
    public static QueuedStatement Cancel(DeliverWebhook m) => QueuedStatement.Of("""
        UPDATE sroi_webhook_deliveries SET state = 'cancelled', next_attempt_at = NULL
        WHERE subscription_id = $1 AND notification_id = $2 AND state = 'pending'
        """, m.SubscriptionId, m.NotificationId);
}
