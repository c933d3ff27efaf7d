using System.Collections.Concurrent;
using NodaTime;

namespace Sroi.Ledger.Api.People;

/// <summary>
/// How often the directory is written for one person: the first request of a sign-in (a sign-in time not seen before, or
/// none seen since the service started), then at most once every <see cref="Interval"/>, whatever the number of requests
/// or nodes' worth of traffic in between. In memory, per node: a second node writes once more, which the upsert absorbs.
/// </summary>
public sealed class SignInThrottle
{
    public static readonly Duration Interval = Duration.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (Instant Written, Instant? SignedInAt)> last = new(StringComparer.Ordinal);

    /// <summary>True when this request should write, and then it is counted as written (tried), so a failing database is not hammered either.</summary>
    public bool ShouldWrite(string actor, Instant? signedInAt, Instant now)
    {
        while (true)
        {
            if (!last.TryGetValue(actor, out var previous))
            {
                if (last.TryAdd(actor, (now, signedInAt))) return true;
                continue;
            }
            var due = previous.SignedInAt != signedInAt || now - previous.Written >= Interval;
            if (!due) return false;
            // Of two requests at once, one writes.
            if (last.TryUpdate(actor, (now, signedInAt), previous)) return true;
        }
    }
}
