using System.Threading.RateLimiting;
using Sroi.Ledger.Api.RateLimiting;

namespace Sroi.Ledger.Api.Tests.RateLimiting;

/// <summary>
/// A caller's limiter of expensive reads is dropped by the partitioned limiter once it has been idle 10 s, so a node that
/// has seen many keys, people or addresses does not keep a limiter for each for ever. Session 39's attack: the caller's
/// limiter was a plain chain of its own and the node's, which calls itself idle for the shorter of the two; the node's is
/// shared, so every read another caller ended made every caller's partition look freshly used, and under a trickle of
/// reads (a heartbeat every 100 ms finding the node idle less than 10 s) partitions of callers long gone were kept.
/// </summary>
public class IdleCallerPartitionTests
{
    private static ConcurrencyLimiter Node() => new(new ConcurrencyLimiterOptions
    {
        PermitLimit = 1,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        QueueLimit = int.MaxValue,
    });

    [Fact]
    public async Task A_caller_is_idle_since_its_own_last_read_whatever_another_caller_read_since()
    {
        using var node = Node();
        using var gone = CallerShareOfNode.For(LedgerRateLimiting.CallerLimiterOptions(1, 16), node);
        using var other = CallerShareOfNode.For(LedgerRateLimiting.CallerLimiterOptions(1, 16), node);
        // The cause, kept in view: a plain chain over the same node, as before.
        using var goneBefore = new ConcurrencyLimiter(LedgerRateLimiting.CallerLimiterOptions(1, 16));
        using var chainedBefore = RateLimiter.CreateChained(goneBefore, node);

        (await gone.AcquireAsync()).Dispose();
        (await chainedBefore.AcquireAsync()).Dispose();
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        // Another caller's read comes and goes: the node is idle again, since just now.
        (await other.AcquireAsync()).Dispose();

        gone.IdleDuration.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(400),
            "the caller has read nothing for half a second, whatever the node did meanwhile");
        chainedBefore.IdleDuration.Should().BeLessThan(TimeSpan.FromMilliseconds(400),
            "a plain chain takes the node's idle time, restarted by the other caller's read");
    }

    [Fact]
    public async Task A_caller_waiting_in_the_nodes_queue_or_reading_is_not_idle_and_its_limiter_leaves_the_node_working()
    {
        using var node = Node();
        using var reading = CallerShareOfNode.For(LedgerRateLimiting.CallerLimiterOptions(1, 16), node);
        using var waiting = CallerShareOfNode.For(LedgerRateLimiting.CallerLimiterOptions(1, 16), node);

        var read = await reading.AcquireAsync();
        read.IsAcquired.Should().BeTrue();
        var queued = waiting.AcquireAsync().AsTask();
        await Task.Delay(TimeSpan.FromMilliseconds(100));
        queued.IsCompleted.Should().BeFalse("the node's one place is taken");
        reading.IdleDuration.Should().BeNull("a caller reading is in use");
        waiting.IdleDuration.Should().BeNull("a caller waiting in the node's queue holds its own place: in use, never dropped");

        // Dropped as a partition is, a caller's limiter leaves the node's, which every other caller shares, working.
        read.Dispose();
        reading.Dispose();
        using (var next = await queued) next.IsAcquired.Should().BeTrue();
        using var after = CallerShareOfNode.For(LedgerRateLimiting.CallerLimiterOptions(1, 16), node);
        using (var again = await after.AcquireAsync()) again.IsAcquired.Should().BeTrue();
    }

    [Fact]
    public async Task A_thousand_callers_gone_are_dropped_by_the_partitioned_limiter_while_another_caller_keeps_reading()
    {
        // The partitioned limiter as the API builds it (one partition a caller), with the callers' limiters kept in view:
        // a dropped one is disposed, and a disposed one says so when asked for its statistics.
        using var node = Node();
        var made = new List<CallerShareOfNode>();
        using var partitioned = PartitionedRateLimiter.Create<string, string>(caller => RateLimitPartition.Get(caller, _ =>
        {
            var share = CallerShareOfNode.For(LedgerRateLimiting.CallerLimiterOptions(1, 16), node);
            lock (made) made.Add(share);
            return share;
        }));
        for (var i = 0; i < 1_000; i++)
            (await partitioned.AcquireAsync($"gone-{i}")).Dispose();

        // Another caller reads all the while: a read every 50 ms, over in microseconds, so the node is never idle 10 s and a
        // heartbeat (every 100 ms) almost never finds it busy — the trickle that kept every gone caller's partition before.
        var dropped = 0;
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(25);
        while (DateTime.UtcNow < until && (dropped = Dropped(made)) < 1_000)
        {
            (await partitioned.AcquireAsync("reading")).Dispose();
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        dropped.Should().Be(1_000, "every caller gone more than 10 s is dropped, whatever the one left reads");
        made.Should().HaveCount(1_001, "the reading caller's partition is made once and kept");
    }

    private static int Dropped(List<CallerShareOfNode> made)
    {
        lock (made)
            return made.Count(share =>
            {
                try
                {
                    share.GetStatistics();
                    return false;
                }
                catch (ObjectDisposedException)
                {
                    return true;
                }
            });
    }
}
