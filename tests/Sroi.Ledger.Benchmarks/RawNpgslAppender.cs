using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Sroi.Ledger.Benchmarks;

/// <summary>
/// The baseline: the same rows (stream row, event row with a SHA-256 hash, projection row) written with plain
/// Npgsql in one batch, one round trip, one implicit transaction; the version check is the UPDATE's WHERE.
/// It skips what the store adds: the PL/pgSQL function, the server-side hash chain, the conflict message.
/// <para>
/// Unprepared (the baseline), PostgreSQL parses and plans the three statements on every append, while
/// the store's statements inside <c>sroi_append</c> are planned once per session (PL/pgSQL caches them).
/// Prepared (<paramref name="prepared"/>), the baseline's statements are planned once per pooled connection
/// too: the stricter comparison.
/// </para>
/// </summary>
internal sealed class RawNpgslAppender(NpgsqlDataSource dataSource, bool prepared)
{
    private readonly ConcurrentDictionary<string, byte[]> lastHash = new();

    public async Task AppendAsync(string stream, long version)
    {
        var data = Payload.Data(version + 1);
        var previous = lastHash.GetValueOrDefault(stream, []);
        var hash = SHA256.HashData([.. previous, .. Encoding.UTF8.GetBytes(data)]);

        await using var connection = await dataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        var streamCommand = version == 0
            ? new NpgsqlBatchCommand("INSERT INTO streams (stream_id, stream_type, version) VALUES ($1, 'bench', 1)")
            : new NpgsqlBatchCommand("UPDATE streams SET version = version + 1, updated_at = now() WHERE stream_id = $1 AND version = $2");
        streamCommand.Parameters.Add(new NpgsqlParameter { Value = stream });
        if (version > 0) streamCommand.Parameters.Add(new NpgsqlParameter { Value = version });
        batch.BatchCommands.Add(streamCommand);

        var eventCommand = new NpgsqlBatchCommand("""
            INSERT INTO events (event_id, stream_id, stream_version, event_type, data, metadata, hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """);
        eventCommand.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
        eventCommand.Parameters.Add(new NpgsqlParameter { Value = stream });
        eventCommand.Parameters.Add(new NpgsqlParameter { Value = version + 1 });
        eventCommand.Parameters.Add(new NpgsqlParameter { Value = Payload.EventType });
        eventCommand.Parameters.Add(new NpgsqlParameter { Value = data, NpgsqlDbType = NpgsqlDbType.Jsonb });
        eventCommand.Parameters.Add(new NpgsqlParameter { Value = Payload.Metadata, NpgsqlDbType = NpgsqlDbType.Jsonb });
        eventCommand.Parameters.Add(new NpgsqlParameter { Value = hash });
        batch.BatchCommands.Add(eventCommand);
        batch.BatchCommands.Add(StoreAppend.Projection(stream, version + 1, data));

        // Npgsql keeps a prepared statement with the physical connection: after the first time this is a lookup.
        if (prepared) await batch.PrepareAsync();
        var affected = await batch.ExecuteNonQueryAsync();
        if (affected != 3) throw new InvalidOperationException($"Stream {stream} was not at version {version}.");
        lastHash[stream] = hash;
    }

    public async Task<int> ReadAsync(string stream)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("""
            SELECT global_position, event_id, stream_id, stream_version, event_type, data::text, metadata::text,
                   recorded_at, transaction_id::text, hash
            FROM events WHERE stream_id = $1 ORDER BY stream_version
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = stream });
        if (prepared) await command.PrepareAsync();
        await using var reader = await command.ExecuteReaderAsync();
        var count = 0;
        while (await reader.ReadAsync())
        {
            _ = (reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4), reader.GetString(5),
                reader.GetString(6), reader.GetDateTime(7), reader.GetString(8), reader.GetFieldValue<byte[]>(9));
            count++;
        }
        return count;
    }
}
