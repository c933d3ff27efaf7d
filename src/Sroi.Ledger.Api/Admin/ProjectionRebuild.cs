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

    public bool IsRunning => running.CurrentCount == 0;

    /// <summary>The projections rebuilt in order, or null when a rebuild is already running.</summary>
    public async Task<IReadOnlyList<RebuiltProjection>?> RunAsync(CancellationToken ct)
    {
        if (!await running.WaitAsync(0, ct)) return null;
        try
        {
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
            running.Release();
        }
    }
}
