using Sroi.Ledger.Api.Auth;

namespace Sroi.Ledger.Api.Notifications;

/// <summary>The notification feed at /api/v1/notifications, for a key without a webhook.</summary>
public static class NotificationApi
{
    public static void MapNotifications(RouteGroupBuilder api)
    {
        MapFeed(api);
        MapReadMarkers(api);
    }

    private static void MapFeed(RouteGroupBuilder api) =>
        api.MapGet("/notifications", NotificationFeedEndpoint.ListAsync).WithName("listNotifications").WithTags("Notifications")
            .WithSummary("The caller's notifications after the cursor `after` (the `next` of the previous page; leave it out to start), " +
                         "oldest first, at most `limit` (1–500, default 100). Each item is the body a webhook receives.")
            .RequireRoles(Enum.GetValues<Role>())
            .ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>The inbox's unread count and the caller's read marker (Notifications/ReadMarkerEndpoints).</summary>
    public static void MapReadMarkers(RouteGroupBuilder api)
    {
        api.MapGet("/notifications/unread", ReadMarkerEndpoints.UnreadAsync).WithName("countUnreadNotifications").WithTags("Notifications")
            .WithSummary("How many of the caller's notifications (of `municipality`, for an admin or a contractor in every municipality) " +
                         "are after its read marker, and the marker (null: nothing read yet, all are unread).")
            .RequireRoles(Enum.GetValues<Role>())
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPut("/notifications/read-marker", ReadMarkerEndpoints.MarkReadAsync).WithName("markNotificationsRead").WithTags("Notifications")
            .WithSummary("Mark the caller's notifications read up to and including `cursor` (the `next` of a feed page); answers the unread count. " +
                         "A marker never moves back: an older cursor leaves it where it is. Kept per person (or key), not in the ledger.")
            .RequireRoles(Enum.GetValues<Role>());
    }
}
