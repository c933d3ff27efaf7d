using Npgsql;
using NpgsqlTypes;
using Sroi.Ledger.EventStore;

namespace Sroi.Ledger.Benchmarks;

/// <summary>The event store's append: expected version, one event, the projection upsert in the same batch.</summary>
internal static class StoreAppend
{
    private static readonly EventMetadata Metadata = new("inkoop:0192f1c4-7a1e-7cbe-9a61-0d3c8a0b2f11", "0HN8Q3K9S2T1:00000001");

    public static AppendRequest Request(string stream, long version)
    {
        var data = Payload.Data(version + 1);
        return new AppendRequest(new StreamId(stream), "bench", ExpectedVersion.Exactly(version),
            [new NewEvent(Guid.NewGuid(), Payload.EventType, data, Metadata)])
        {
            SameTransaction = [Projection(stream, version + 1, data)],
        };
    }

    public static NpgsqlBatchCommand Projection(string stream, long version, string data)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO bench_projection (stream_id, version, last_event) VALUES ($1, $2, $3)
            ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, last_event = excluded.last_event
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = stream });
        command.Parameters.Add(new NpgsqlParameter { Value = version });
        command.Parameters.Add(new NpgsqlParameter { Value = data, NpgsqlDbType = NpgsqlDbType.Jsonb });
        return command;
    }
}
