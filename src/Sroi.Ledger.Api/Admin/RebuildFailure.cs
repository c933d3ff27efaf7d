using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using Sroi.Ledger.Api.HttpConventions;

namespace Sroi.Ledger.Api.Admin;

/// <summary>
/// A rebuild (<see cref="ProjectionRebuild"/>) stopped by a statement error. Each piece of a rebuild is folded in a
/// transaction of its own, so the piece that failed was rolled back whole and every piece before it holds what a fold
/// of its events makes (what it held, on a ledger whose read models were right): the read models are as they were, and
/// the answer says which of two things happened (<see cref="Handler"/>), never the server's 500.
/// </summary>
public sealed class RebuildFailedException(bool rolledBack, string detail, Exception cause) : Exception(detail, cause)
{
    /// <summary>
    /// PostgreSQL rolled the piece back for a passing reason every time it was tried (a deadlock with writers, a lock or
    /// statement timeout): a rebuild later may well pass.
    /// </summary>
    public bool RolledBack { get; } = rolledBack;

    /// <summary>
    /// The failure of a rebuild, or null for what is no statement error of the rebuild's: a cancelled request, or the
    /// database being away (Database/DatabaseUnavailableHandler answers that one, 503).
    /// </summary>
    public static RebuildFailedException? Of(Exception e)
    {
        if (e is RebuildFailedException or OperationCanceledException || Database.DatabaseFailure.IsUnavailable(e)) return null;
        var postgres = Causes(e).OfType<PostgresException>().FirstOrDefault();
        if (postgres is null && !Writing.LedgerWriter.RolledBack(e)) return null;
        var rolledBack = Writing.LedgerWriter.RolledBack(e) || postgres?.SqlState is PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.QueryCanceled;
        // The piece, when the refold named it (StreamRefold, CandidateBatchRefold), and PostgreSQL's own words.
        var piece = Causes(e).OfType<InvalidOperationException>().FirstOrDefault()?.Message;
        var error = postgres is null ? e.Message : $"PostgreSQL answered {postgres.SqlState}: {postgres.MessageText}";
        var detail = (piece is null ? $"The rebuild stopped: {error}." : $"The rebuild stopped: {piece} ({error}).") +
            " That piece was rolled back and the pieces before it were folded again to what their events make: the read models are as they were. " +
            (rolledBack ? "The database rolled it back each time it was tried (a deadlock with writers, a lock timeout): run the rebuild again later."
                : "Running it again will stop at the same place until the cause is mended.");
        return new RebuildFailedException(rolledBack, detail, e);
    }

    private static IEnumerable<Exception> Causes(Exception e)
    {
        yield return e;
        IEnumerable<Exception> inner = e is AggregateException all ? all.InnerExceptions : e.InnerException is { } one ? [one] : [];
        foreach (var cause in inner.SelectMany(Causes)) yield return cause;
    }

    /// <summary>
    /// The answer to a failed rebuild: 503 with Retry-After and code <c>rebuild.rolled-back</c> when it may pass later, else 409
    /// with code <c>rebuild.failed</c> (the ledger's state stops it until mended: a 409's "conflicts with the current state").
    /// Registered after Database/DatabaseUnavailableHandler.
    /// </summary>
    public sealed class Handler(ILogger<RebuildFailedException> logger) : IExceptionHandler
    {
        /// <summary>A rebuild takes seconds to minutes; one asked again sooner would meet the same writers.</summary>
        public const int RetryAfterSeconds = 30;

        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not RebuildFailedException failed) return false;
            logger.LogError(failed.InnerException, "The rebuild failed: {Detail}", failed.Message);
            var result = failed.RolledBack
                ? Problems.Unavailable(http, failed.Message, RetryAfterSeconds, new Dictionary<string, object?> { ["code"] = "rebuild.rolled-back" })
                : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The rebuild failed.", detail: failed.Message,
                    type: "https://sroi-ledger.nl/problems/rebuild.failed", extensions: new Dictionary<string, object?> { ["code"] = "rebuild.failed" });
            await result.ExecuteAsync(http);
            return true;
        }
    }
}
