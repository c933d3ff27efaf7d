using System.Text.Json.Nodes;
using Marten;
using Npgsql;
using Sroi.Ledger.Api.Auditing.Checkpoints;
using Sroi.Ledger.Api.Auditing.CommitSignatures;
using Sroi.Ledger.Api.EventLog;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Auditing.Verification;

/// <summary>
/// Checks the ledger against itself, stream by stream: the stream row's version against its last event (and the
/// versions 1..n without a gap, and no chain hash left for an event that is gone), the hash chain recomputed
/// (<see cref="EventChainVerifier"/>), and the stored document against a fresh fold of the events by the projection that
/// keeps it (<see cref="StreamKinds"/>). That catches edits made behind the service's back that do not recompute the chain;
/// the ledger is also held to each municipality's newest signed checkpoint, or the one named
/// (<see cref="CheckpointComparison"/>), which catches a chain recomputed with the schema's own function, a lost last event
/// with its stream row and hash "fixed", and a stream deleted whole. And every event is held to the signed heads of the
/// commits that appended it (<see cref="CommitCoverage"/>): an event inserted, edited or deleted by someone without the
/// key is named whenever it happened, before or after the newest checkpoint. Everything is read in one read-only REPEATABLE READ
/// snapshot: a write landing meanwhile is not half seen as a discrepancy.
/// </summary>
public sealed class LedgerVerifier(IDocumentStore store, NpgsqlDataSource db, LedgerEvents events, CheckpointKey key)
{
    /// <summary>Streams verified per slice: one query reads their events, one compares their documents (issue 23).</summary>
    public const int SliceStreams = 250;

    /// <summary>Connections verifying slices at once, each in a copy of the one snapshot: the round trips overlap.</summary>
    public const int Workers = 4;

    /// <summary>Every stream of the municipality, or of all of them; against <paramref name="checkpoint"/>, or else each one's newest.</summary>
    /// <param name="progress">Told (streams checked, streams in all) as slices of streams finish: the command line's progress bar.</param>
    public async Task<VerificationResponse> VerifyAsync(MunicipalityCode? municipality, CancellationToken ct, StoredCheckpoint? checkpoint = null,
        Action<int, int>? progress = null)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, snapshot))
            await readOnly.ExecuteNonQueryAsync(ct);
        string snapshotId;
        await using (var export = new NpgsqlCommand("SELECT pg_export_snapshot()", connection, snapshot))
            snapshotId = (string)(await export.ExecuteScalarAsync(ct))!;

        var discrepancies = new List<Discrepancy>();
        long eventCount = 0;
        var links = new Dictionary<string, Dictionary<string, IReadOnlyList<EventLink>>>();
        var streams = await StreamsAsync(snapshot, municipality, ct);
        var signedHeads = await CommitSignatureTable.ReadAsync(connection, snapshot, municipality?.Value, ct);

        // Slices of streams verified by a few connections at once, each in the snapshot exported above (so all of them see
        // exactly what this transaction sees); the results are put back together in stream order, as one at a time gave them.
        var slices = streams.Chunk(SliceStreams).ToArray();
        var verified = new StreamVerification[slices.Length][];
        var (next, done) = (-1, 0);
        var told = new Lock();
        void Tell(int checkedStreams)
        {
            lock (told) progress?.Invoke(checkedStreams, streams.Count);
        }
        Tell(0);
        async Task WorkAsync()
        {
            await using var worker = await db.OpenConnectionAsync(ct);
            await using var copy = await worker.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
            await using (var imported = new NpgsqlCommand($"SET TRANSACTION SNAPSHOT '{snapshotId}'; SET TRANSACTION READ ONLY", worker, copy))
                await imported.ExecuteNonQueryAsync(ct);
            for (var i = Interlocked.Increment(ref next); i < slices.Length; i = Interlocked.Increment(ref next))
            {
                verified[i] = await VerifySliceAsync(copy, slices[i], signedHeads, ct);
                Tell(Interlocked.Add(ref done, slices[i].Length));
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Math.Min(Workers, slices.Length)).Select(_ => WorkAsync()));
        Tell(streams.Count);

        var perMunicipality = new SortedDictionary<string, (int Streams, long Events)>(StringComparer.Ordinal);
        foreach (var stream in verified.SelectMany(slice => slice))
        {
            var (ofStreams, ofEvents) = perMunicipality.GetValueOrDefault(stream.Tenant);
            perMunicipality[stream.Tenant] = (ofStreams + 1, ofEvents + stream.Events);
            eventCount += stream.Events;
            if (stream.Links is { } held)
                (links.TryGetValue(stream.Tenant, out var ofTenant) ? ofTenant : links[stream.Tenant] = [])[stream.Id] = held;
            discrepancies.AddRange(stream.Discrepancies);
        }

        var checks = new List<CheckpointCheck>();
        foreach (var against in checkpoint is null ? await CheckpointTable.NewestAsync(connection, snapshot, municipality?.Value, ct) : [checkpoint])
        {
            var (signature, payload) = against.Check(key);
            checks.Add(new CheckpointCheck(against.Id, against.Municipality, against.Position, against.CreatedAt, against.StreamCount, signature));
            if (payload is not null)
                discrepancies.AddRange(CheckpointComparison.Compare(payload,
                    links.TryGetValue(payload.Municipality, out var held) ? held : new Dictionary<string, IReadOnlyList<EventLink>>()));
        }
        var baseline = await SigningBaseline.ReadAsync(connection, snapshot, ct);
        foreach (var check in checks)
            perMunicipality.TryAdd(check.Municipality, (0, 0));
        var municipalities = perMunicipality.Select(m =>
        {
            var found = discrepancies.Count(d => d.Municipality == m.Key);
            var held = checks.FirstOrDefault(c => c.Municipality == m.Key);
            return new MunicipalityVerification(m.Key, m.Value.Streams, m.Value.Events, found, held?.Signature,
                found == 0 && (held is null || held.Signature == "valid"));
        }).ToList();
        return new VerificationResponse(discrepancies.Count == 0 && checks.All(c => c.Signature == "valid"), streams.Count, eventCount, discrepancies, checks,
            baseline is { } b ? new SigningBaselineInfo(b.SignedAt, b.Heads) : null, municipalities);
    }

    /// <summary>One stream's findings: its events counted, its links for the checkpoint comparison, its discrepancies in order.</summary>
    private sealed record StreamVerification(string Tenant, string Id, long Events, IReadOnlyList<EventLink>? Links, List<Discrepancy> Discrepancies);

    /// <summary>
    /// One slice of streams, on a worker's copy of the snapshot: their events in one query, each stream held to its row, its
    /// chain and its signed heads and folded afresh by its projection, and the stored documents compared with the folds in
    /// one query per kind of stream. The findings of each stream are those, and in the order, of one stream at a time.
    /// </summary>
    private async Task<StreamVerification[]> VerifySliceAsync(NpgsqlTransaction snapshot, StreamRow[] slice,
        Dictionary<(string Municipality, string Stream), List<SignedHead>> signedHeads, CancellationToken ct)
    {
        var known = slice.Where(s => MunicipalityCode.TryParse(s.Tenant, out _)).Select(s => (s.Tenant, s.Id)).ToList();
        var ofSlice = known.Count == 0 ? [] : await events.ReadStreamsAsync(snapshot, known, ct);
        var results = new StreamVerification[slice.Length];
        var documents = new List<(int Index, StreamKind Kind, long Last, object? Folded)>();
        for (var i = 0; i < slice.Length; i++)
        {
            var stream = slice[i];
            var found = new List<Discrepancy>();
            void Found(long version, string code, string detail) => found.Add(new Discrepancy(stream.Id, stream.Tenant, version, code, detail));

            // Every event is appended in a municipality's tenant; anything else was put there by hand.
            if (!MunicipalityCode.TryParse(stream.Tenant, out _))
            {
                Found(stream.RowVersion ?? 0, "stream.unknown-tenant", $"The tenant '{stream.Tenant}' is no municipality's.");
                results[i] = new StreamVerification(stream.Tenant, stream.Id, 0, null, found);
                continue;
            }
            IReadOnlyList<RecordedEvent> recorded = ofSlice.TryGetValue((stream.Tenant, stream.Id), out var ofStream) ? ofStream : [];
            var last = recorded.Count == 0 ? 0 : recorded[^1].StreamVersion;

            if (stream.RowVersion is not { } rowVersion)
                Found(last, "stream.missing", $"Events up to version {last} have no stream row.");
            else if (rowVersion != last)
                Found(rowVersion, "stream.version-mismatch", $"The stream row says version {rowVersion}; its last event is version {last}.");
            if (recorded.Select((e, index) => (e, index)).FirstOrDefault(p => p.e.StreamVersion != p.index + 1) is { e: not null } gap)
                Found(gap.index + 1, "events.gap", $"Version {gap.index + 1} is missing; the next event is version {gap.e.StreamVersion}.");
            if (stream.LastHashedVersion > last)
                Found(stream.LastHashedVersion, "events.missing", $"A chain hash is recorded for version {stream.LastHashedVersion}, but the stream's events end at version {last}.");
            found.AddRange(CommitCoverage.ChainAndCoverage(stream.Tenant, stream.Id, recorded, signedHeads.GetValueOrDefault((stream.Tenant, stream.Id)) ?? [], key));

            if (StreamKinds.Of(stream.Id) is not { } kind)
                Found(last, "stream.unknown-kind", "No projection folds a stream of this name.");
            else
            {
                var options = Marten.Services.SessionOptions.ForTransaction(snapshot);
                options.TenantId = stream.Tenant;
                await using var session = store.QuerySession(options);
                var (folded, unfoldable) = await UnfoldableEvents.TryAsync(() => kind.FoldAsync(session, stream.Id, ct), stream.RowVersion ?? 0);
                if (unfoldable is not null) Found(last, "document.unfoldable", unfoldable);
                else documents.Add((i, kind, last, folded));
            }
            results[i] = new StreamVerification(stream.Tenant, stream.Id, recorded.Count,
                [.. recorded.Select(e => new EventLink(e.StreamVersion, e.Sequence, e.Hash))], found);
        }
        foreach (var (index, last, code, detail) in await DocumentProblemsAsync(snapshot, slice, documents, ct))
            results[index].Discrepancies.Add(new Discrepancy(slice[index].Id, slice[index].Tenant, last, code, detail));
        return results;
    }

    private sealed record StreamRow(string Tenant, string Id, long? RowVersion, long LastHashedVersion);

    /// <summary>Every stream named by a stream row, an event, a chain hash or a signed head: one that lost any of them still shows.</summary>
    private static async Task<IReadOnlyList<StreamRow>> StreamsAsync(NpgsqlTransaction snapshot, MunicipalityCode? municipality, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            WITH s AS (SELECT tenant_id, id, version FROM mt_streams WHERE ($1::varchar IS NULL OR tenant_id = $1)),
                 e AS (SELECT DISTINCT tenant_id, stream_id FROM mt_events WHERE ($1::varchar IS NULL OR tenant_id = $1)),
                 h AS (SELECT tenant_id, stream_id, max(version) AS version FROM sroi_event_hashes
                       WHERE ($1::varchar IS NULL OR tenant_id = $1) GROUP BY tenant_id, stream_id),
                 c AS (SELECT DISTINCT tenant_id, stream_id FROM sroi_commit_signatures WHERE ($1::varchar IS NULL OR tenant_id = $1)),
                 ids AS (SELECT tenant_id, id FROM s UNION SELECT tenant_id, stream_id FROM e UNION SELECT tenant_id, stream_id FROM h
                         UNION SELECT tenant_id, stream_id FROM c)
            SELECT ids.tenant_id, ids.id, s.version, coalesce(h.version, 0)
            FROM ids
            LEFT JOIN s ON s.tenant_id = ids.tenant_id AND s.id = ids.id
            LEFT JOIN h ON h.tenant_id = ids.tenant_id AND h.stream_id = ids.id
            WHERE ids.id <> '{StreamId.MartenTombstone}'
            ORDER BY ids.tenant_id, ids.id
            """, snapshot.Connection, snapshot);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)municipality?.Value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar });
        var rows = new List<StreamRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(new StreamRow(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.GetInt64(3)));
        return rows;
    }

    /// <summary>
    /// The stored documents against the fresh folds, compared as jsonb (key order and number spelling aside), one query per
    /// kind of stream in the slice; the stored JSON is read only where it differs, to name the first difference.
    /// </summary>
    private async Task<List<(int Index, long Last, string Code, string Detail)>> DocumentProblemsAsync(NpgsqlTransaction snapshot,
        StreamRow[] slice, List<(int Index, StreamKind Kind, long Last, object? Folded)> documents, CancellationToken ct)
    {
        var problems = new List<(int, long, string, string)>();
        var serializer = store.Options.Serializer();
        foreach (var ofKind in documents.GroupBy(d => d.Kind))
        {
            var table = store.Options.FindOrResolveDocumentType(ofKind.Key.DocumentType).TableName.QualifiedName;
            var ofThisKind = ofKind.ToArray();
            var indexes = ofThisKind.Select(d => d.Index).ToArray();
            var folds = ofThisKind.ToDictionary(d => d.Index, d => d.Folded is null ? null : serializer.ToJson(d.Folded));
            await using var command = new NpgsqlCommand($"""
                SELECT k.i, d.id IS NOT NULL, coalesce(d.data = k.folded::jsonb, false), CASE WHEN d.data = k.folded::jsonb THEN NULL ELSE d.data::text END
                FROM unnest($1::int[], $2::varchar[], $3::varchar[], $4::text[]) AS k (i, tenant_id, id, folded)
                LEFT JOIN {table} d ON d.tenant_id = k.tenant_id AND d.id = k.id
                """, snapshot.Connection, snapshot);
            command.Parameters.Add(new NpgsqlParameter { Value = indexes });
            command.Parameters.Add(new NpgsqlParameter { Value = indexes.Select(i => slice[i].Tenant).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = indexes.Select(i => slice[i].Id).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = indexes.Select(i => folds[i]).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var index = reader.GetInt32(0);
                var last = ofThisKind.First(d => d.Index == index).Last;
                var folded = folds[index];
                if (!reader.GetBoolean(1))
                {
                    if (folded is not null) problems.Add((index, last, "document.missing", "The events fold to a document, but none is stored."));
                }
                else if (folded is null)
                    problems.Add((index, last, "document.unexpected", "A document is stored, but the events fold to none."));
                else if (!reader.GetBoolean(2))
                {
                    var where = FirstDifference(JsonNode.Parse(reader.GetString(3)), JsonNode.Parse(folded), "") is { Length: > 0 } path ? path : "(the whole document)";
                    problems.Add((index, last, "document.differs", $"The stored document differs from the fold of the events at {where}."));
                }
            }
        }
        return problems;
    }

    /// <summary>The first path (<c>state.contractValue</c>) where the stored and the folded JSON differ; null when they do not.</summary>
    private static string? FirstDifference(JsonNode? stored, JsonNode? folded, string path)
    {
        if (stored is JsonObject a && folded is JsonObject b)
        {
            foreach (var name in a.Select(p => p.Key).Union(b.Select(p => p.Key)))
                if (FirstDifference(a[name], b[name], path.Length == 0 ? name : $"{path}.{name}") is { } inner) return inner;
            return null;
        }
        if (stored is JsonArray x && folded is JsonArray y)
        {
            for (var i = 0; i < Math.Max(x.Count, y.Count); i++)
                if (FirstDifference(i < x.Count ? x[i] : null, i < y.Count ? y[i] : null, $"{path}[{i}]") is { } inner) return inner;
            return null;
        }
        return JsonNode.DeepEquals(stored, folded) ? null : path;
    }
}
