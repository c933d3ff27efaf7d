using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Api.Notifications;
using Sroi.Ledger.Api.RateLimiting;

namespace Sroi.Ledger.Api.Webhooks;

/// <summary>The webhook subscription endpoints under /api/v1/webhook-subscriptions, for the subscribers' keys.</summary>
public static class WebhookApi
{
    public static void MapWebhooks(RouteGroupBuilder api)
    {
        var subscriptions = api.MapGroup("/webhook-subscriptions").WithTags("Notifications");
        var subscribers = WebhookSubscriptionEndpoints.Subscribers;

        subscriptions.MapPost("", WebhookSubscriptionEndpoints.CreateAsync).WithName("createWebhookSubscription")
            .WithSummary("Subscribe a URL to notification types. The answer's `secret` (`whsec_<base64>`, shown once) signs every " +
                         "delivery after the Standard Webhooks specification: `webhook-id`, `webhook-timestamp`, " +
                         "`webhook-signature: v1,<base64 HMAC-SHA256 of \"{id}.{timestamp}.{body}\">`. Only http(s) URLs to public " +
                         "addresses; redirects are not followed. A WSP key subscribes for its municipality, a contractor key for " +
                         "itself (one without a municipality: in every municipality, `municipality` null), an auditor key for its municipality's audit signals; an admin names `municipality` and, for a contractor, `kvkNumber`. At most " +
                         $"{SubscriptionSettings.MaxSetting} (default 25) per subscriber: one more is a 422 `{WebhookSubscriptionEndpoints.LimitReached}`. Types: " +
                         string.Join(", ", SignalType.All) + ".")
            .RequireRoles(subscribers)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        subscriptions.MapGet("", WebhookSubscriptionEndpoints.ListAsync).WithName("listWebhookSubscriptions")
            .WithSummary("The caller's subscriptions (an admin: all, or of `municipality`), oldest first, without their secrets; " +
                         $"`page`, `pageSize` (≤ {WebhookSubscriptionEndpoints.MaxPageSize}, default {WebhookSubscriptionEndpoints.DefaultPageSize}).")
            .RequireRoles(subscribers);

        subscriptions.MapGet("/{id:guid}", WebhookSubscriptionEndpoints.GetAsync).WithName("getWebhookSubscription")
            .WithSummary("One of the caller's subscriptions, without its secret.")
            .RequireRoles(subscribers)
            .ProducesProblem(StatusCodes.Status404NotFound);

        subscriptions.MapDelete("/{id:guid}", WebhookSubscriptionEndpoints.DeleteAsync).WithName("deleteWebhookSubscription")
            .WithSummary("Remove a subscription: nothing more is posted to it, pending retries included.")
            .RequireRoles(subscribers)
            .ProducesProblem(StatusCodes.Status404NotFound);

        subscriptions.MapPost("/{id:guid}/secret-rotation", SecretRotationEndpoint.RotateAsync).WithName("rotateWebhookSecret")
            .WithSummary("Rotate the subscription's secret: the answer holds the new `secret` (shown once). Until " +
                         "`previousSecretValidUntil` (`changeoverHours` from now: 0–168, default " + SubscriptionSettings.ChangeoverSetting +
                         ", 24) every delivery is signed with both, space-separated in `webhook-signature`; then only with the new one. " +
                         "The body is optional.")
            .RequireRoles(subscribers)
            .ProducesProblem(StatusCodes.Status404NotFound);

        subscriptions.MapGet("/{id:guid}/deliveries", WebhookDeliveriesEndpoint.ListAsync).WithName("listWebhookDeliveries").IsExpensiveRead()
            .WithSummary("The subscription's deliveries, newest first, each with every attempt and what the receiver answered " +
                         "(filter by `state`: pending, delivered, failed, cancelled; page, pageSize).")
            .RequireRoles(subscribers)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
