using JasperFx.Events.Projections;
using Marten;
using Npgsql;

namespace Sroi.Ledger.Api.Health;

/// <summary>How far an asynchronous projection has read the log, and how many events it still has to fold.</summary>
public sealed record ProjectionLag(string Name, long Position, long LagEvents);

/// <summary>
/// The projections' state as the readiness check reports it. Every projection of the ledger is inline (folded in the
/// append's transaction), so it cannot lag; only an asynchronous one would, by the events between the log's last
/// sequence number and its row in Marten's <c>mt_event_progression</c>. A rebuild on this node is reported too.
/// </summary>
public sealed record ProjectionsCheck(int Inline, IReadOnlyList<ProjectionLag> Async, long MaxLagEvents, bool Rebuilding);

/// <summary>The database's answer to the readiness check: its round trip and the positions in the log.</summary>
public sealed record DatabaseCheck(string Status, long Milliseconds, long LastEventSequence);

public static class ProjectionPositions
{
    /// <summary>The log's last sequence number and every progression row Marten keeps, in one round trip.</summary>
    public static async Task<(long LastSequence, IReadOnlyDictionary<string, long> Progress)> ReadAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var batch = db.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT coalesce(max(seq_id), 0) FROM mt_events"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT name, last_seq_id FROM mt_event_progression"));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var last = reader.GetInt64(0);
        await reader.NextResultAsync(ct);
        var progress = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
            progress[reader.GetString(0)] = reader.GetInt64(1);
        return (last, progress);
    }

    /// <summary>The inline projections counted, each asynchronous one with its lag (its shards are named "Name:…").</summary>
    public static ProjectionsCheck Check(IDocumentStore store, long lastSequence, IReadOnlyDictionary<string, long> progress, bool rebuilding)
    {
        var projections = ((StoreOptions)store.Options).Projections.All;
        var lags = projections.Where(p => p.Lifecycle == ProjectionLifecycle.Async)
            .Select(p =>
            {
                var position = progress.Where(row => row.Key.StartsWith(p.Name + ":", StringComparison.Ordinal))
                    .Select(row => row.Value).DefaultIfEmpty(0).Min();
                return new ProjectionLag(p.Name, position, lastSequence - position);
            })
            .ToList();
        return new ProjectionsCheck(projections.Count(p => p.Lifecycle == ProjectionLifecycle.Inline), lags,
            lags.Select(l => l.LagEvents).DefaultIfEmpty(0).Max(), rebuilding);
    }
}
