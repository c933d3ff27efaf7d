using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Sroi.Ledger.Api.Auditing.Checkpoints;

/// <summary>Reads and appends sroi_checkpoints (Schema/044_audit_checkpoints.sql); the service may only ever add a row.</summary>
public static class CheckpointTable
{
    private const string Columns = "id, municipality, position, created_at, stream_count, key_fingerprint, payload, signature";

    /// <summary>The insert, queued on the Marten session of the round that signed it (with its notification).</summary>
    public static EventLog.QueuedStatement Insert(StoredCheckpoint checkpoint) => EventLog.QueuedStatement.Of(
        $"INSERT INTO sroi_checkpoints ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        checkpoint.Id, checkpoint.Municipality, checkpoint.Position, checkpoint.CreatedAt,
        checkpoint.StreamCount, checkpoint.KeyFingerprint, checkpoint.Payload, checkpoint.Signature);

    /// <summary>
    /// The newest checkpoint of each municipality (of one, when named); with <paramref name="signedBy"/>, the newest signed
    /// at or before that moment (the one an auditor could have held then).
    /// </summary>
    public static Task<IReadOnlyList<StoredCheckpoint>> NewestAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string? municipality, CancellationToken ct,
        Instant? signedBy = null) =>
        QueryAsync(connection, transaction, $"""
            SELECT DISTINCT ON (municipality) {Columns} FROM sroi_checkpoints
            WHERE ($1::varchar IS NULL OR municipality = $1) AND ($2::timestamptz IS NULL OR created_at <= $2)
            ORDER BY municipality, created_at DESC, id DESC
            """, ct, Varchar(municipality),
            new NpgsqlParameter { Value = (object?)signedBy ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });

    public static async Task<StoredCheckpoint?> FindAsync(NpgsqlDataSource db, Guid id, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await QueryAsync(connection, null, $"SELECT {Columns} FROM sroi_checkpoints WHERE id = $1", ct,
            new NpgsqlParameter { Value = id })).SingleOrDefault();
    }

    /// <summary>One page, newest first, and how many there are in all.</summary>
    public static async Task<(IReadOnlyList<StoredCheckpoint> Items, long Total)> PageAsync(NpgsqlDataSource db, string? municipality, int page, int pageSize, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var items = await QueryAsync(connection, null, $"""
            SELECT {Columns} FROM sroi_checkpoints WHERE ($1::varchar IS NULL OR municipality = $1)
            ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3
            """, ct, Varchar(municipality), new NpgsqlParameter { Value = pageSize }, new NpgsqlParameter { Value = (long)(page - 1) * pageSize });
        await using var count = new NpgsqlCommand("SELECT count(*) FROM sroi_checkpoints WHERE ($1::varchar IS NULL OR municipality = $1)", connection);
        count.Parameters.Add(Varchar(municipality));
        return (items, (long)(await count.ExecuteScalarAsync(ct))!);
    }

    private static NpgsqlParameter Varchar(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar };

    private static async Task<IReadOnlyList<StoredCheckpoint>> QueryAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddRange(parameters);
        var rows = new List<StoredCheckpoint>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(new StoredCheckpoint(reader.GetGuid(0), reader.GetString(1), reader.GetInt64(2), reader.GetFieldValue<Instant>(3),
                reader.GetInt32(4), reader.GetString(5), reader.GetString(6), reader.GetFieldValue<byte[]>(7)));
        return rows;
    }
}
