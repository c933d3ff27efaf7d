using System.Globalization;

namespace Sroi.Ledger.Api.RateLimiting;

/// <summary>
/// How many requests one caller (the rate limit's partition: a key, a person, or without either an address) may have in
/// flight at once, and how many more may wait for a turn before a 429. The rate limit alone bounds requests a minute, not
/// their cost: a key within its 600 a minute could keep dozens of worklist reads of seconds each running, holding the
/// database connections and both cores while another key's balance read of milliseconds waited a second (issue 23). With a
/// few in flight per caller, a flood queues behind itself and every other caller keeps its share.
/// </summary>
/// <param name="InFlight"><c>SROI_REQUESTS_IN_FLIGHT_PER_CALLER</c>: any request of the API (0 = no limit).</param>
/// <param name="ExpensiveInFlight">
/// <c>SROI_EXPENSIVE_READS_IN_FLIGHT_PER_CALLER</c>: of those, the reads whose cost grows with a municipality (the
/// worklist, the lists, the reports and exports, the verification; <see cref="LedgerRateLimiters.ExpensiveReads"/>); 0 = no limit.
/// It is also the caller's share of the node's expensive reads (<see cref="NodeExpensiveReads"/>): a caller waits in the
/// node's queue with at most this many, so the node's places go round the callers.
/// </param>
/// <param name="Queued">
/// <c>SROI_REQUESTS_QUEUED_PER_CALLER</c>: how many more of a caller's requests wait for a turn under each of the two
/// limits, oldest first, before it answers 429: a batch of reports sent at once, or a dashboard page's few lists, waits
/// rather than fails; a flood beyond it is refused at once instead of piling up.
/// </param>
public sealed record CallerConcurrency(int InFlight, int ExpensiveInFlight, int Queued)
{
    public const string InFlightVariable = "SROI_REQUESTS_IN_FLIGHT_PER_CALLER";
    public const string ExpensiveInFlightVariable = "SROI_EXPENSIVE_READS_IN_FLIGHT_PER_CALLER";
    public const string QueuedVariable = "SROI_REQUESTS_QUEUED_PER_CALLER";

    /// <summary>Four at once: more than a client's sensible parallelism, a small share of the connection pool (Npgsql's default of 100).</summary>
    public const int DefaultInFlight = 4;

    /// <summary>
    /// One: a caller's expensive reads run one after another, so one caller holds at most one of the node's cores. With two
    /// (sessions 34-37) a key flooding the worklist took both cores of a two-core node, and another key's balance read had a
    /// p99 six times its own (docs/benchmarks.md, "One key cannot slow another"). A caller's next expensive read waits its
    /// turn in the queue, so a dashboard's few lists arrive one after another rather than fail.
    /// </summary>
    public const int DefaultExpensiveInFlight = 1;

    public const int DefaultQueued = 16;

    /// <summary>A request refused for this limit may try again after a second: the caller's own requests end meanwhile.</summary>
    public const int RetryAfterSeconds = 1;

    public static CallerConcurrency From(IConfiguration configuration) => new(
        Read(configuration, InFlightVariable, DefaultInFlight, "0 = no limit"),
        Read(configuration, ExpensiveInFlightVariable, DefaultExpensiveInFlight, "0 = no limit"),
        // 0 here is the opposite of the limits' 0: an operator told "0 = no limit" would refuse every request beyond those in flight.
        Read(configuration, QueuedVariable, DefaultQueued, "0 = none wait: beyond those in flight, 429 at once"));

    private static int Read(IConfiguration configuration, string variable, int fallback, string zero) => configuration[variable] switch
    {
        null or "" => fallback,
        var text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) => count,
        var text => throw new InvalidOperationException($"{variable} must be a whole number of requests ({zero}), not '{text}'."),
    };
}
