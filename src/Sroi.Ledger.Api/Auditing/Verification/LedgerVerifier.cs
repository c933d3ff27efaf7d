using System.Text.Json.Nodes;
using System.Threading.Channels;
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
public sealed class LedgerVerifier(IDocumentStore store, NpgsqlDataSource db, LedgerEvents events, CheckpointKey key,
    ILogger<LedgerVerifier>? log = null)
{
    /// <summary>Streams verified per slice: a slice's documents are compared in one query per kind of stream (issue 23).</summary>
    public const int SliceStreams = 250;

    /// <summary>A slice is handed on sooner when its streams hold this many events (one long stream is a slice of its own).</summary>
    private const int SliceEvents = 20_000;

    /// <summary>Slices read but not yet taken by a worker: with the workers' own, what bounds the verification's memory.</summary>
    private const int SlicesWaiting = 4;

    /// <summary>Connections verifying slices at once, each in a copy of the one snapshot: the CPU work on every core.</summary>
    public static int Workers => Math.Max(2, Environment.ProcessorCount);

    private readonly InMemoryEvents inMemory = new(store);

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

        // The signed heads' signatures checked from the last stream backwards meanwhile, on a thread and a connection of their
        // own (SignaturesAhead): while PostgreSQL builds the stream list below, the harness has nothing else to do.
        await using var ahead = SignaturesAhead.Start(db, snapshotId, municipality?.Value, key);
        var streams = await StreamsAsync(snapshot, municipality, ct);

        // The checkpoints first: each stream is held to its municipality's as it is verified, so no stream's links are kept.
        var checks = new List<CheckpointCheck>();
        var payloads = new List<CheckpointPayload>();
        foreach (var against in checkpoint is null ? await CheckpointTable.NewestAsync(connection, snapshot, municipality?.Value, ct) : [checkpoint])
        {
            var (signature, payload) = against.Check(key);
            checks.Add(new CheckpointCheck(against.Id, against.Municipality, against.Position, against.CreatedAt, against.StreamCount, signature));
            if (payload is not null) payloads.Add(payload);
        }
        var heldTo = payloads.Select((payload, n) => new HeldTo(n, payload, payload.Streams.GroupBy(h => h.Stream).ToDictionary(g => g.Key, g => g.First())))
            .ToLookup(h => h.Payload.Municipality);

        var results = new StreamVerification[streams.Count];
        var told = new Lock();
        var done = 0;
        void Tell(int checkedStreams)
        {
            lock (told) progress?.Invoke(checkedStreams, streams.Count);
        }
        Tell(0);

        // One ordered read of every event on this connection, cut into slices of whole streams; the workers verify the slices
        // side by side, each on a copy of the snapshot; a bounded queue between them keeps memory flat in the ledger's size.
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var slices = Channel.CreateBounded<Slice>(new BoundedChannelOptions(SlicesWaiting) { SingleWriter = true });
        async Task Guarded(Func<Task> work)
        {
            try { await work(); }
            catch
            {
                slices.Writer.TryComplete();
                await failed.CancelAsync();
                throw;
            }
        }
        async Task ReadAsync()
        {
            var index = new Dictionary<(string, string), int>(streams.Count);
            for (var i = 0; i < streams.Count; i++) index[(streams[i].Tenant, streams[i].Id)] = i;
            var seen = new bool[streams.Count];
            var slice = new List<(int Index, List<RecordedEvent> Events)>();
            var sliceEvents = 0;
            async Task Hand(bool whenFull)
            {
                if (slice.Count == 0 || (whenFull && slice.Count < SliceStreams && sliceEvents < SliceEvents)) return;
                await slices.Writer.WriteAsync(new Slice([.. slice]), failed.Token);
                (slice, sliceEvents) = ([], 0);
            }
            (string Tenant, string Stream) at = ("", "");
            List<RecordedEvent>? ofStream = null;
            await foreach (var e in events.ReadEveryStreamAsync(snapshot, municipality?.Value, failed.Token))
            {
                if (ofStream is null || at.Tenant != e.Tenant || at.Stream != e.StreamId.Value)
                {
                    at = (e.Tenant, e.StreamId.Value);
                    // The tombstone stream is Marten's, no stream of the ledger: it is not listed, and its events go unread.
                    if (index.TryGetValue(at, out var i))
                    {
                        await Hand(whenFull: true);
                        seen[i] = true;
                        slice.Add((i, ofStream = []));
                    }
                    else ofStream = [];
                }
                ofStream.Add(e);
                sliceEvents++;
            }
            // Streams named by a row, a chain hash or a signed head but holding no event.
            for (var i = 0; i < streams.Count; i++)
                if (!seen[i])
                {
                    await Hand(whenFull: true);
                    slice.Add((i, []));
                }
            await Hand(whenFull: false);
            slices.Writer.Complete();
        }
        async Task WorkAsync()
        {
            await using var worker = await db.OpenConnectionAsync(failed.Token);
            await using var copy = await worker.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, failed.Token);
            await using (var imported = new NpgsqlCommand($"SET TRANSACTION SNAPSHOT '{snapshotId}'; SET TRANSACTION READ ONLY", worker, copy))
                await imported.ExecuteNonQueryAsync(failed.Token);
            var sessions = new Dictionary<string, IQuerySession>();
            try
            {
                await foreach (var slice in slices.Reader.ReadAllAsync(failed.Token))
                {
                    await VerifySliceAsync(copy, sessions, slice, streams, results, heldTo, failed.Token);
                    Tell(Interlocked.Add(ref done, slice.Streams.Length));
                }
            }
            finally
            {
                foreach (var session in sessions.Values) await session.DisposeAsync();
            }
        }
        await Task.WhenAll([Guarded(ReadAsync), .. Enumerable.Range(0, Workers).Select(_ => Guarded(WorkAsync))]);
        var checkedAhead = await ahead.StopAsync();
        Tell(streams.Count);

        var discrepancies = new List<Discrepancy>();
        long eventCount = 0;
        var perMunicipality = new SortedDictionary<string, (int Streams, long Events)>(StringComparer.Ordinal);
        foreach (var stream in results)
        {
            var (ofStreams, ofEvents) = perMunicipality.GetValueOrDefault(stream.Tenant);
            perMunicipality[stream.Tenant] = (ofStreams + 1, ofEvents + stream.Events);
            eventCount += stream.Events;
            discrepancies.AddRange(stream.Discrepancies);
        }
        // Against each checkpoint in the order CheckpointComparison.Compare gives: the streams it lists in its order (one the
        // ledger no longer has is missing), then the streams it does not list, in stream order.
        foreach (var held in heldTo.SelectMany(h => h).OrderBy(h => h.Number))
        {
            var ofMunicipality = results.Where(r => r.Tenant == held.Payload.Municipality).ToDictionary(r => r.Id);
            foreach (var head in held.Payload.Streams)
                discrepancies.AddRange(ofMunicipality.TryGetValue(head.Stream, out var verified) && verified.AgainstCheckpoints is { } found
                    ? found[held.Number] ?? []
                    : CheckpointComparison.Stream(held.Payload, head.Stream, head, []));
            foreach (var verified in ofMunicipality.Values.Where(r => !held.Heads.ContainsKey(r.Id)))
                discrepancies.AddRange(verified.AgainstCheckpoints?[held.Number] ?? []);
        }
        log?.LogInformation("Verified {Streams} streams, {Events} events: {Discrepancies} discrepancies; {Ahead} signed heads' signatures checked ahead of their slices",
            streams.Count, eventCount, discrepancies.Count, checkedAhead);
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

    /// <summary>A checkpoint the ledger is held to (<paramref name="Number"/>: its place among them), its heads by stream.</summary>
    private sealed record HeldTo(int Number, CheckpointPayload Payload, Dictionary<string, StreamHead> Heads);

    /// <summary>Whole streams of the ordered read: each one's place in the stream list and its events.</summary>
    private sealed record Slice((int Index, List<RecordedEvent> Events)[] Streams);

    /// <summary>
    /// One stream's findings: its events counted, its discrepancies in order, and what each checkpoint of its municipality
    /// says about it (by the checkpoint's number; null where it has none).
    /// </summary>
    private sealed record StreamVerification(string Tenant, string Id, long Events, List<Discrepancy> Discrepancies,
        IReadOnlyList<Discrepancy>?[]? AgainstCheckpoints);

    /// <summary>
    /// One slice of streams, on a worker's copy of the snapshot: each stream held to its row, its chain and its signed heads,
    /// folded afresh by its projection's aggregator from the events already read, and held to its municipality's
    /// checkpoints; the stored documents compared with the folds in one query per kind of stream. The findings of each
    /// stream are those, and in the order, of one stream at a time.
    /// </summary>
    private async Task VerifySliceAsync(NpgsqlTransaction snapshot, Dictionary<string, IQuerySession> sessions, Slice slice,
        IReadOnlyList<StreamRow> streams, StreamVerification[] results, ILookup<string, HeldTo> heldTo, CancellationToken ct)
    {
        // The slice's signed heads only: memory flat in the ledger's size, and the query on the worker's own connection.
        var signedHeads = await CommitSignatureTable.ReadForAsync(snapshot.Connection!, snapshot,
            [.. slice.Streams.Select(s => (streams[s.Index].Tenant, streams[s.Index].Id))], ct);
        IQuerySession SessionOf(string tenant)
        {
            if (sessions.TryGetValue(tenant, out var session)) return session;
            var options = Marten.Services.SessionOptions.ForTransaction(snapshot);
            options.TenantId = tenant;
            return sessions[tenant] = store.QuerySession(options);
        }
        var documents = new List<Folded>();
        var reportFolds = new List<ReportFold>();
        foreach (var (i, read) in slice.Streams)
        {
            var stream = streams[i];
            var found = new List<Discrepancy>();
            void Found(long version, string code, string detail) => found.Add(new Discrepancy(stream.Id, stream.Tenant, version, code, detail));

            // Every event is appended in a municipality's tenant; anything else was put there by hand.
            if (!MunicipalityCode.TryParse(stream.Tenant, out _))
            {
                Found(stream.RowVersion ?? 0, "stream.unknown-tenant", $"The tenant '{stream.Tenant}' is no municipality's.");
                results[i] = new StreamVerification(stream.Tenant, stream.Id, 0, found, null);
                continue;
            }
            IReadOnlyList<RecordedEvent> recorded = read;
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
                documents.Add(await FoldInMemoryAsync(SessionOf(stream.Tenant), i, kind, last, recorded, reportFolds, ct));

            IReadOnlyList<Discrepancy>?[]? againstCheckpoints = null;
            foreach (var held in heldTo[stream.Tenant])
            {
                var links = recorded.Select(e => new EventLink(e.StreamVersion, e.Sequence, e.Hash)).ToList();
                againstCheckpoints ??= new IReadOnlyList<Discrepancy>?[heldTo.Sum(h => h.Count())];
                againstCheckpoints[held.Number] = CheckpointComparison.Stream(held.Payload, stream.Id, held.Heads.GetValueOrDefault(stream.Id), links);
            }
            results[i] = new StreamVerification(stream.Tenant, stream.Id, recorded.Count, found, againstCheckpoints);
        }

        // A fold made from the events in memory is trusted only where it equals the stored document. Where it does not (or
        // it could not be made), the stream is folded again by Marten as one stream at a time did, and only that fold is
        // held against the document: whatever the verification names comes from Marten's fold, in Marten's words.
        var problems = await DocumentProblemsAsync(snapshot, streams, documents, ct);
        var refold = documents.Where(d => d.InMemory && (d.Unfolded || problems.ContainsKey(d.Index))).ToList();
        if (refold.Count > 0)
        {
            var again = new List<Folded>();
            foreach (var d in refold)
            {
                problems.Remove(d.Index);
                var stream = streams[d.Index];
                var (folded, unfoldable) = await UnfoldableEvents.TryAsync(() => d.Kind.FoldAsync(SessionOf(stream.Tenant), stream.Id, ct), stream.RowVersion ?? 0);
                if (unfoldable is not null) results[d.Index].Discrepancies.Add(new Discrepancy(stream.Id, stream.Tenant, d.Last, "document.unfoldable", unfoldable));
                else again.Add(new Folded(d.Index, d.Kind, d.Last, folded, InMemory: false, Unfolded: false));
            }
            foreach (var (index, problem) in await DocumentProblemsAsync(snapshot, streams, again, ct))
                problems[index] = problem;
        }
        foreach (var (index, (last, code, detail)) in problems)
            results[index].Discrepancies.Add(new Discrepancy(streams[index].Id, streams[index].Tenant, last, code, detail));
        // A contract's reports are documents of their own (issue 23): held to the fold of the same events.
        foreach (var (index, last, code, detail) in await ReportDocumentCheck.ProblemsAsync(snapshot, store.Options.Serializer(), reportFolds, ct))
            results[index].Discrepancies.Add(new Discrepancy(streams[index].Id, streams[index].Tenant, last, code, detail));
    }

    /// <summary>A stream's fresh fold (<paramref name="Index"/>: its place in the stream list); <paramref name="Unfolded"/>: the in-memory fold failed.</summary>
    private sealed record Folded(int Index, StreamKind Kind, long Last, object? Document, bool InMemory, bool Unfolded);

    /// <summary>The stream folded by its projection's aggregator over the events already read (<see cref="InMemoryEvents"/>).</summary>
    /// <param name="reportFolds">For a contract stream, its report documents' fold is added here (from the same events).</param>
    private async Task<Folded> FoldInMemoryAsync(IQuerySession session, int index, StreamKind kind, long last, IReadOnlyList<RecordedEvent> recorded,
        List<ReportFold> reportFolds, CancellationToken ct)
    {
        try
        {
            var events = inMemory.Of(recorded);
            var folded = new Folded(index, kind, last, await kind.FoldEventsAsync(session, events, ct), InMemory: true, Unfolded: false);
            if (kind.DocumentType == typeof(Contracts.ContractDocument) && recorded.Count > 0)
                reportFolds.Add(new ReportFold(index, recorded[0].Tenant, recorded[0].StreamId.Value, last,
                    Fulfilments.Storing.FulfilmentDocuments.Fold(recorded[0].StreamId.Value, events)));
            return folded;
        }
        catch (Exception e) when (e is not OperationCanceledException && e is not NpgsqlException && !Database.DatabaseFailure.IsUnavailable(e))
        {
            return new Folded(index, kind, last, null, InMemory: true, Unfolded: true);
        }
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
    /// The stored documents against the fresh folds, one query per kind of stream: each fold written as jsonb prints it
    /// (<see cref="JsonbText"/>) against the stored document's text, and only where those differ compared as jsonb by
    /// PostgreSQL (key order and number spelling aside), as before; the stored JSON then names the first difference.
    /// Answers each stream's problem by its place in the stream list, in that order.
    /// </summary>
    private async Task<SortedDictionary<int, (long Last, string Code, string Detail)>> DocumentProblemsAsync(NpgsqlTransaction snapshot,
        IReadOnlyList<StreamRow> streams, List<Folded> documents, CancellationToken ct)
    {
        var problems = new SortedDictionary<int, (long, string, string)>();
        var serializer = store.Options.Serializer();
        foreach (var ofKind in documents.Where(d => !d.Unfolded).GroupBy(d => d.Kind))
        {
            var table = store.Options.FindOrResolveDocumentType(ofKind.Key.DocumentType).TableName.QualifiedName;
            var ofThisKind = ofKind.ToDictionary(d => d.Index);
            var indexes = ofThisKind.Keys.ToArray();
            // A fold's JSON as a string only where PostgreSQL must compare it or the stored JSON must name where it differs.
            var folds = new Dictionary<int, string>();
            var stored = new Dictionary<int, string?>(indexes.Length);
            await using (var read = new NpgsqlCommand($"""
                SELECT k.i, d.data::text
                FROM unnest($1::int[], $2::varchar[], $3::varchar[]) AS k (i, tenant_id, id)
                LEFT JOIN {table} d ON d.tenant_id = k.tenant_id AND d.id = k.id
                """, snapshot.Connection, snapshot))
            {
                read.Parameters.Add(new NpgsqlParameter { Value = indexes });
                read.Parameters.Add(new NpgsqlParameter { Value = indexes.Select(i => streams[i].Tenant).ToArray() });
                read.Parameters.Add(new NpgsqlParameter { Value = indexes.Select(i => streams[i].Id).ToArray() });
                await using var reader = await read.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                    stored[reader.GetInt32(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
            }
            var unsure = new List<int>();
            // Each fold serialised by Marten's serializer straight into one buffer as UTF-8, no string made (issue 23).
            var json = new System.Buffers.ArrayBufferWriter<byte>(16 * 1024);
            foreach (var index in indexes)
            {
                var (text, folded, last) = (stored.GetValueOrDefault(index), ofThisKind[index].Document, ofThisKind[index].Last);
                if (text is null)
                {
                    if (folded is not null) problems[index] = (last, "document.missing", "The events fold to a document, but none is stored.");
                }
                else if (folded is null)
                    problems[index] = (last, "document.unexpected", "A document is stored, but the events fold to none.");
                else
                {
                    json.ResetWrittenCount();
                    serializer.WriteTo(json, folded);
                    if (JsonbText.Matches(json.WrittenMemory, text)) continue;
                    unsure.Add(index);
                    folds[index] = System.Text.Encoding.UTF8.GetString(json.WrittenSpan);
                }
            }
            if (unsure.Count == 0) continue;
            // A contract document a stage-2 node wrote last holds no totals (that release stores none where there were none;
            // issue 23): it is the fold's document without them, which this build's next write restores, not a tampering.
            // One written without its report list (the operator's switch, stage 3: Contracts/ReportsApart) is the fold's
            // document as that fold writes it (ReportsApartFold.Apart: no list, no reports awaiting review in the totals, the
            // day of the oldest of them); its reports are held to the fold by ReportDocumentCheck. (Or, written by stage 3's
            // second step before the reports awaiting review left the totals: the fold's document with an empty list.)
            var contracts = ofKind.Key.DocumentType == typeof(Contracts.ContractDocument);
            var same = contracts
                ? "d.data = k.folded::jsonb OR (NOT jsonb_exists(d.data -> 'state', 'totals') AND d.data = k.folded::jsonb #- '{state,totals}')" +
                  " OR (d.data #> '{state,reportsApart}' = 'true' AND (d.data = k.apart::jsonb" +
                  " OR d.data = jsonb_set(jsonb_set(k.folded::jsonb, '{state,fulfilments,inOrder}', '[]'), '{state,reportsApart}', 'true')))"
                : "d.data = k.folded::jsonb";
            var aparts = unsure.Select(i => contracts && ofThisKind[i].Document is Contracts.ContractDocument whole
                ? serializer.ToJson(Contracts.ReportsApart.ReportsApartFold.Apart(whole)) : null).ToArray();
            await using var compare = new NpgsqlCommand($"""
                SELECT k.i, {same}
                FROM unnest($1::int[], $2::varchar[], $3::varchar[], $4::text[], $5::text[]) AS k (i, tenant_id, id, folded, apart)
                JOIN {table} d ON d.tenant_id = k.tenant_id AND d.id = k.id
                """, snapshot.Connection, snapshot);
            compare.Parameters.Add(new NpgsqlParameter { Value = unsure.ToArray() });
            compare.Parameters.Add(new NpgsqlParameter { Value = unsure.Select(i => streams[i].Tenant).ToArray() });
            compare.Parameters.Add(new NpgsqlParameter { Value = unsure.Select(i => streams[i].Id).ToArray() });
            compare.Parameters.Add(new NpgsqlParameter { Value = unsure.Select(i => folds[i]).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
            compare.Parameters.Add(new NpgsqlParameter { Value = aparts, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
            await using var differs = await compare.ExecuteReaderAsync(ct);
            while (await differs.ReadAsync(ct))
            {
                var index = differs.GetInt32(0);
                if (differs.GetBoolean(1)) continue;
                var where = FirstDifference(JsonNode.Parse(stored[index]!), JsonNode.Parse(folds[index]), "") is { Length: > 0 } path ? path : "(the whole document)";
                problems[index] = (ofThisKind[index].Last, "document.differs", $"The stored document differs from the fold of the events at {where}.");
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
