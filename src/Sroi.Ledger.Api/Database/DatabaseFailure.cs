using System.Collections.Frozen;
using System.Net.Sockets;
using Npgsql;

namespace Sroi.Ledger.Api.Database;

/// <summary>
/// Tells a failure of the database's availability (down, restarting, shutting down, full, a broken connection, a
/// timeout) from every other failure, through the wrappers Marten and the runtime put around it
/// (<c>MartenCommandException</c>, <c>AggregateException</c>, …). The first is a 503 the client may retry; the rest
/// stay the errors they are.
/// </summary>
public static class DatabaseFailure
{
    /// <summary>
    /// The server refusing because it is going away, starting or full. Class 08 (connection exceptions) is matched by
    /// its prefix.
    /// </summary>
    private static readonly FrozenSet<string> UnavailableStates = new[]
    {
        PostgresErrorCodes.AdminShutdown,      // 57P01: pg_ctl stop/restart -m fast terminated the session
        PostgresErrorCodes.CrashShutdown,      // 57P02: another backend crashed, or -m immediate
        PostgresErrorCodes.CannotConnectNow,   // 57P03: starting up or shutting down
        PostgresErrorCodes.TooManyConnections, // 53300
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Refusals that come before any statement runs: the request cannot have recorded anything.</summary>
    private static readonly FrozenSet<string> RefusedAtConnect = new[]
    {
        PostgresErrorCodes.CannotConnectNow,
        PostgresErrorCodes.TooManyConnections,
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="exception"/> (or what it wraps) says the database cannot be used just now.</summary>
    public static bool IsUnavailable(Exception exception) => Causes(exception).Any(cause => cause switch
    {
        // Before NpgsqlException, which it derives from: a server's answer is judged by its SQLSTATE alone (a unique
        // violation or a deadlock is not the database being away).
        PostgresException refusal => refusal.SqlState.StartsWith("08", StringComparison.Ordinal) || UnavailableStates.Contains(refusal.SqlState),
        // Npgsql calls the wire's failures transient: I/O, socket, timeout (a command's, or waiting for a pooled connection).
        NpgsqlException npgsql => npgsql.IsTransient,
        SocketException or TimeoutException or EndOfStreamException => true,
        _ => false,
    });

    /// <summary>
    /// Whether a commit that failed so may nevertheless have committed: the connection died (or timed out) with the
    /// COMMIT possibly on the wire, and no answer came back. Only a refusal before connecting (refused TCP connection,
    /// "cannot connect now", "too many connections") proves nothing was recorded. The same line Marten draws for
    /// its own write retries (WriteRetryClassifier, Marten #5262), so Marten never replays such a commit either.
    /// </summary>
    public static bool LeavesCommitUnknown(Exception exception) =>
        IsUnavailable(exception) && !Causes(exception).Any(cause => cause switch
        {
            PostgresException refusal => RefusedAtConnect.Contains(refusal.SqlState),
            SocketException socket => socket.SocketErrorCode == SocketError.ConnectionRefused,
            _ => false,
        });

    /// <summary>Runs a commit; a failure that leaves its outcome unknown comes out as <see cref="CommitOutcomeUnknownException"/>.</summary>
    public static async Task<T> CommitAsync<T>(Func<Task<T>> commit)
    {
        try { return await commit(); }
        catch (Exception e) when (LeavesCommitUnknown(e)) { throw new CommitOutcomeUnknownException(e); }
    }

    /// <inheritdoc cref="CommitAsync{T}"/>
    public static Task CommitAsync(Func<Task> commit) => CommitAsync(async () => { await commit(); return true; });

    /// <summary>The exception and everything it wraps.</summary>
    private static IEnumerable<Exception> Causes(Exception exception)
    {
        yield return exception;
        IEnumerable<Exception> wrapped = exception is AggregateException aggregate ? aggregate.InnerExceptions
            : exception.InnerException is { } inner ? [inner] : [];
        foreach (var cause in wrapped.SelectMany(Causes))
            yield return cause;
    }
}
