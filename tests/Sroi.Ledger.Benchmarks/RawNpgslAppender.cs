extern alias api;

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using api::Sroi.Ledger.Api.Hosting;
using Npgsql;
using NpgsqlTypes;
using api::Sroi.Ledger.Api.Json;

namespace Sroi.Ledger.Benchmarks;

/// <summary>
/// The baseline: comparable rows written with plain Npgsql in one batch, one round trip, one implicit transaction.
/// Its tables copy the shape of Marten's conjoined, string-keyed <c>mt_streams</c> and <c>mt_events</c> (the same
/// columns, keys, foreign key and indexes), with the chain hash in the event row instead of a table of its own:
/// a stream row (<c>INSERT</c>, or <c>UPDATE … WHERE version = $n</c>: the per-stream version check), the event
/// row (the same event, serialised with the ledger's event JSON options, a client-side SHA-256 over the previous
/// hash and the payload, the unique (tenant, stream, version) key as the second guard), and the same projection
/// statement. It skips what the ledger adds: Marten's unit of work and its SQL, the chain trigger (the previous
/// hash looked up, the canonical bytes, SHA-256, a second table with two keys) and the immutability triggers.
/// <para>
/// Unprepared (the baseline), PostgreSQL parses and plans the three statements on every append.
/// Prepared (<paramref name="prepared"/>), they are planned once per pooled connection: the stricter comparison.
/// </para>
/// </summary>
internal sealed class RawNpgslAppender(NpgsqlDataSource dataSource, bool prepared)
{
    /// <summary>
    /// Column for column Marten's <c>mt_streams</c> and <c>mt_events</c> as <c>LedgerStoreOptions</c> has Marten create
    /// them (conjoined tenancy, string ids: the same keys, the same foreign key, no other index), plus the hash column.
    /// </summary>
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS bench_streams (
            tenant_id         varchar     NOT NULL DEFAULT '*DEFAULT*',
            id                varchar     NOT NULL,
            type              varchar,
            version           bigint,
            timestamp         timestamptz NOT NULL DEFAULT now(),
            created           timestamptz NOT NULL DEFAULT now(),
            compacted_version bigint      NOT NULL DEFAULT 0,
            is_archived       boolean     DEFAULT false,
            PRIMARY KEY (tenant_id, id));
        CREATE TABLE IF NOT EXISTS bench_events (
            seq_id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id             uuid         NOT NULL,
            stream_id      varchar,
            version        bigint       NOT NULL,
            data           jsonb        NOT NULL,
            bdata          bytea,
            type           varchar(500) NOT NULL,
            timestamp      timestamptz  NOT NULL DEFAULT now(),
            tenant_id      varchar      DEFAULT '*DEFAULT*',
            mt_dotnet_type varchar,
            correlation_id varchar,
            causation_id   varchar,
            headers        jsonb,
            user_name      varchar,
            is_archived    boolean      DEFAULT false,
            hash           bytea        NOT NULL,
            FOREIGN KEY (tenant_id, stream_id) REFERENCES bench_streams (tenant_id, id));
        CREATE UNIQUE INDEX IF NOT EXISTS bench_events_stream_and_version ON bench_events (tenant_id, stream_id, version);
        """;

    private const string EventType = "contract.amended.v1";
    private static readonly string DotnetType = $"{typeof(Domain.Contracts.ContractAmended).FullName}, {typeof(Domain.Contracts.ContractAmended).Assembly.GetName().Name}";

    private readonly ConcurrentDictionary<string, byte[]> lastHash = new();

    public async Task AppendAsync(string stream, long version)
    {
        var amended = BenchEvent.At(version + 1);
        var data = JsonSerializer.Serialize(amended, EventJson.Options);
        var previous = lastHash.GetValueOrDefault(stream, []);
        var hash = SHA256.HashData([.. previous, .. Encoding.UTF8.GetBytes(data)]);
        var tenant = BenchEvent.Tenant.Value;

        await using var connection = await dataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        var streamCommand = version == 0
            ? new NpgsqlBatchCommand("INSERT INTO bench_streams (id, tenant_id, type, version) VALUES ($1, $2, 'contract', 1)")
            : new NpgsqlBatchCommand("UPDATE bench_streams SET version = version + 1, timestamp = now() WHERE id = $1 AND tenant_id = $2 AND version = $3");
        streamCommand.Parameters.Add(new NpgsqlParameter { Value = stream });
        streamCommand.Parameters.Add(new NpgsqlParameter { Value = tenant });
        if (version > 0) streamCommand.Parameters.Add(new NpgsqlParameter { Value = version });
        batch.BatchCommands.Add(streamCommand);

        var eventCommand = new NpgsqlBatchCommand("""
            INSERT INTO bench_events (id, stream_id, version, data, type, tenant_id, mt_dotnet_type, correlation_id, user_name, hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """);
        eventCommand.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
        eventCommand.Parameters.Add(new NpgsqlParameter { Value = stream });
        eventCommand.Parameters.Add(new NpgsqlParameter { Value = version + 1 });
        eventCommand.Parameters.Add(new NpgsqlParameter { Value = data, NpgsqlDbType = NpgsqlDbType.Jsonb });
        eventCommand.Parameters.Add(new NpgsqlParameter { Value = EventType });
        eventCommand.Parameters.Add(new NpgsqlParameter { Value = tenant });
        eventCommand.Parameters.Add(new NpgsqlParameter { Value = DotnetType });
        eventCommand.Parameters.Add(new NpgsqlParameter { Value = BenchEvent.Metadata.CorrelationId });
        eventCommand.Parameters.Add(new NpgsqlParameter { Value = BenchEvent.Metadata.Actor });
        eventCommand.Parameters.Add(new NpgsqlParameter { Value = hash });
        batch.BatchCommands.Add(eventCommand);
        batch.BatchCommands.Add(BenchEvent.Projection(stream, version + 1, amended));

        // Npgsql keeps a prepared statement with the physical connection: after the first time this is a lookup.
        if (prepared) await batch.PrepareAsync();
        var affected = await batch.ExecuteNonQueryAsync();
        if (affected != 3) throw new InvalidOperationException($"Stream {stream} was not at version {version}.");
        lastHash[stream] = hash;
    }

    /// <summary>The columns <c>LedgerEvents.ReadStreamAsync</c> reads, from the baseline's own table, into locals.</summary>
    public async Task<int> ReadAsync(string stream)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("""
            SELECT seq_id, id, tenant_id, stream_id, version, type, data::text, user_name, correlation_id,
                   causation_id, headers::text, timestamp, hash
            FROM bench_events WHERE tenant_id = $1 AND stream_id = $2 ORDER BY version
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = BenchEvent.Tenant.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = stream });
        if (prepared) await command.PrepareAsync();
        await using var reader = await command.ExecuteReaderAsync();
        var count = 0;
        while (await reader.ReadAsync())
        {
            _ = (reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetString(5),
                reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.GetFieldValue<NodaTime.Instant>(11), reader.GetFieldValue<byte[]>(12));
            count++;
        }
        return count;
    }
}
