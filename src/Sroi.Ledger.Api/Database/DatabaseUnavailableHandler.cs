using Microsoft.AspNetCore.Diagnostics;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Database;

/// <summary>
/// The one place a database that is away becomes an answer: every request that needed it (reads, writes, the key
/// lookup of the role check) gets 503 application/problem+json with Retry-After instead of a 500, saying whether a
/// write may have been recorded. Registered as the exception handler's first <see cref="IExceptionHandler"/>; any
/// other exception falls through to the generic 500.
/// <para>
/// The pool is left to Npgsql: it hands out idle connections unchecked, but the first one found broken (an I/O error:
/// the server closed it) clears the whole pool (npgsql/npgsql#6427), so after a restart one request meets a dead
/// connection and the next open fresh ones. Measured with and without an explicit <c>NpgsqlDataSource.Clear()</c>
/// here: one 503, then 200s, either way (Reliability.Tests, <c>After_a_restart_while_idle…</c>). Clearing on every 503
/// would also close healthy connections when the pool is merely exhausted under load, the worst moment to reconnect.
/// </para>
/// </summary>
public sealed class DatabaseUnavailableHandler(ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    /// <summary>
    /// pg_ctl stop and start took 0.1–0.5 s each here (docs/reliability.md); crash recovery or a failover of a real server
    /// takes longer, and a client that retries sooner only adds load.
    /// </summary>
    public const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (!DatabaseFailure.IsUnavailable(exception)) return false;

        logger.LogWarning("The database is unavailable ({Error}); answered 503 to {Method} {Path}",
            Innermost(exception).Message, http.Request.Method, http.Request.Path);

        var detail = exception is CommitOutcomeUnknownException
            ? "The connection to the database broke while this write was being committed: it may or may not have been recorded. " +
              "Retry with the same Idempotency-Key (a recorded write answers as it did the first time), or read the resource to find out."
            : HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
                ? "The database cannot be reached just now; retry in a moment."
                : "The database cannot be reached just now; nothing was recorded. Retry in a moment.";
        await Problems.Unavailable(http, detail, RetryAfterSeconds).ExecuteAsync(http);
        return true;
    }

    private static Exception Innermost(Exception exception) => exception.InnerException is { } inner ? Innermost(inner) : exception;
}
