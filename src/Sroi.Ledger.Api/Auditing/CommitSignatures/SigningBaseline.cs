using NodaTime;
using Npgsql;
using Sroi.Ledger.Api.Auditing.Checkpoints;

namespace Sroi.Ledger.Api.Auditing.CommitSignatures;

/// <summary>
/// Events recorded before commits were signed have no signed head. The first start after the upgrade signs each stream's
/// head as it finds it, once, as kind <c>baseline</c>, and records when and how many in sroi_signing_baseline in the same
/// transaction (its primary key lets one starting instance do it). It vouches only that the ledger held these heads when
/// signing began, not for how they came to be: that is what the hash chain and the checkpoints signed before it are for.
/// It runs only while no signature exists at all: someone who removes the mark alone gets nothing signed; someone who
/// also empties the signatures (the triggers disabled) gets a second baseline, which verification shows with its date,
/// and which no exported checkpoint copy agrees with (README, "Signed commits").
/// </summary>
public static class SigningBaseline
{
    public static async Task<int?> SignAsync(NpgsqlDataSource db, CheckpointKey key, IClock clock, ILogger logger, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var done = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM sroi_signing_baseline) OR EXISTS (SELECT 1 FROM sroi_commit_signatures)", connection, transaction))
            if ((bool)(await done.ExecuteScalarAsync(ct))!) return null;

        var heads = new List<(string, string, long, byte[])>();
        await using (var read = new NpgsqlCommand("""
            SELECT DISTINCT ON (tenant_id, stream_id) tenant_id, stream_id, version, hash FROM sroi_event_hashes
            ORDER BY tenant_id, stream_id, version DESC
            """, connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                heads.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetFieldValue<byte[]>(3)));
        try
        {
            await using (var mark = new NpgsqlCommand("INSERT INTO sroi_signing_baseline (signed_at, heads) VALUES ($1, $2)", connection, transaction))
            {
                mark.Parameters.Add(new NpgsqlParameter { Value = clock.GetCurrentInstant() });
                mark.Parameters.Add(new NpgsqlParameter { Value = heads.Count });
                await mark.ExecuteNonQueryAsync(ct);
            }
            await CommitSignatureTable.InsertAsync(connection, transaction, heads, SignedHead.Baseline, key, ct);
            await transaction.CommitAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return null; // another instance signed them first
        }
        logger.LogInformation("Signed the chain heads of {Count} streams recorded before commits were signed (the signing baseline)", heads.Count);
        return heads.Count;
    }

    /// <summary>When the baseline was signed and how many heads, or null when it never was.</summary>
    public static async Task<(Instant SignedAt, int Heads)?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT signed_at, heads FROM sroi_signing_baseline", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetFieldValue<Instant>(0), reader.GetInt32(1)) : null;
    }
}
