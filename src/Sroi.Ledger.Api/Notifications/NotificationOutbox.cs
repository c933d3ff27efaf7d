using Marten;
using Npgsql;
using Sroi.Ledger.Api.Webhooks;
using Wolverine.Marten;
using Wolverine.Runtime;

namespace Sroi.Ledger.Api.Notifications;

/// <summary>
/// Notifications on a Marten session, through Wolverine's transactional outbox: the session's commit writes the
/// notifications, one delivery row per subscription that wants each, and the <see cref="DeliverWebhook"/> messages (and
/// any follow-up message) in one transaction; the outbox hands the messages to their durable local queue after it. A
/// crash between the commit and the hand-over loses nothing: Wolverine finds the stored messages again on start. No
/// subscription, nothing sent: the notification still waits in the feed. Returns the session's outbox when it made one,
/// so a caller sends more through the same one — or hands it back in (<paramref name="outbox"/>) to enrol the notifications of
/// another municipality on the same session.
/// </summary>
public static class NotificationOutbox
{
    public static async Task<MartenOutbox?> EnrolAsync(IWolverineRuntime messaging, NpgsqlDataSource db, IDocumentSession session,
        IReadOnlyList<Notification> notifications, IReadOnlyList<object> followUps, CancellationToken ct, MartenOutbox? outbox = null)
    {
        if (notifications.Count == 0 && followUps.Count == 0) return outbox;
        MartenOutbox Outbox() => outbox ??= new MartenOutbox(messaging, session);

        var subscriptions = notifications.Count == 0 ? [] : await WebhookSubscriptions.LiveAsync(db, notifications[0].Municipality, ct);
        foreach (var notification in notifications)
        {
            session.QueueOperation(NotificationLog.Insert(notification));
            foreach (var subscription in subscriptions.Where(s => s.Wants(notification)))
            {
                session.QueueOperation(NotificationLog.Delivery(subscription.Id, notification));
                await Outbox().PublishAsync(new DeliverWebhook(subscription.Id, notification.Id, 1));
            }
        }
        foreach (var message in followUps)
            await Outbox().PublishAsync(message);
        return outbox;
    }
}
