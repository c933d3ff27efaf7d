using System.Globalization;

namespace Sroi.Ledger.Api.RateLimiting;

/// <summary>
/// How many expensive reads (<see cref="ExpensiveRead"/>) the node runs at once, whoever sends them:
/// <c>SROI_EXPENSIVE_READS_IN_FLIGHT_PER_NODE</c> (0 = no limit). Issue 23: the per-caller limit alone lets N callers run
/// N expensive reads at once, and PostgreSQL has no statement priority: with every core busy folding worklists, a balance
/// read of milliseconds waits behind them in the scheduler. Below the core count, a core is always left for the cheap
/// requests. The budget is shared fairly: a caller enters the node's queue only with a place of its own
/// (<see cref="CallerConcurrency.ExpensiveInFlight"/>), so it holds at most that many of the node's places and queue, the
/// queue is served oldest first, and the places go round the callers instead of to whoever sent most. An earlier session
/// rejected a plain node-wide cap for exactly that: one caller could hold all of it.
/// </summary>
/// <param name="InFlight">The node's expensive reads at once; 0 = no limit.</param>
public sealed record NodeExpensiveReads(int InFlight)
{
    public const string Variable = "SROI_EXPENSIVE_READS_IN_FLIGHT_PER_NODE";

    /// <summary>One fewer than the cores the process may use (at least one): on two cores, one for expensive reads and one for the rest.</summary>
    public static int DefaultInFlight(int processorCount) => Math.Max(1, processorCount - 1);

    public bool Enabled => InFlight > 0;

    public static NodeExpensiveReads From(IConfiguration configuration, int processorCount) => configuration[Variable] switch
    {
        null or "" => new NodeExpensiveReads(DefaultInFlight(processorCount)),
        var text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) => new NodeExpensiveReads(count),
        var text => throw new InvalidOperationException(
            $"{Variable} must be a whole number of requests (0 = no limit; unset = the cores less one), not '{text}'."),
    };
}
