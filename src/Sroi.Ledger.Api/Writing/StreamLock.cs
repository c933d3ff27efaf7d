using Npgsql;

namespace Sroi.Ledger.Api.Writing;

/// <summary>
/// The lock that queues a stream's writers (<see cref="LedgerWriter"/>): a transaction-scoped advisory lock keyed by a 64-bit
/// hash of tenant and stream, held until the transaction ends. The rebuild (Admin/RebuildingProjections/StreamRefold) takes
/// the same lock to fold a stream again while the ledger is written, so the key is made in one place. Its statement also
/// marks the transaction as the caller's (<see cref="EventLog.CallerTransaction"/>): Marten's session may then commit only
/// in it, never replay its batch in a new transaction without the lock.
/// </summary>
public static class StreamLock
{
    public static string Key(string tenant, string stream) => $"{tenant}/{stream}";

    /// <summary>Waits for the stream's lock in the connection's transaction (begun by the caller).</summary>
    public static async Task TakeAsync(NpgsqlConnection connection, string tenant, string stream, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT pg_advisory_xact_lock(hashtextextended($1, 0)), set_config('{EventLog.CallerTransaction.Setting}', $2, true)";
        command.Parameters.Add(new NpgsqlParameter { Value = Key(tenant, stream) });
        command.Parameters.Add(new NpgsqlParameter { Value = EventLog.CallerTransaction.NewMark(connection) });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Waits for the locks of several streams of one tenant in one round trip, in the order given (the rebuild's batches,
    /// Admin/RebuildingProjections/CandidateBatchRefold: each batch's streams in the list's order, disjoint from every other
    /// batch's, and a writer holds one stream's lock at a time, so no two holders wait for each other in a circle).
    /// </summary>
    public static async Task TakeAllAsync(NpgsqlConnection connection, string tenant, IReadOnlyList<string> streams, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0))), set_config('{EventLog.CallerTransaction.Setting}', $2, true)
            FROM unnest($1::text[]) WITH ORDINALITY AS u(k, i)
            """;
        command.Parameters.Add(new NpgsqlParameter { Value = streams.Select(s => Key(tenant, s)).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = EventLog.CallerTransaction.NewMark(connection) });
        await command.ExecuteNonQueryAsync(ct);
    }
}
