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
    /// The delivery client's handler: no redirects followed (a receiver cannot send a delivery elsewhere), no proxy (it
    /// would be the address connected to, not the receiver's, and so escape the check), a short connect timeout, and
    /// connections only to addresses <paramref name="addresses"/> allows.
    /// </summary>
    public static SocketsHttpHandler Handler(ReceiverAddresses addresses) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        UseCookies = false,
        ConnectCallback = addresses.ConnectAsync,
    };

    /// <summary>What the delivery log says of an attempt that got no answer; never a port, a name, an address or an exception's text.</summary>
    public const string ConnectionFailed = "connection failed";
    public const string TimedOut = "timed out";
    public const string SecretUnreadable = "not sent: the subscription's secret cannot be decrypted (rotate it)";

    [WolverineHandler]
    public static async Task HandleAsync(DeliverWebhook message, NpgsqlDataSource db, IDocumentStore store, IWolverineRuntime messaging,
        IHttpClientFactory http, RetrySchedule retries, WebhookSecrets secrets, IClock clock, ILogger<DeliverWebhook> logger, CancellationToken ct)
    {
        // One node at a time per delivery: two copies of one attempt (two nodes that both believed they owned it, issue 23)
        // would otherwise both POST. The lock is held for the whole attempt by a transaction of its own, released when it
        // ends or its node dies; the copy that finds it taken leaves the attempt to its holder, and the copy that gets it
        // afterwards reads the delivery again below and finds that attempt made.
        await using var guard = await DeliveryGuard.TryTakeAsync(db, message, ct);
        if (guard is null) return;
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
        // The changeover is the ledger's time (it was set by it); the signature's timestamp is the system clock's, because
        // the receiver compares it with its own wall clock (a rehearsal's SROI_CLOCK_OFFSET_SECONDS must not move it).
        var current = secrets.Reveal(message.SubscriptionId, target.Secret);
        var previous = target.PreviousSecret is { } stored && target.PreviousUntil > clock.GetCurrentInstant()
            ? secrets.Reveal(message.SubscriptionId, stored) : null;
        int? status = null;
        string? error = null;
        Exception? failure = null;
        var watch = Stopwatch.StartNew();
        if (current is null) error = SecretUnreadable;
        else
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                // The replaced secret's signature first: the StandardWebhooks NuGet package (1.1.2) compares only the first
                // signature of the header, so a receiver on it that has not switched yet keeps verifying (README).
                foreach (var (name, value) in WebhookSignature.Headers(message.NotificationId, SystemClock.Instance.GetCurrentInstant(),
                             previous is null ? [current] : [previous, current], previous ?? current, body))
                    request.Headers.Add(name, value);
                request.Headers.Add("X-Sroi-Notification-Id", message.NotificationId.ToString());
                request.Headers.Add("X-Sroi-Delivery-Attempt", message.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
                using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                status = (int)response.StatusCode;
                if (!response.IsSuccessStatusCode)
                    error = status is >= 300 and < 400 ? $"HTTP {status}: redirects are not followed" : $"HTTP {status}";
            }
            // Whatever goes wrong with the request is a failed attempt, retried on schedule, never a lost delivery; only the
            // service stopping (ct) ends it here, and Wolverine hands the message out again after the restart. The log row
            // the subscriber reads says only what kind of failure it was: an exception's text names ports, addresses and
            // DNS answers of the network the service runs in. The operator's log below has it whole.
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                failure = e;
                error = e is TaskCanceledException or TimeoutException ? TimedOut : ConnectionFailed;
            }
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
            logger.LogWarning(failure, "Webhook {Subscription} attempt {Attempt} for notification {Notification} failed: {Error}{Next}",
                message.SubscriptionId, message.Attempt, message.NotificationId, error, wait is null ? "; giving up" : $"; next in {wait}");
    }
}
