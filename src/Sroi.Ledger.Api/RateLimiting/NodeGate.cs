using System.Threading.RateLimiting;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.RateLimiting;

/// <summary>
/// How many of this node's worklist statements run at once, whoever sends them (issue 23). The statement is CPU-bound in
/// PostgreSQL (about 2 ms a call at 10,000 contracts); eight at once on two cores queue four deep in the operating system's
/// scheduler, where each backend time-shares the cores with the others and with the service, and the slowest of the eight
/// is the tail. Behind the gate the ones beyond <see cref="AtOnce"/> wait in a FIFO queue before they take a connection, so
/// the ones running finish at their own pace and a request's time is its place in the queue plus its own. ASP.NET's own
/// <see cref="ConcurrencyLimiter"/>, taken by an endpoint filter (<see cref="NodeGateConventions.IsGatedPerNode"/>): after
/// the per-caller limits (the rate limiter's middleware, <see cref="LedgerRateLimiting"/>), so one caller holds at most its
/// <see cref="CallerConcurrency.ExpensiveInFlight"/> places in this queue and another caller's request waits behind those
/// only; before the handler, so a waiting request holds no database connection (a GET has no body to wait for either).
/// </summary>
/// <param name="AtOnce">
/// <c>SROI_WORKLIST_READS_AT_ONCE</c>: statements running at once on this node; 0, the default, is no gate. Off until a
/// quiet measurement shows the tail shorter with it: under other work (session 38, load 40–100) the gate at the two
/// cores halved the worklist's throughput at eight connections, since fewer runnable backends get a smaller share of cores
/// that other processes want too (docs/benchmarks.md, "The worklist's taking-part arm and a gate per node").
/// </param>
/// <param name="Queued"><c>SROI_WORKLIST_READS_QUEUED</c>: how many more wait, oldest first, before a 503 with Retry-After.</param>
public sealed record NodeGateSettings(int AtOnce, int Queued)
{
    public const string AtOnceVariable = "SROI_WORKLIST_READS_AT_ONCE";
    public const string QueuedVariable = "SROI_WORKLIST_READS_QUEUED";

    /// <summary>No gate (see <see cref="AtOnce"/>); where it is set, about the database's cores divided among the nodes.</summary>
    public const int DefaultAtOnce = 0;

    /// <summary>
    /// Far more than the per-caller limits let a few callers queue (2 each), so the gate refuses only when the node is
    /// swamped by many callers at once; a request this deep waits about 64 × 2 ms / cores, still a fraction of a second.
    /// </summary>
    public const int DefaultQueued = 64;

    /// <summary>A request refused at the gate may try again after a second: the queue drains in well under that.</summary>
    public const int RetryAfterSeconds = 1;

    public static NodeGateSettings From(IConfiguration configuration) => new(
        CallerConcurrency.Read(configuration, AtOnceVariable, DefaultAtOnce, "0 = no gate"),
        CallerConcurrency.Read(configuration, QueuedVariable, DefaultQueued, "0 = none wait: beyond those running, 503 at once"));
}

/// <summary>The node's one gate (a singleton): <see cref="NodeGateSettings"/>.</summary>
public sealed class NodeGate : IDisposable
{
    private readonly ConcurrencyLimiter? limiter;

    public NodeGate(NodeGateSettings settings) =>
        limiter = settings.AtOnce <= 0 ? null : new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = settings.AtOnce,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            QueueLimit = settings.Queued,
        });

    /// <summary>No gate (<see cref="NodeGateSettings.AtOnce"/> 0): every request runs at once.</summary>
    public bool Open => limiter is null;

    /// <summary>
    /// A place to run: at once, after those ahead in the queue, or not acquired (the queue full). Cancelled with the request
    /// (the client gone), which leaves the queue.
    /// </summary>
    public ValueTask<RateLimitLease> EnterAsync(CancellationToken ct) =>
        limiter?.AcquireAsync(1, ct) ?? throw new InvalidOperationException("The gate is open: there is no place to take.");

    public void Dispose() => limiter?.Dispose();
}

public static class NodeGateConventions
{
    /// <summary>
    /// This endpoint's handler runs behind the node's gate (<see cref="NodeGate"/>); the place is given back when the handler
    /// returns, before its result is written, so a client slow to read the answer holds none.
    /// </summary>
    public static RouteHandlerBuilder IsGatedPerNode(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var gate = http.RequestServices.GetRequiredService<NodeGate>();
            if (gate.Open) return await next(context);
            using var place = await gate.EnterAsync(http.RequestAborted);
            if (!place.IsAcquired)
                return Problems.Unavailable(http, "The node is reading as many worklists as it can, and as many more wait; " +
                    $"retry after {NodeGateSettings.RetryAfterSeconds} s.", NodeGateSettings.RetryAfterSeconds);
            return await next(context);
        });
}
