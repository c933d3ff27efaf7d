using Marten;
using Npgsql;
using Sroi.Ledger.Api.Candidates;
using Sroi.Ledger.Api.EventLog;

namespace Sroi.Ledger.Api.Admin.RebuildingProjections;

/// <summary>
/// One stream's read models folded again from its events, in one transaction under the stream's advisory lock — the lock
/// of <see cref="Writing.LedgerWriter"/> (<see cref="Writing.StreamLock"/>), so a writer of the stream waits for the refold and then decides on the
/// refolded document, and the refold never sees half of a write. Nothing else is locked: the other streams are written meanwhile.
/// Candidate streams, with their report tables, are folded many at a time instead (<see cref="CandidateBatchRefold"/>).
/// </summary>
public sealed class StreamRefold(IDocumentStore store)
{
    /// <summary>A deadlock with a writer (both touch <c>caseload_changes</c>' rows of the same days) is refolded again.</summary>
    private const int MaxAttempts = 5;

    /// <summary>
    /// Every stream of a kind the ledger folds, as (tenant, stream, its events when listed), in a stable order. The events
    /// size the candidates' batches (<see cref="CandidateBatchRefold.Batches"/>); a stream may have more by its turn.
    /// </summary>
    public static async Task<List<(string Tenant, string Stream, long Events)>> StreamsAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        var streams = new List<(string, string, long)>();
        await using var command = db.CreateCommand("SELECT tenant_id, id, version FROM mt_streams ORDER BY tenant_id, id");
        await using var rows = await command.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
            if (StreamKinds.Of(rows.GetString(1)) is not null)
                streams.Add((rows.GetString(0), rows.GetString(1), rows.GetInt64(2)));
        return streams;
    }

    public async Task RunAsync(string tenant, string stream, StreamKind kind, CancellationToken ct)
    {
        try
        {
            await RetriedAsync(() => RefoldAsync(tenant, stream, kind, ct));
        }
        catch (PostgresException e)
        {
            // Which stream could not be refolded is what an operator needs to look at (the rebuild stops at the first).
            throw new InvalidOperationException($"The stream '{stream}' of {tenant} could not be refolded: {e.MessageText}", e);
        }
    }

    /// <summary>
    /// The rows of a candidate that has no stream removed (<see cref="CandidateReportTables.WithoutStream"/>), under the lock
    /// its stream would have, so a registration of that very candidate meanwhile waits and then writes its rows after. Asked
    /// again under the lock: a registration that took the lock between the rebuild's list and this removal has written its
    /// rows inline, and they are its events' own (removed, they stayed gone until the next rebuild).
    /// </summary>
    public static Task RemoveCandidateAsync(NpgsqlDataSource db, string municipality, string number, CancellationToken ct) => RetriedAsync(async () =>
    {
        var stream = $"candidate-{municipality}-{number}";
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await Writing.StreamLock.TakeAsync(connection, municipality, stream, ct);
        await using (var registered = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM mt_streams WHERE tenant_id = $1 AND id = $2)", connection, transaction))
        {
            registered.Parameters.Add(new NpgsqlParameter { Value = municipality });
            registered.Parameters.Add(new NpgsqlParameter { Value = stream });
            if (await registered.ExecuteScalarAsync(ct) is true) return;
        }
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var statement in CandidateReportTables.Remove(municipality, number))
            batch.BatchCommands.Add(statement);
        await batch.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    });

    /// <summary>Runs <paramref name="run"/> again, whole, when PostgreSQL rolled it back for a deadlock or a serialization failure.</summary>
    internal static async Task RetriedAsync(Func<Task> run)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await run();
                return;
            }
            // However wrapped: Marten's SaveChangesAsync throws it inside a MartenCommandException.
            catch (Exception e) when (attempt < MaxAttempts && Writing.LedgerWriter.RolledBack(e))
            {
                // Rolled back whole (class 40: a deadlock, a serialization failure): nothing of it stayed; again from the lock.
            }
        }
    }

    private async Task RefoldAsync(string tenant, string stream, StreamKind kind, CancellationToken ct)
    {
        await using var session = store.LightweightSession(tenant);
        await session.BeginTransactionAsync(ct);
        await Writing.StreamLock.TakeAsync(session.Connection!, tenant, stream, ct);
        await kind.RefoldAsync(session, stream, ct);
        // A contract's reports are documents of their own (Fulfilments/Storing), folded again with the contract's.
        if (kind.DocumentType == typeof(Contracts.ContractDocument))
            await Fulfilments.Storing.FulfilmentDocuments.RefoldAsync(session, stream, ct);
        await session.SaveChangesAsync(ct);
    }
}
