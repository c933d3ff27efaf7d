using Sroi.Ledger.Api.Auth;

namespace Sroi.Ledger.Api.Notifications;

/// <summary>The notification feed at /api/v1/notifications, for a key without a webhook.</summary>
public static class NotificationApi
{
    public static void MapNotifications(RouteGroupBuilder api) =>
        api.MapGet("/notifications", NotificationFeedEndpoint.ListAsync).WithName("listNotifications").WithTags("Notifications")
            .WithSummary("The caller's notifications after the cursor `after` (the `next` of the previous page; leave it out to start), " +
                         "oldest first, at most `limit` (1–500, default 100). Each item is the body a webhook receives.")
            .RequireRoles(Enum.GetValues<Role>())
            .ProducesProblem(StatusCodes.Status403Forbidden);
}
