namespace Sroi.Ledger.Api.Webhooks;

/// <summary>
/// "POST this notification to this subscription's URL": attempt 1 is sent by the fan-out, each later one is scheduled (a
/// durable Wolverine message) by the attempt before it. A message whose attempt is not the next one is a stale copy.
/// </summary>
public sealed record DeliverWebhook(Guid SubscriptionId, Guid NotificationId, int Attempt);
