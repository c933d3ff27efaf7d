using System.Diagnostics;
using Marten;
using Npgsql;
using Sroi.Ledger.Api.Admin.RebuildingProjections;
using Sroi.Ledger.Api.EventLog;

namespace Sroi.Ledger.Api.Admin;

/// <summary>How long one projection's rebuild took.</summary>
public sealed record RebuiltProjection(string Name, long Milliseconds);

/// <summary>
/// Rebuilds every read model from the event log while every node keeps writing and reading (issue 23): no write answers
/// 503 for it. Instead of tearing the tables down and replaying the log (Marten's daemon, which left writes deciding on
/// half-rebuilt documents), the rebuild works in pieces that each hold exactly what the writers of that piece hold:
/// <list type="bullet">
/// <item>each stream (<see cref="StreamRefold"/>) under the stream's own advisory lock, the lock every writer of the stream
/// takes before it reads (Writing/LedgerWriter): its document is folded again from its events — a writer of that stream
/// waits for that one stream (milliseconds), writers of every other stream carry on;</item>
/// <item>candidates a batch at a time (<see cref="CandidateBatchRefold"/>), under all the batch's streams' locks: their
/// documents, and their rows of the report tables deleted and made again by their events' statements — a writer of one of
/// them waits for the batch (a fraction of a second);</item>
/// <item>the invoice claims across all contracts (<see cref="InvoiceClaimsReplay"/>), which one stream alone does not
/// explain, under a lock on their table that lets readers read and makes the writers of reports wait while they are
/// replayed in the log's order.</item>
/// <item>last, the rows of candidates without a stream (<see cref="Candidates.CandidateReportTables.WithoutStream"/>), each
/// under the lock its stream would have, and today's caseload count summed again from the rebuilt status pieces
/// (<see cref="CaseloadRecount"/>, under a lock on its table as the claims): the batches leave that one shared table
/// alone, so until this step it holds the count from before the rebuild, moved by the writers as always.</item>
/// </list>
/// Two rebuilds at once — two nodes, or two requests on one — would fold the same streams twice: the second finds the
/// database-wide lock taken and answers 409. The command line's <c>projections rebuild</c> is still Marten's daemon
/// (tear down, replay): for a ledger no node serves.
/// </summary>
public sealed class ProjectionRebuild(IDocumentStore store, NpgsqlDataSource db, ILogger<ProjectionRebuild> logger)
{
    /// <summary>The database-wide lock of a rebuild (a session-level advisory lock, held for the whole run on one connection).</summary>
    private const string LockName = "sroi-projection-rebuild";

    private readonly SemaphoreSlim running = new(1, 1);

    /// <summary>A rebuild runs on this node (reported by /health/ready; it no longer makes the node unready).</summary>
    public bool IsRunning => running.CurrentCount == 0;

    /// <summary>
    /// The projections rebuilt, or null when a rebuild is already running, on this node or another. A statement error
    /// comes out as a <see cref="RebuildFailedException"/> (answered 409 or 503 by its handler).
    /// </summary>
    public async Task<IReadOnlyList<RebuiltProjection>?> RunAsync(CancellationToken ct)
    {
        if (!await running.WaitAsync(0, ct)) return null;
        try
        {
            await using var guard = await db.OpenConnectionAsync(ct);
            if (!await TryLockAsync(guard, ct)) return null;
            try
            {
                return await RebuildAsync(ct);
            }
            // A statement error stops the rebuild; its piece rolled back, the read models as they were: said, not a 500.
            catch (Exception e) when (RebuildFailedException.Of(e) is { } failed)
            {
                throw failed;
            }
            finally
            {
                // The data source's connections are pooled without a reset: a lock left on one would outlive the rebuild.
                await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock(hashtextextended('{LockName}', 0))", guard);
                await unlock.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
        finally
        {
            running.Release();
        }
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock(hashtextextended('{LockName}', 0))", connection);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    private async Task<IReadOnlyList<RebuiltProjection>> RebuildAsync(CancellationToken ct)
    {
        var rebuilt = new List<RebuiltProjection>();
        var clock = Stopwatch.StartNew();
        var claims = await InvoiceClaimsReplay.RunAsync(store, db, ct);
        logger.LogInformation("Rebuilt the invoice claims from {Events} report events", claims);
        rebuilt.Add(new RebuiltProjection(typeof(Fulfilments.InvoiceClaims).FullName!, clock.ElapsedMilliseconds));

        var streams = await StreamRefold.StreamsAsync(db, ct);
        var refold = new StreamRefold(store);
        var candidates = new CandidateBatchRefold(store);
        foreach (var kind in StreamKinds.All)
        {
            clock.Restart();
            var ofKind = streams.Where(s => StreamKinds.Of(s.Stream) == kind).ToList();
            // Streams are independent: several at a time, each on a connection of its own; candidates (most of a ledger,
            // and each with its report tables' statements) a batch at a time.
            if (kind.DocumentType == typeof(Candidates.CandidateDocument))
                await Parallel.ForEachAsync(CandidateBatchRefold.Batches(ofKind), new ParallelOptions { MaxDegreeOfParallelism = BatchWorkers, CancellationToken = ct },
                    async (b, token) => await candidates.RunAsync(b.Tenant, b.Streams, token));
            else
                await Parallel.ForEachAsync(ofKind, new ParallelOptions { MaxDegreeOfParallelism = Workers, CancellationToken = ct },
                    async (s, token) => await refold.RunAsync(s.Tenant, s.Stream, kind, token));
            logger.LogInformation("Folded {Streams} {Kind} streams again", ofKind.Count, kind.DocumentType.Name);
            if (kind.DocumentType == typeof(Candidates.CandidateDocument))
                // Where the read models were right, none: the batches write only the rows that differ from their fold.
                logger.LogInformation("Wrote {Rows} report rows that differed from the candidates' events", candidates.RowsWritten);
            rebuilt.Add(new RebuiltProjection(kind.DocumentType.Name, clock.ElapsedMilliseconds));
        }
        // Rows of candidates without a stream: no stream's refold removed them (none, unless made by hand).
        clock.Restart();
        var strays = new List<(string Municipality, string Number)>();
        await using (var command = db.CreateCommand(Candidates.CandidateReportTables.WithoutStream))
        await using (var rows = await command.ExecuteReaderAsync(ct))
            while (await rows.ReadAsync(ct))
                strays.Add((rows.GetString(0), rows.GetString(1)));
        foreach (var (municipality, number) in strays)
            await StreamRefold.RemoveCandidateAsync(db, municipality, number, ct);
        logger.LogInformation("Removed the report rows of {Candidates} candidates without a stream", strays.Count);
        var caseload = await CaseloadRecount.RunAsync(db, ct);
        logger.LogInformation("Counted today's caseload again: {Rows} rows", caseload);
        // The report tables were replayed with the candidates' documents: the time their statements took, over all workers.
        rebuilt.Add(new RebuiltProjection(typeof(Candidates.CandidateReportTables).FullName!, candidates.ReportTablesMilliseconds + clock.ElapsedMilliseconds));
        return rebuilt;
    }

    /// <summary>
    /// A stream's refold is mostly waiting for round trips (lock, fold, statements, commit), so a few connections per core
    /// keep both sides busy; bounded well below the data source's pool, which the writers share.
    /// </summary>
    private static int Workers => Math.Clamp(Environment.ProcessorCount * 4, 4, 16);

    /// <summary>
    /// A batch of candidates is a few round trips of much work each, so about two per core keep PostgreSQL and the fold busy
    /// (more would only queue on the cores, holding their streams' locks longer).
    /// </summary>
    private static int BatchWorkers => Math.Clamp(Environment.ProcessorCount * 2, 2, 8);
}
