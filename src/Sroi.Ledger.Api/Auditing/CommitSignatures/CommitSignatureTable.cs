using NodaTime;
using Npgsql;
using NpgsqlTypes;
using Sroi.Ledger.Api.Auditing.Checkpoints;

namespace Sroi.Ledger.Api.Auditing.CommitSignatures;

/// <summary>Reads and appends sroi_commit_signatures (Schema/060_commit_signatures.sql); the service may only ever add a row.</summary>
public static class CommitSignatureTable
{
    /// <summary>
    /// Signs the current chain head of each stream named, inside the caller's transaction: the head this transaction's own
    /// append just wrote (sroi_event_hashes, filled by the chain trigger in the same transaction). Two round trips: the heads
    /// are read, signed here (the key never reaches the database), and inserted in one batch. Returns how many were signed.
    /// </summary>
    public static async Task<int> SignHeadsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        IReadOnlyCollection<(string Tenant, string Stream)> streams, string kind, CheckpointKey key, CancellationToken ct)
    {
        if (streams.Count == 0) return 0;
        var heads = new List<(string Tenant, string Stream, long Version, byte[] Hash)>();
        // Each stream's last hash from the primary key's end (tenant, stream, version: one index entry, backwards). Before,
        // DISTINCT ON over the join read and sorted every hash of the stream: at 1,321 events 16 ms against 0.1, the one
        // statement of a write whose cost grew with the contract's size (issue 23, docs/benchmarks.md).
        await using (var read = new NpgsqlCommand("""
            SELECT k.tenant_id, k.stream_id, h.version, h.hash
            FROM (SELECT DISTINCT * FROM unnest($1::varchar[], $2::varchar[]) AS u(tenant_id, stream_id)) AS k
            CROSS JOIN LATERAL (SELECT h.version, h.hash FROM sroi_event_hashes h
                                WHERE h.tenant_id = k.tenant_id AND h.stream_id = k.stream_id ORDER BY h.version DESC LIMIT 1) AS h
            ORDER BY k.tenant_id, k.stream_id
            """, connection, transaction))
        {
            read.Parameters.Add(new NpgsqlParameter { Value = streams.Select(s => s.Tenant).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
            read.Parameters.Add(new NpgsqlParameter { Value = streams.Select(s => s.Stream).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
            await using var reader = await read.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                heads.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetFieldValue<byte[]>(3)));
        }
        await InsertAsync(connection, transaction, heads, kind, key, ct);
        return heads.Count;
    }

    /// <summary>Signs and inserts the given heads, in one batch.</summary>
    public static async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        IReadOnlyList<(string Tenant, string Stream, long Version, byte[] Hash)> heads, string kind, CheckpointKey key, CancellationToken ct)
    {
        if (heads.Count == 0) return;
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var (tenant, stream, version, hash) in heads)
        {
            var insert = new NpgsqlBatchCommand("""
                INSERT INTO sroi_commit_signatures (tenant_id, stream_id, version, hash, kind, key_fingerprint, signature)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                """);
            foreach (var value in new object[] { tenant, stream, version, hash, kind, key.Fingerprint, SignedHead.Sign(key, kind, tenant, stream, version, hash) })
                insert.Parameters.Add(new NpgsqlParameter { Value = value });
            batch.BatchCommands.Add(insert);
        }
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The signed heads of the streams named, by municipality and stream, in version order: what a verification reads for each
    /// slice of streams it verifies, so no more heads are held at once than a slice's (issue 23: every head of the ledger was
    /// read before the first stream was verified).
    /// </summary>
    public static async Task<Dictionary<(string Municipality, string Stream), List<SignedHead>>> ReadForAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<(string Municipality, string Stream)> streams, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT s.tenant_id, s.stream_id, s.version, s.hash, s.kind, s.signed_at, s.key_fingerprint, s.signature
            FROM unnest($1::varchar[], $2::varchar[]) AS k (tenant_id, stream_id)
            JOIN sroi_commit_signatures s ON s.tenant_id = k.tenant_id AND s.stream_id = k.stream_id
            ORDER BY s.tenant_id, s.stream_id, s.version
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = streams.Select(s => s.Municipality).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter { Value = streams.Select(s => s.Stream).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
        return await HeadsAsync(command, ct);
    }

    /// <summary>Every signed head of the municipality (all of them when null), by municipality and stream, in version order.</summary>
    public static async Task<Dictionary<(string Municipality, string Stream), List<SignedHead>>> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string? municipality, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT tenant_id, stream_id, version, hash, kind, signed_at, key_fingerprint, signature FROM sroi_commit_signatures
            WHERE ($1::varchar IS NULL OR tenant_id = $1) ORDER BY tenant_id, stream_id, version
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)municipality ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        return await HeadsAsync(command, ct);
    }

    private static async Task<Dictionary<(string Municipality, string Stream), List<SignedHead>>> HeadsAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var heads = new Dictionary<(string, string), List<SignedHead>>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var head = HeadOf(reader);
            (heads.TryGetValue((head.Municipality, head.Stream), out var list) ? list : heads[(head.Municipality, head.Stream)] = []).Add(head);
        }
        return heads;
    }

    /// <summary>
    /// Every signed head of the municipality (all of them when null), from the last stream and version backwards, read
    /// <paramref name="batch"/> at a time (each batch from where the last one ended, along the primary key): what checks
    /// signatures ahead of a verification (<see cref="Sroi.Ledger.Api.Auditing.Verification.SignaturesAhead"/>) reads. It
    /// holds one batch, and a caller that stops early leaves no rows behind to be read to the end.
    /// </summary>
    public static IEnumerable<SignedHead> NewestFirst(NpgsqlConnection connection, NpgsqlTransaction transaction, string? municipality, int batch = 1000)
    {
        SignedHead? after = null;
        while (true)
        {
            var heads = new List<SignedHead>(batch);
            using (var command = new NpgsqlCommand("""
                SELECT tenant_id, stream_id, version, hash, kind, signed_at, key_fingerprint, signature FROM sroi_commit_signatures
                WHERE ($1::varchar IS NULL OR tenant_id = $1) AND ($2::varchar IS NULL OR (tenant_id, stream_id, version) < ($2, $3, $4))
                ORDER BY tenant_id DESC, stream_id DESC, version DESC LIMIT $5
                """, connection, transaction))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = (object?)municipality ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
                command.Parameters.Add(new NpgsqlParameter { Value = (object?)after?.Municipality ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
                command.Parameters.Add(new NpgsqlParameter { Value = (object?)after?.Stream ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
                command.Parameters.Add(new NpgsqlParameter { Value = after?.Version ?? 0, NpgsqlDbType = NpgsqlDbType.Bigint });
                command.Parameters.Add(new NpgsqlParameter { Value = batch, NpgsqlDbType = NpgsqlDbType.Integer });
                using var reader = command.ExecuteReader();
                while (reader.Read()) heads.Add(HeadOf(reader));
            }
            foreach (var head in heads) yield return head;
            if (heads.Count < batch) yield break;
            after = heads[^1];
        }
    }

    /// <summary>One row of tenant_id, stream_id, version, hash, kind, signed_at, key_fingerprint, signature.</summary>
    private static SignedHead HeadOf(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetFieldValue<byte[]>(3),
            reader.GetString(4), reader.GetFieldValue<Instant>(5), reader.GetString(6), reader.GetFieldValue<byte[]>(7));
}
