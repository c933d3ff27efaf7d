using Marten;
using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.Auditing.CommitSignatures;
using Sroi.Ledger.Api.Auditing.Verification;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Api.Notifications;
using Sroi.Ledger.Domain.Shared;
using Wolverine.Marten;
using Wolverine.Runtime;

namespace Sroi.Ledger.Api.Auditing.Checkpoints;

/// <summary>
/// A municipality whose checkpoint was not signed, and why. <see cref="Code"/> is stable:
/// <c>checkpoint.unverified-ledger</c> (a broken chain, or events no signed commit covers: <see cref="CommitCoverage"/>),
/// <c>checkpoint.previous-invalid</c> (the newest checkpoint's signature does not hold), <c>checkpoint.not-extended</c>
/// (the ledger no longer extends the newest checkpoint). <see cref="Against"/> is that newest checkpoint, if any.
/// </summary>
public sealed record RefusedCheckpoint(string Municipality, Guid? Against, string Code, string Reason, IReadOnlyList<Discrepancy> Discrepancies);

/// <summary>What one round of checkpointing made and refused.</summary>
public sealed record CheckpointRun(IReadOnlyList<CheckpointResponse> Checkpoints, IReadOnlyList<RefusedCheckpoint> Refused);

/// <summary>
/// Makes checkpoints: per municipality (an auditor reads, keeps and verifies only its own municipality's streams), the
/// chain head of every stream and the global position, read in one REPEATABLE READ snapshot and signed with the
/// <see cref="CheckpointKey"/>. Before signing it holds the municipality's ledger to itself and to its signed commits
/// (<see cref="CommitCoverage"/>: every event covered by a signed head, every chain intact) and to its newest checkpoint:
/// a ledger changed behind the service's back gets no fresh signature to hide behind. Each checkpoint leaves the database
/// as it is made — a <c>checkpoint.signed</c> notification carrying it, in the same transaction — and each refusal raises
/// <c>checkpoint.refused</c>, so auditors hold copies the database cannot rewrite and hear of a refusal at once.
/// </summary>
public sealed class Checkpointer(IDocumentStore store, NpgsqlDataSource db, LedgerEvents events, CheckpointKey key, IClock clock, IWolverineRuntime messaging)
{
    private const int SnapshotAttempts = 100;

    /// <summary>At most this many discrepancies travel in a <c>checkpoint.refused</c> notification (the count says how many in all).</summary>
    public const int DiscrepanciesInSignal = 50;

    /// <summary>
    /// One round, for every municipality with streams or checkpoints (or the one named). Unless <paramref name="evenIfUnchanged"/>,
    /// a municipality without events after its newest checkpoint's position is skipped. Null when appends kept running
    /// through every attempt to take a snapshot (see <see cref="SnapshotAsync"/>).
    /// </summary>
    public async Task<CheckpointRun?> MakeAsync(MunicipalityCode? only, bool evenIfUnchanged, CancellationToken ct)
    {
        for (var attempt = 0; attempt < SnapshotAttempts; attempt++)
        {
            // A Marten session owns the snapshot's transaction, so the checkpoints, their notifications and the webhook
            // messages (Wolverine's outbox) commit together, and the messages are handed over only after that commit.
            await using var session = store.LightweightSession(new Marten.Services.SessionOptions { IsolationLevel = System.Data.IsolationLevel.RepeatableRead });
            await session.BeginTransactionAsync(ct);
            var connection = session.Connection!;
            if (await SnapshotAsync(connection, ct) is not { } position)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), ct);
                continue;
            }
            var links = await LinksAsync(connection, only?.Value, ct);
            var newest = (await CheckpointTable.NewestAsync(connection, null, only?.Value, ct)).ToDictionary(c => c.Municipality);
            var heads = await CommitSignatureTable.ReadAsync(connection, null, only?.Value, ct);
            var made = new List<CheckpointResponse>();
            var refused = new List<RefusedCheckpoint>();
            var now = clock.GetCurrentInstant();
            MartenOutbox? outbox = null;
            var municipalities = links.Keys.Union(newest.Keys).Union(heads.Keys.Select(k => k.Municipality))
                .Where(m => MunicipalityCode.TryParse(m, out _)).Order(StringComparer.Ordinal);
            foreach (var municipality in municipalities)
            {
                var streams = links.GetValueOrDefault(municipality) ?? new Dictionary<string, IReadOnlyList<EventLink>>();
                var previous = newest.GetValueOrDefault(municipality);
                var top = streams.Values.SelectMany(l => l).Select(l => l.Sequence).DefaultIfEmpty(0).Max();
                if (!evenIfUnchanged && previous is not null && top <= previous.Position) continue;

                var code = MunicipalityCode.Parse(municipality);
                Notification signal;
                if (await RefusalAsync(connection, code, previous, streams, heads, ct) is { } refusal)
                {
                    refused.Add(refusal);
                    signal = Notification.New(SignalType.CheckpointRefused, now, code, null, null, CheckpointRefusedData.Of(refusal));
                }
                else
                {
                    var checkpoint = Sign(municipality, position, streams);
                    session.QueueOperation(CheckpointTable.Insert(checkpoint));
                    made.Add(checkpoint.ToResponse());
                    signal = Notification.New(SignalType.CheckpointSigned, now, code, null, null, made[^1]);
                }
                outbox = await NotificationOutbox.EnrolAsync(messaging, db, session, [signal], [], ct, outbox) ?? outbox;
            }
            await session.SaveChangesAsync(ct);
            return new CheckpointRun(made, refused);
        }
        return null;
    }

    /// <summary>
    /// Why the municipality gets no checkpoint now, or null, with every discrepancy found. The ledger itself, in the
    /// snapshot: every chain intact and every event covered by a signed commit — also when there is no checkpoint to compare
    /// with (a first one, or every checkpoint row deleted), so a forgery is never the base of a checkpoint. And the newest
    /// checkpoint: its signature, and that the ledger still extends it. The code names the gravest: a forged checkpoint, then
    /// an unverified ledger, then one that no longer extends its checkpoint.
    /// </summary>
    private async Task<RefusedCheckpoint?> RefusalAsync(NpgsqlConnection connection, MunicipalityCode municipality, StoredCheckpoint? previous,
        IReadOnlyDictionary<string, IReadOnlyList<EventLink>> streams, Dictionary<(string Municipality, string Stream), List<SignedHead>> heads, CancellationToken ct)
    {
        var unverified = await LedgerProblemsAsync(connection, municipality, heads, ct);
        var (signature, payload) = previous?.Check(key) ?? ("none", null);
        var notExtended = payload is null || signature is "invalid" or "unreadable" ? [] : CheckpointComparison.Compare(payload, streams);
        if (previous is not null && (signature is "invalid" or "unreadable" || payload is null))
            return new RefusedCheckpoint(municipality.Value, previous.Id, "checkpoint.previous-invalid",
                $"The newest checkpoint's signature is {signature}: it was not made by this service as it stands.", unverified);
        if (unverified.Count > 0)
            return new RefusedCheckpoint(municipality.Value, previous?.Id, "checkpoint.unverified-ledger",
                $"The ledger holds {unverified.Count} discrepancies (events no signed commit covers, a signed head that no longer matches, or a broken chain): no checkpoint is signed over them.",
                [.. unverified, .. notExtended]);
        return notExtended.Count == 0 ? null
            : new RefusedCheckpoint(municipality.Value, previous!.Id, "checkpoint.not-extended", "The ledger no longer extends the newest checkpoint.", notExtended);
    }

    /// <summary>The municipality's broken chains and commits no signed head covers, read stream by stream in the snapshot.</summary>
    private async Task<List<Discrepancy>> LedgerProblemsAsync(NpgsqlConnection connection, MunicipalityCode municipality,
        Dictionary<(string Municipality, string Stream), List<SignedHead>> heads, CancellationToken ct)
    {
        var found = new List<Discrepancy>();
        var seen = new HashSet<string>();
        void Check(string stream, List<RecordedEvent> recorded)
        {
            seen.Add(stream);
            found.AddRange(CommitCoverage.ChainAndCoverage(municipality.Value, stream, recorded, heads.GetValueOrDefault((municipality.Value, stream)) ?? [], key));
        }
        var current = new List<RecordedEvent>();
        await foreach (var e in events.StreamEventsAsync(connection, municipality, ct))
        {
            if (e.StreamId.Value == StreamId.MartenTombstone) continue;
            if (current.Count > 0 && current[0].StreamId != e.StreamId)
            {
                Check(current[0].StreamId.Value, current);
                current = [];
            }
            current.Add(e);
        }
        if (current.Count > 0) Check(current[0].StreamId.Value, current);
        // A stream whose every event is gone still has its signed heads: a deletion.
        foreach (var stream in heads.Keys.Where(k => k.Municipality == municipality.Value && !seen.Contains(k.Stream)).Select(k => k.Stream).ToList())
            Check(stream, []);
        return found;
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
    /// Makes the session's transaction a REPEATABLE READ snapshot and gives its global position, or null while another
    /// transaction is appending. Sequence numbers are drawn before their transaction commits, so an append in flight may
    /// still commit a number below the highest one this snapshot sees; a checkpoint taken then would wrongly say that event
    /// came after it. An append holds a ROW EXCLUSIVE lock on mt_streams (and mt_events) from before it draws its numbers
    /// until it commits, and pg_locks shows it live: with none held, every number drawn after this snapshot is higher than
    /// its position.
    /// </summary>
    private static async Task<long?> SnapshotAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        // Before the transaction's first query (which takes the snapshot), whatever level the session began it with.
        await using (var level = new NpgsqlCommand("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", connection))
            await level.ExecuteNonQueryAsync(ct);
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT coalesce(max(seq_id), 0) FROM mt_events),
                   EXISTS (SELECT 1 FROM pg_locks l WHERE l.relation IN ('mt_events'::regclass, 'mt_streams'::regclass)
                           AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                           AND l.mode = 'RowExclusiveLock' AND l.granted AND l.pid <> pg_backend_pid())
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return reader.GetBoolean(1) ? null : reader.GetInt64(0);
    }

    /// <summary>Every event's version, position and chain hash, by municipality and stream.</summary>
    public static async Task<Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<EventLink>>>> LinksAsync(
        NpgsqlConnection connection, string? municipality, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            SELECT e.tenant_id, e.stream_id, e.version, e.seq_id, h.hash FROM mt_events e
            LEFT JOIN sroi_event_hashes h ON h.tenant_id = e.tenant_id AND h.stream_id = e.stream_id AND h.version = e.version
            WHERE ($1::varchar IS NULL OR e.tenant_id = $1) AND e.stream_id <> '{StreamId.MartenTombstone}'
            ORDER BY e.tenant_id, e.stream_id, e.version
            """, connection);
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
