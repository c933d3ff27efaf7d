using Npgsql;
using Sroi.Ledger.Api.Auditing.Checkpoints;
using Sroi.Ledger.Api.Auditing.CommitSignatures;

namespace Sroi.Ledger.Api.Auditing.Verification;

/// <summary>
/// The signed heads' ECDSA checks started ahead of the slices that need them (issue 23). They were a quarter of a first
/// verification's CPU (about 75 µs a head, 92,002 heads at 1,000,000 events), done by the slices' workers one head at a time,
/// while at the start one core idled as PostgreSQL built the stream list. A head's check needs nothing but its row, so here,
/// on a thread of its own and a copy of the verification's snapshot, the heads are checked from the last stream backwards
/// from the moment the snapshot exists, while the workers go forwards from the first; each valid one is remembered
/// (<see cref="VerifiedSignatures"/>), and a worker reaching it finds it checked. It stops at the first head it finds
/// remembered already (there it met the workers, or a verification before this one checked them all), or when stopped.
/// It decides nothing: a worker still asks every head for its verdict (<see cref="SignedHead.Verdict"/>), and an invalid
/// signature, never remembered, is checked there again and named as before: the findings and their order do not depend on
/// how far this got.
/// </summary>
internal sealed class SignaturesAhead : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task<int> running;

    private SignaturesAhead(NpgsqlDataSource db, string snapshotId, string? municipality, CheckpointKey key) =>
        // A thread of its own, not the pool's: its ECDSA is synchronous CPU work, and on a pool thread it would hold back the
        // ordered read's and the workers' continuations until the pool grew.
        running = Task.Factory.StartNew(() => Check(db, snapshotId, municipality, key, stop.Token), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Starts checking the heads of the municipality (every one when null) in the exported snapshot <paramref name="snapshotId"/>.</summary>
    public static SignaturesAhead Start(NpgsqlDataSource db, string snapshotId, string? municipality, CheckpointKey key) =>
        new(db, snapshotId, municipality, key);

    /// <summary>Stops it (at its next head) and answers how many heads it checked; a failure of its own is thrown here.</summary>
    public async Task<int> StopAsync()
    {
        await stop.CancelAsync();
        return await running;
    }

    private static int Check(NpgsqlDataSource db, string snapshotId, string? municipality, CheckpointKey key, CancellationToken stopped)
    {
        if (stopped.IsCancellationRequested) return 0;
        using var connection = db.OpenConnection();
        using var copy = connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
        using (var imported = new NpgsqlCommand($"SET TRANSACTION SNAPSHOT '{snapshotId}'; SET TRANSACTION READ ONLY", connection, copy))
            imported.ExecuteNonQuery();
        var checkedHeads = 0;
        foreach (var head in CommitSignatureTable.NewestFirst(connection, copy, municipality))
        {
            if (stopped.IsCancellationRequested || head.RememberedValid(key)) break;
            head.Verdict(key);
            checkedHeads++;
        }
        return checkedHeads;
    }

    /// <summary>On the way out of a verification that failed: stopped, and its own outcome left to the failure already thrown.</summary>
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await running.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        stop.Dispose();
    }
}
