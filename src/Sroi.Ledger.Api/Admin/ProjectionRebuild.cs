using System.Diagnostics;
using Marten;

namespace Sroi.Ledger.Api.Admin;

/// <summary>How long one projection's rebuild took.</summary>
public sealed record RebuiltProjection(string Name, long Milliseconds);

/// <summary>
/// Rebuilds every projection from the event log with Marten's daemon: each projection's documents (and the tables it
/// fills) are torn down and folded again from every event. While it runs on this node, writes answer 503 (a write
/// deciding on a half-rebuilt document would decide on the wrong state); reads may see a half-rebuilt view. With several
/// nodes, rebuild in a maintenance window (the command line: <c>Sroi.Ledger.Api projections rebuild</c>).
/// </summary>
public sealed class ProjectionRebuild(IDocumentStore store, ILogger<ProjectionRebuild> logger)
{
    private readonly SemaphoreSlim running = new(1, 1);

    /// <summary>Writes that began before the rebuild and have not ended (<see cref="BeginWrite"/>).</summary>
    private int writing;

    public bool IsRunning => running.CurrentCount == 0;

    /// <summary>A rebuild has begun and waits for the writes that began before it to end.</summary>
    public bool WaitingForWrites { get; private set; }

    /// <summary>
    /// A write's lease, held until its transaction has ended; null while a rebuild runs (the write answers 503). Checking
    /// <see cref="IsRunning"/> alone left a write that had passed the check free to commit into tables being torn down.
    /// </summary>
    public IDisposable? BeginWrite()
    {
        Interlocked.Increment(ref writing);
        if (!IsRunning) return new WriteLease(this);
        Interlocked.Decrement(ref writing);
        return null;
    }

    /// <summary>The projections rebuilt in order, or null when a rebuild is already running.</summary>
    public async Task<IReadOnlyList<RebuiltProjection>?> RunAsync(CancellationToken ct)
    {
        if (!await running.WaitAsync(0, ct)) return null;
        try
        {
            // From here no write begins (BeginWrite sees IsRunning); those that began before end first.
            WaitingForWrites = true;
            while (Interlocked.CompareExchange(ref writing, 0, 0) > 0) await Task.Delay(10, ct);
            WaitingForWrites = false;
            // Marten lists the names quoted ('SroiPolicyDocument') but looks them up bare.
            var names = ((StoreOptions)store.Options).Projections.AllProjectionNames().Select(name => name.Trim('\'')).ToList();
            using var daemon = await store.BuildProjectionDaemonAsync(logger: logger);
            await daemon.PrepareForRebuildsAsync();
            var rebuilt = new List<RebuiltProjection>();
            foreach (var name in names)
            {
                var clock = Stopwatch.StartNew();
                logger.LogInformation("Rebuilding projection {Projection}", name);
                await daemon.RebuildProjectionAsync(name, TimeSpan.FromMinutes(30), ct);
                rebuilt.Add(new RebuiltProjection(name, clock.ElapsedMilliseconds));
            }
            return rebuilt;
        }
        finally
        {
            WaitingForWrites = false;
            running.Release();
        }
    }

    private sealed class WriteLease(ProjectionRebuild rebuild) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) Interlocked.Decrement(ref rebuild.writing);
        }
    }
}
