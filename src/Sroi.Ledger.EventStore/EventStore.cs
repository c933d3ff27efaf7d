using System.Text.Json;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Sroi.Ledger.EventStore;

/// <summary>Appends to and reads streams of events in PostgreSQL.</summary>
public sealed class EventStore(NpgsqlDataSource dataSource)
{
    private const string ConflictState = "SRV01";

    internal static readonly JsonSerializerOptions MetadataJsonOptions = new()
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private const string SelectColumns =
        "global_position, event_id, stream_id, stream_version, event_type, data::text, metadata::text, " +
        "recorded_at, transaction_id::text, hash";

    /// <summary>
    /// Appends in one transaction and (unless <see cref="ExpectedVersion.Any"/>) one round trip: the
    /// version check, the events and the inline projection statements.
    /// </summary>
    public async Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (!request.Expected.IsAny)
            return await AppendAsync(connection, null, request, ct);

        await using var transaction = await connection.BeginTransactionAsync(ct);
        var current = await LockedVersionAsync(connection, transaction, request.StreamId, ct);
        var result = await AppendAsync(connection, transaction, request with { Expected = ExpectedVersion.Exactly(current) }, ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// Appends on the caller's connection, inside the caller's transaction if one is given (the caller
    /// commits). Without a transaction the batch runs as one implicit transaction.
    /// </summary>
    public async Task<AppendResult> AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, AppendRequest request, CancellationToken ct = default)
    {
        if (request.Events.Count == 0)
            throw new ArgumentException("An append needs at least one event.", nameof(request));
        if (request.Expected.IsAny)
            throw new ArgumentException("Resolve ExpectedVersion.Any before appending on a given connection.", nameof(request));

        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(AppendCommand(request));
        foreach (var command in request.SameTransaction)
            batch.BatchCommands.Add(command);

        try
        {
            await using var reader = await batch.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            var result = new AppendResult(request.Expected.Value + request.Events.Count, reader.GetInt64(0));
            // Drain the projection statements so a failure among them surfaces here, not silently.
            while (await reader.NextResultAsync(ct)) { }
            return result;
        }
        catch (PostgresException e) when (e.SqlState == ConflictState)
        {
            throw new StreamConflictException(request.StreamId, request.Expected, long.Parse(e.MessageText[(e.MessageText.LastIndexOf(' ') + 1)..]));
        }
    }

    /// <summary>Reads one stream in order, from a version on; optionally only what was recorded by a moment.</summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(
        StreamId streamId, long fromVersion = 1, Instant? recordedUpTo = null, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {SelectColumns} FROM events WHERE stream_id = $1 AND stream_version >= $2 " +
            (recordedUpTo is null ? "" : "AND recorded_at <= $3 ") +
            "ORDER BY stream_version");
        command.Parameters.Add(new NpgsqlParameter { Value = streamId.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = fromVersion });
        if (recordedUpTo is { } upTo)
            command.Parameters.Add(new NpgsqlParameter { Value = upTo.ToDateTimeUtc() });
        return await ReadEventsAsync(command, ct);
    }

    /// <summary>The stream's current version, or 0 when it does not exist.</summary>
    public async Task<long> StreamVersionAsync(StreamId streamId, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("SELECT version FROM streams WHERE stream_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = streamId.Value });
        return await command.ExecuteScalarAsync(ct) is long version ? version : 0;
    }

    /// <summary>
    /// Reads the global log after a cursor, in commit-safe order: only events of transactions older than
    /// every transaction still running, so an event that commits after a later one is never skipped.
    /// </summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(GlobalCursor after, int maxCount, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {SelectColumns} FROM events " +
            "WHERE (transaction_id, global_position) > ($1::text::xid8, $2) " +
            "AND transaction_id < pg_snapshot_xmin(pg_current_snapshot()) " +
            "ORDER BY transaction_id, global_position LIMIT $3");
        command.Parameters.Add(new NpgsqlParameter { Value = after.TransactionId.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = after.Position });
        command.Parameters.Add(new NpgsqlParameter { Value = maxCount });
        return await ReadEventsAsync(command, ct);
    }

    private static NpgsqlBatchCommand AppendCommand(AppendRequest request)
    {
        var events = request.Events;
        var command = new NpgsqlBatchCommand("SELECT sroi_append($1, $2, $3, $4, $5, $6, $7)");
        command.Parameters.Add(new NpgsqlParameter { Value = request.StreamId.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = request.StreamType });
        command.Parameters.Add(new NpgsqlParameter { Value = request.Expected.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.EventId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.EventType).ToArray() });
        command.Parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
            Value = events.Select(e => e.Data).ToArray(),
        });
        command.Parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
            Value = events.Select(e => JsonSerializer.Serialize(e.Metadata, MetadataJsonOptions)).ToArray(),
        });
        return command;
    }

    private static async Task<long> LockedVersionAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, StreamId streamId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT version FROM streams WHERE stream_id = $1 FOR UPDATE", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = streamId.Value });
        return await command.ExecuteScalarAsync(ct) is long version ? version : 0;
    }

    private static async Task<IReadOnlyList<RecordedEvent>> ReadEventsAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var events = new List<RecordedEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            events.Add(new RecordedEvent(
                GlobalPosition: reader.GetInt64(0),
                EventId: reader.GetGuid(1),
                StreamId: new StreamId(reader.GetString(2)),
                StreamVersion: reader.GetInt64(3),
                EventType: reader.GetString(4),
                Data: reader.GetString(5),
                MetadataJson: reader.GetString(6),
                RecordedAt: Instant.FromDateTimeUtc(reader.GetDateTime(7)),
                TransactionId: ulong.Parse(reader.GetString(8)),
                Hash: reader.GetFieldValue<byte[]>(9)));
        }
        return events;
    }
}
