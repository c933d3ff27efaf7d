using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Marten;
using NodaTime;
using Npgsql;
using NpgsqlTypes;
using Sroi.Ledger.Api.EventLog;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.Marten;
using Wolverine.Runtime;

namespace Sroi.Ledger.Api.Webhooks;

/// <summary>
/// One attempt to deliver one notification to one subscription: POST the stored body, signed, without following
/// redirects; a 2xx is delivered, anything else (another status, a timeout, a refused connection) fails the attempt. The
/// attempt, the delivery's new state and — after a failure — the next attempt (a scheduled durable message) commit in one
/// transaction. Delivery is at least once: a crash after the receiver's 2xx and before that commit sends it again, with
/// the same id, which is why receivers deduplicate on it.
/// </summary>
public static class DeliveryHandler
{
    public const string HttpClientName = "webhooks";

    /// <summary>
    /// The delivery client's handler: no redirects followed (a receiver cannot send a delivery elsewhere), a short connect
    /// timeout, and connections only to addresses <paramref name="addresses"/> allows.
    /// </summary>
    public static SocketsHttpHandler Handler(ReceiverAddresses addresses) => new()
    {
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        UseCookies = false,
        ConnectCallback = addresses.ConnectAsync,
    };

    [WolverineHandler]
    public static async Task HandleAsync(DeliverWebhook message, NpgsqlDataSource db, IDocumentStore store, IWolverineRuntime messaging,
        IHttpClientFactory http, RetrySchedule retries, IClock clock, ILogger<DeliverWebhook> logger, CancellationToken ct)
    {
        var target = await WebhookDeliveries.TargetAsync(db, message, ct);
        if (target is null) return; // delivered, given up, or a stale copy of an attempt already made

        await using var session = store.LightweightSession();
        if (target.Deleted)
        {
            session.QueueOperation(WebhookDeliveries.Cancel(message));
            await session.SaveChangesAsync(ct);
            return;
        }

        var body = Encoding.UTF8.GetBytes(target.Body);
        int? status = null;
        string? error = null;
        var watch = Stopwatch.StartNew();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Of(target.Secret, body));
            request.Headers.Add("X-Sroi-Notification-Id", message.NotificationId.ToString());
            request.Headers.Add("X-Sroi-Delivery-Attempt", message.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
                error = status is >= 300 and < 400 ? "The receiver answered a redirect; redirects are not followed." : $"The receiver answered {status}.";
        }
        // Whatever goes wrong with the request is a failed attempt, retried on schedule, never a lost delivery; only the
        // service stopping (ct) ends it here, and Wolverine hands the message out again after the restart.
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            error = e is TaskCanceledException ? "No answer within the timeout." : $"The request failed: {e.Message}";
        }
        watch.Stop();

        var now = clock.GetCurrentInstant();
        var delivered = error is null;
        var wait = delivered ? null : retries.After(message.Attempt);
        session.QueueOperation(WebhookDeliveries.RecordAttempt(message, now, status, error, (int)watch.ElapsedMilliseconds));
        session.QueueOperation(WebhookDeliveries.Update(message, now, delivered, wait is { } w ? now + Duration.FromTimeSpan(w) : null));
        if (wait is { } delay)
        {
            var outbox = new MartenOutbox(messaging, session);
            await outbox.ScheduleAsync(message with { Attempt = message.Attempt + 1 }, delay);
        }
        await session.SaveChangesAsync(ct);
        if (!delivered)
            logger.LogWarning("Webhook {Subscription} attempt {Attempt} for notification {Notification} failed: {Error}{Next}",
                message.SubscriptionId, message.Attempt, message.NotificationId, error, wait is null ? "; giving up" : $"; next in {wait}");
    }
}
