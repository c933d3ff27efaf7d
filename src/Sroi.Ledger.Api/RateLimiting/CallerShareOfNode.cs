using System.Threading.RateLimiting;

namespace Sroi.Ledger.Api.RateLimiting;

/// <summary>
/// One caller's expensive reads: its own concurrency limiter, then the node's (<see cref="NodeExpensiveReads"/>), in that
/// order, idle when the caller is. The partitioned limiter drops a partition whose limiter has been idle 10 s; a plain
/// chain (<see cref="RateLimiter.CreateChained"/>) calls itself idle for the shortest idle time of its limiters, and the
/// node's is shared by every caller: each read anyone ends restarts it, so under a trickle of other callers' reads a
/// caller gone for good kept its partition until a heartbeat happened to find the node busy or idle 10 s (session 39's
/// attack). The caller's own limiter says whether the caller is idle: it holds a lease while the caller waits in the
/// node's queue or reads, so a partition in use is never dropped.
/// </summary>
internal sealed class CallerShareOfNode : RateLimiter
{
    private readonly ConcurrencyLimiter caller;
    private readonly RateLimiter chain;

    private CallerShareOfNode(ConcurrencyLimiter caller, RateLimiter? node)
    {
        this.caller = caller;
        chain = node is null ? caller : CreateChained(caller, node);
    }

    /// <summary>The caller's own limiter made of <paramref name="caller"/>'s options, before <paramref name="node"/> (none: the caller's alone).</summary>
    public static CallerShareOfNode For(ConcurrencyLimiterOptions caller, RateLimiter? node) => new(new ConcurrencyLimiter(caller), node);

    public override TimeSpan? IdleDuration => caller.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => chain.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => chain.AttemptAcquire(permitCount);

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        chain.AcquireAsync(permitCount, cancellationToken);

    /// <summary>
    /// The caller's limiter with it; never the node's, which outlives every caller's (a chain disposes none it holds). The
    /// partitioned limiter drops an idle partition by <see cref="RateLimiter.DisposeAsync"/>, which calls
    /// <c>Dispose(false)</c> after this: so this disposes too.
    /// </summary>
    protected override async ValueTask DisposeAsyncCore()
    {
        if (!ReferenceEquals(chain, caller)) await chain.DisposeAsync();
        await caller.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (!ReferenceEquals(chain, caller)) chain.Dispose();
            caller.Dispose();
        }
        base.Dispose(disposing);
    }
}
