using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.Auditing.Verification;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Auditing.Checkpoints;

/// <summary>A municipality whose checkpoint was not signed, because its ledger no longer extends the last one.</summary>
public sealed record RefusedCheckpoint(string Municipality, Guid Against, string Reason, IReadOnlyList<Discrepancy> Discrepancies);

/// <summary>What one round of checkpointing made and refused.</summary>
public sealed record CheckpointRun(IReadOnlyList<CheckpointResponse> Checkpoints, IReadOnlyList<RefusedCheckpoint> Refused);

/// <summary>
/// Makes checkpoints: per municipality (an auditor reads, keeps and verifies only its own municipality's streams), the
/// chain head of every stream and the global position, read in one REPEATABLE READ snapshot and signed with the
/// <see cref="CheckpointKey"/>. Before signing it holds the ledger to the municipality's newest checkpoint: a ledger that no
/// longer extends it (an event changed or lost behind the service's back) gets no fresh signature to hide behind.
/// </summary>
public sealed class Checkpointer(NpgsqlDataSource db, CheckpointKey key, IClock clock)
{
    private const int SnapshotAttempts = 100;

    /// <summary>
    /// One round, for every municipality with streams or checkpoints (or the one named). Unless <paramref name="evenIfUnchanged"/>,
    /// a municipality without events after its newest checkpoint's position is skipped. Null when appends kept running
    /// through every attempt to take a snapshot (see <see cref="SnapshotAsync"/>).
    /// </summary>
    public async Task<CheckpointRun?> MakeAsync(MunicipalityCode? only, bool evenIfUnchanged, CancellationToken ct)
    {
        for (var attempt = 0; attempt < SnapshotAttempts; attempt++)
        {
            await using var connection = await db.OpenConnectionAsync(ct);
            await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
            if (await SnapshotAsync(snapshot, ct) is not { } position)
            {
                await snapshot.RollbackAsync(ct);
                await Task.Delay(TimeSpan.FromMilliseconds(20), ct);
                continue;
            }
            var links = await LinksAsync(snapshot, only?.Value, ct);
            var newest = (await CheckpointTable.NewestAsync(connection, snapshot, only?.Value, ct)).ToDictionary(c => c.Municipality);
            var made = new List<CheckpointResponse>();
            var refused = new List<RefusedCheckpoint>();
            foreach (var municipality in links.Keys.Union(newest.Keys).Where(m => MunicipalityCode.TryParse(m, out _)).Order(StringComparer.Ordinal))
            {
                var streams = links.GetValueOrDefault(municipality) ?? new Dictionary<string, IReadOnlyList<EventLink>>();
                var previous = newest.GetValueOrDefault(municipality);
                var top = streams.Values.SelectMany(l => l).Select(l => l.Sequence).DefaultIfEmpty(0).Max();
                if (!evenIfUnchanged && previous is not null && top <= previous.Position) continue;
                if (previous is not null && Refusal(previous, streams) is { } refusal)
                {
                    refused.Add(refusal);
                    continue;
                }
                var checkpoint = Sign(municipality, position, streams);
                await CheckpointTable.InsertAsync(snapshot, checkpoint, ct);
                made.Add(checkpoint.ToResponse());
            }
            await snapshot.CommitAsync(ct);
            return new CheckpointRun(made, refused);
        }
        return null;
    }

    private RefusedCheckpoint? Refusal(StoredCheckpoint previous, IReadOnlyDictionary<string, IReadOnlyList<EventLink>> streams)
    {
        var (signature, payload) = previous.Check(key);
        if (signature is "invalid" or "unreadable" || payload is null)
            return new RefusedCheckpoint(previous.Municipality, previous.Id, $"The newest checkpoint's signature is {signature}: it was not made by this service as it stands.", []);
        var discrepancies = CheckpointComparison.Compare(payload, streams);
        return discrepancies.Count == 0 ? null
            : new RefusedCheckpoint(previous.Municipality, previous.Id, "The ledger no longer extends the newest checkpoint.", discrepancies);
    }

    private StoredCheckpoint Sign(string municipality, long position, IReadOnlyDictionary<string, IReadOnlyList<EventLink>> streams)
    {
        // timestamptz keeps microseconds: the listed time equals the signed one.
        var now = Instant.FromUnixTimeTicks(clock.GetCurrentInstant().ToUnixTimeTicks() / 10 * 10);
        var heads = streams.OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new StreamHead(s.Key, s.Value[^1].Version, s.Value[^1].Hash is { } hash ? Convert.ToHexStringLower(hash) : ""))
            .ToList();
        var id = Guid.CreateVersion7();
        var payload = new CheckpointPayload(id, municipality, position, now, key.Fingerprint, heads).ToJson();
        return new StoredCheckpoint(id, municipality, position, now, heads.Count,
            key.Fingerprint, payload, key.Sign(System.Text.Encoding.UTF8.GetBytes(payload)));
    }

    /// <summary>
    /// Starts the snapshot and gives its global position, or null while another transaction is appending. Sequence numbers
    /// are drawn before their transaction commits, so an append in flight may still commit a number below the highest one
    /// this snapshot sees; a checkpoint taken then would wrongly say that event came after it. An append holds a ROW
    /// EXCLUSIVE lock on mt_streams (and mt_events) from before it draws its numbers until it commits, and pg_locks shows it
    /// live: with none held, every number drawn after this snapshot is higher than its position.
    /// </summary>
    private static async Task<long?> SnapshotAsync(NpgsqlTransaction snapshot, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT coalesce(max(seq_id), 0) FROM mt_events),
                   EXISTS (SELECT 1 FROM pg_locks l WHERE l.relation IN ('mt_events'::regclass, 'mt_streams'::regclass)
                           AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                           AND l.mode = 'RowExclusiveLock' AND l.granted AND l.pid <> pg_backend_pid())
            """, snapshot.Connection, snapshot);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return reader.GetBoolean(1) ? null : reader.GetInt64(0);
    }

    /// <summary>Every event's version, position and chain hash, by municipality and stream.</summary>
    public static async Task<Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<EventLink>>>> LinksAsync(
        NpgsqlTransaction snapshot, string? municipality, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT e.tenant_id, e.stream_id, e.version, e.seq_id, h.hash FROM mt_events e
            LEFT JOIN sroi_event_hashes h ON h.tenant_id = e.tenant_id AND h.stream_id = e.stream_id AND h.version = e.version
            WHERE ($1::varchar IS NULL OR e.tenant_id = $1) AND e.stream_id <> 'mt_tombstone'
            ORDER BY e.tenant_id, e.stream_id, e.version
            """, snapshot.Connection, snapshot);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)municipality ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar });
        var byTenant = new Dictionary<string, Dictionary<string, List<EventLink>>>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var streams = byTenant.TryGetValue(reader.GetString(0), out var s) ? s : byTenant[reader.GetString(0)] = [];
            var links = streams.TryGetValue(reader.GetString(1), out var l) ? l : streams[reader.GetString(1)] = [];
            links.Add(new EventLink(reader.GetInt64(2), reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetFieldValue<byte[]>(4)));
        }
        return byTenant.ToDictionary(t => t.Key,
            t => (IReadOnlyDictionary<string, IReadOnlyList<EventLink>>)t.Value.ToDictionary(s => s.Key, s => (IReadOnlyList<EventLink>)s.Value));
    }
}
