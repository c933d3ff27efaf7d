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
/// </summary>
internal sealed class RawNpgslAppender(NpgsqlDataSource dataSource)
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

        var affected = await batch.ExecuteNonQueryAsync();
        if (affected != 3) throw new InvalidOperationException($"Stream {stream} was not at version {version}.");
        lastHash[stream] = hash;
    }

    public async Task<int> ReadAsync(string stream)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT global_position, event_id, stream_id, stream_version, event_type, data::text, metadata::text,
                   recorded_at, transaction_id::text, hash
            FROM events WHERE stream_id = $1 ORDER BY stream_version
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = stream });
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
