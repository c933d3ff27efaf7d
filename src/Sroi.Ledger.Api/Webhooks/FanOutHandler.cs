using Marten;
using Npgsql;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Notifications;
using Wolverine.Attributes;
using Wolverine.Marten;
using Wolverine.Runtime;

namespace Sroi.Ledger.Api.Webhooks;

/// <summary>
/// A recorded notification goes to every live subscription of its audience that asked for its type: one delivery row and
/// one <see cref="DeliverWebhook"/> each, in one transaction. Handled twice (a crash before Wolverine marked it done), the
/// delivery rows' primary key keeps it to one delivery per subscription.
/// </summary>
public static class FanOutHandler
{
    [WolverineHandler]
    public static async Task HandleAsync(NotificationRecorded message, NpgsqlDataSource db, IDocumentStore store,
        IWolverineRuntime messaging, NodaTime.IClock clock, CancellationToken ct)
    {
        var subscriptions = new List<Guid>();
        await using (var command = db.CreateCommand("""
            SELECT s.id
            FROM sroi_notifications n
            JOIN sroi_webhook_subscriptions s ON s.tenant_id = n.tenant_id AND s.deleted_at IS NULL AND n.type = ANY (s.types)
                AND ((s.kvk_number IS NULL AND n.to_wsp) OR s.kvk_number = n.to_kvk)
            WHERE n.id = $1
            ORDER BY s.created_at, s.id
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = message.NotificationId });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) subscriptions.Add(reader.GetGuid(0));
        }
        if (subscriptions.Count == 0) return;

        await using var session = store.LightweightSession();
        var outbox = new MartenOutbox(messaging, session);
        var now = clock.GetCurrentInstant();
        foreach (var subscription in subscriptions)
        {
            var insert = new NpgsqlBatchCommand("""
                INSERT INTO sroi_webhook_deliveries (subscription_id, notification_id, created_at, state, attempts)
                VALUES ($1, $2, $3, 'pending', 0) ON CONFLICT DO NOTHING
                """);
            insert.Parameters.Add(new NpgsqlParameter { Value = subscription });
            insert.Parameters.Add(new NpgsqlParameter { Value = message.NotificationId });
            insert.Parameters.Add(new NpgsqlParameter { Value = now });
            session.QueueOperation(new QueuedStatement(insert));
            await outbox.PublishAsync(new DeliverWebhook(subscription, message.NotificationId, 1));
        }
        await session.SaveChangesAsync(ct);
    }
}
