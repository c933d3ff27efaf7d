using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Hosting.DatabaseUnavailable;

/// <summary>
/// The one place a database that is away becomes an answer: every request that needed it (reads, writes, the key
/// lookup of the role check) gets 503 application/problem+json with Retry-After instead of a 500, saying whether a
/// write may have been recorded. Registered as the exception handler's first <see cref="IExceptionHandler"/>; any
/// other exception falls through to the generic 500.
/// </summary>
public sealed class DatabaseUnavailableHandler(NpgsqlDataSource dataSource, ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    /// <summary>A restart of PostgreSQL takes about a second (docs/reliability.md); clients wait a little longer.</summary>
    public const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (!DatabaseFailure.IsUnavailable(exception)) return false;

        // Npgsql hands out an idle pooled connection without checking it: after a restart every connection the old
        // server closed would fail one request each. Dropping the pool makes the next requests open fresh ones (busy
        // connections are closed when they come back).
        dataSource.Clear();
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
