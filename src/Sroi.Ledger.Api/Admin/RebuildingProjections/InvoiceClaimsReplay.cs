using Marten;
using Marten.Events;
using Npgsql;
using Sroi.Ledger.Api.Fulfilments;
using Sroi.Ledger.Domain.Fulfilments;

namespace Sroi.Ledger.Api.Admin.RebuildingProjections;

/// <summary>
/// The invoice claims (<see cref="InvoiceClaims"/>, <c>fulfilment_invoices</c>) made again from the report events of every
/// contract, in the log's order: a claim released by one contract's report and taken by another's is only right in that
/// order, so this table is not refolded stream by stream. One transaction: <c>SHARE ROW EXCLUSIVE</c> on the table lets
/// every reader read the rows as they were until the commit, and makes a writer of a report wait at its claim's statement.
/// The events are read after the lock is granted, so they hold every write that touched the table before (the lock waited
/// for its commit); a write that reaches its claim's statement later applies it to the replayed rows after the commit.
/// </summary>
public static class InvoiceClaimsReplay
{
    /// <summary>Statements sent per round trip.</summary>
    private const int BatchSize = 2000;

    /// <returns>How many report events were replayed.</returns>
    public static async Task<long> RunAsync(IDocumentStore store, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var clear = new NpgsqlCommand($"LOCK TABLE {InvoiceClaims.Tables[0]} IN SHARE ROW EXCLUSIVE MODE; DELETE FROM {InvoiceClaims.Tables[0]}", connection, transaction))
            await clear.ExecuteNonQueryAsync(ct);

        await using var reading = store.QuerySession();
        var events = reading.Events.QueryAllRawEvents()
            .Where(e => e.AnyTenant() && e.EventTypesAre(typeof(FulfilmentReported), typeof(FulfilmentAccepted), typeof(FulfilmentRejected), typeof(FulfilmentWithdrawn)))
            .OrderBy(e => e.Sequence)
            .ToAsyncEnumerable(ct);
        var batch = new NpgsqlBatch(connection, transaction);
        long replayed = 0;
        await foreach (var e in events)
        {
            replayed++;
            foreach (var statement in InvoiceClaims.For(e.Data))
                batch.BatchCommands.Add(statement.Statement);
            if (batch.BatchCommands.Count < BatchSize) continue;
            // Prepared (a handful of statement texts, parsed once per connection; StreamRefold says why).
            await batch.PrepareAsync(ct);
            await batch.ExecuteNonQueryAsync(ct);
            await batch.DisposeAsync();
            batch = new NpgsqlBatch(connection, transaction);
        }
        if (batch.BatchCommands.Count > 0)
        {
            await batch.PrepareAsync(ct);
            await batch.ExecuteNonQueryAsync(ct);
        }
        await batch.DisposeAsync();
        await transaction.CommitAsync(ct);
        return replayed;
    }
}
