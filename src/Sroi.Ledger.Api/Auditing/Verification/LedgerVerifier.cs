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
    /// <summary>Every stream of the municipality, or of all of them; against <paramref name="checkpoint"/>, or else each one's newest.</summary>
    /// <param name="progress">Told (streams checked, streams in all) after each stream: the command line's progress bar.</param>
    public async Task<VerificationResponse> VerifyAsync(MunicipalityCode? municipality, CancellationToken ct, StoredCheckpoint? checkpoint = null,
        Action<int, int>? progress = null)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, snapshot))
            await readOnly.ExecuteNonQueryAsync(ct);

        var discrepancies = new List<Discrepancy>();
        long eventCount = 0;
        var links = new Dictionary<string, Dictionary<string, IReadOnlyList<EventLink>>>();
        var streams = await StreamsAsync(snapshot, municipality, ct);
        var signedHeads = await CommitSignatureTable.ReadAsync(connection, snapshot, municipality?.Value, ct);
        var checkedStreams = 0;
        var perMunicipality = new SortedDictionary<string, (int Streams, long Events)>(StringComparer.Ordinal);
        foreach (var stream in streams)
        {
            var (ofStreams, ofEvents) = perMunicipality.GetValueOrDefault(stream.Tenant);
            perMunicipality[stream.Tenant] = (ofStreams + 1, ofEvents);
            progress?.Invoke(checkedStreams++, streams.Count);
            void Found(long version, string code, string detail) =>
                discrepancies.Add(new Discrepancy(stream.Id, stream.Tenant, version, code, detail));

            // Every event is appended in a municipality's tenant; anything else was put there by hand.
            if (!MunicipalityCode.TryParse(stream.Tenant, out var tenant))
            {
                Found(stream.RowVersion ?? 0, "stream.unknown-tenant", $"The tenant '{stream.Tenant}' is no municipality's.");
                continue;
            }
            var recorded = await events.ReadStreamAsync(snapshot, tenant, new StreamId(stream.Id), ct: ct);
            eventCount += recorded.Count;
            perMunicipality[stream.Tenant] = (perMunicipality[stream.Tenant].Streams, perMunicipality[stream.Tenant].Events + recorded.Count);
            (links.TryGetValue(stream.Tenant, out var ofTenant) ? ofTenant : links[stream.Tenant] = [])[stream.Id] =
                [.. recorded.Select(e => new EventLink(e.StreamVersion, e.Sequence, e.Hash))];
            var last = recorded.Count == 0 ? 0 : recorded[^1].StreamVersion;

            if (stream.RowVersion is not { } rowVersion)
                Found(last, "stream.missing", $"Events up to version {last} have no stream row.");
            else if (rowVersion != last)
                Found(rowVersion, "stream.version-mismatch", $"The stream row says version {rowVersion}; its last event is version {last}.");
            if (recorded.Select((e, i) => (e, i)).FirstOrDefault(p => p.e.StreamVersion != p.i + 1) is { e: not null } gap)
                Found(gap.i + 1, "events.gap", $"Version {gap.i + 1} is missing; the next event is version {gap.e.StreamVersion}.");
            if (stream.LastHashedVersion > last)
                Found(stream.LastHashedVersion, "events.missing", $"A chain hash is recorded for version {stream.LastHashedVersion}, but the stream's events end at version {last}.");
            discrepancies.AddRange(CommitCoverage.ChainAndCoverage(stream.Tenant, stream.Id, recorded, signedHeads.GetValueOrDefault((stream.Tenant, stream.Id)) ?? [], key));

            if (StreamKinds.Of(stream.Id) is not { } kind)
                Found(last, "stream.unknown-kind", "No projection folds a stream of this name.");
            else if (await DocumentProblemAsync(snapshot, kind, stream, ct) is { } problem)
                Found(last, problem.Code, problem.Detail);
        }
        progress?.Invoke(streams.Count, streams.Count);

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

    /// <summary>The stored document against a fresh fold, compared as jsonb (key order and number spelling aside).</summary>
    private async Task<(string Code, string Detail)?> DocumentProblemAsync(NpgsqlTransaction snapshot, StreamKind kind, StreamRow stream, CancellationToken ct)
    {
        var options = Marten.Services.SessionOptions.ForTransaction(snapshot);
        options.TenantId = stream.Tenant;
        await using var session = store.QuerySession(options);
        var (folded, unfoldable) = await UnfoldableEvents.TryAsync(() => kind.FoldAsync(session, stream.Id, ct), stream.RowVersion ?? 0);
        if (unfoldable is not null) return ("document.unfoldable", unfoldable);
        var serializer = store.Options.Serializer();
        var table = store.Options.FindOrResolveDocumentType(kind.DocumentType).TableName.QualifiedName;
        await using var command = new NpgsqlCommand($"SELECT data::text, data = $3::jsonb FROM {table} WHERE tenant_id = $1 AND id = $2", snapshot.Connection, snapshot);
        command.Parameters.Add(new NpgsqlParameter { Value = stream.Tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = stream.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = folded is null ? DBNull.Value : serializer.ToJson(folded), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
            return folded is null ? null : ("document.missing", "The events fold to a document, but none is stored.");
        if (folded is null)
            return ("document.unexpected", "A document is stored, but the events fold to none.");
        if (reader.GetBoolean(1)) return null;
        var where = FirstDifference(JsonNode.Parse(reader.GetString(0)), JsonNode.Parse(serializer.ToJson(folded)), "") is { Length: > 0 } path ? path : "(the whole document)";
        return ("document.differs", $"The stored document differs from the fold of the events at {where}.");
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
