using Marten;
using Wolverine.Marten;
using Wolverine.Runtime;

namespace Sroi.Ledger.Api.Notifications;

/// <summary>
/// Wolverine's transactional outbox on a Marten session: the notifications' rows and the messages that carry them are
/// written by the session's commit, in its transaction, and the messages are handed to their durable local queue after it.
/// A crash between the commit and the hand-over loses nothing: Wolverine finds the stored messages again on start.
/// </summary>
public static class NotificationOutbox
{
    public static async Task EnrolAsync(IWolverineRuntime messaging, IDocumentSession session,
        IReadOnlyList<Notification> notifications, IReadOnlyList<object> followUps)
    {
        if (notifications.Count == 0 && followUps.Count == 0) return;
        var outbox = new MartenOutbox(messaging, session);
        foreach (var notification in notifications)
        {
            session.QueueOperation(NotificationLog.Insert(notification));
            await outbox.PublishAsync(new NotificationRecorded(notification.Id));
        }
        foreach (var message in followUps)
            await outbox.PublishAsync(message);
    }
}
