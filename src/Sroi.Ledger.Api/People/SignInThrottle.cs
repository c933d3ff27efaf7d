using System.Collections.Concurrent;
using NodaTime;

namespace Sroi.Ledger.Api.People;

/// <summary>
/// How often the directory is written for one person: the first request of a sign-in (a sign-in time not seen before, or
/// none seen since the service started), then at most once every <see cref="Interval"/>, whatever the number of requests
/// or nodes' worth of traffic in between. In memory, per node: a second node writes once more, which the upsert absorbs.
/// An entry older than the interval decides nothing (the next request writes either way), so such entries are swept when a
/// new person arrives, at most once per interval: the memory is bounded by the people active in the last two intervals.
/// </summary>
public sealed class SignInThrottle
{
    public static readonly Duration Interval = Duration.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (Instant Written, Instant? SignedInAt)> last = new(StringComparer.Ordinal);
    private long lastSweepTicks = long.MinValue;

    /// <summary>How many people the throttle holds now (for the test of its bound).</summary>
    public int Count => last.Count;

    /// <summary>True when this request should write, and then it is counted as written (tried), so a failing database is not hammered either.</summary>
    public bool ShouldWrite(string actor, Instant? signedInAt, Instant now)
    {
        while (true)
        {
            if (!last.TryGetValue(actor, out var previous))
            {
                if (last.TryAdd(actor, (now, signedInAt)))
                {
                    SweepIfDue(now);
                    return true;
                }
                continue;
            }
            var due = previous.SignedInAt != signedInAt || now - previous.Written >= Interval;
            if (!due) return false;
            // Of two requests at once, one writes.
            if (last.TryUpdate(actor, (now, signedInAt), previous)) return true;
        }
    }

    private void SweepIfDue(Instant now)
    {
        var previous = Interlocked.Read(ref lastSweepTicks);
        var nowTicks = now.ToUnixTimeTicks();
        if (previous != long.MinValue && nowTicks - previous < Interval.BclCompatibleTicks) return;
        // One sweeper at a time; a request that loses the race simply does not sweep.
        if (Interlocked.CompareExchange(ref lastSweepTicks, nowTicks, previous) != previous) return;
        foreach (var (actor, entry) in last)
            if (now - entry.Written >= Interval)
                last.TryRemove(new KeyValuePair<string, (Instant, Instant?)>(actor, entry));
    }
}
