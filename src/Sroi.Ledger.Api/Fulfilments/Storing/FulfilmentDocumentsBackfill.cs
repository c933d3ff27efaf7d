using Marten;
using Npgsql;

namespace Sroi.Ledger.Api.Fulfilments.Storing;

/// <summary>
/// A ledger written before the reports were documents of their own (issue 23) holds them only inside the contract's
/// document, and no version they are folded up to (Schema/140); so every contract still without that version gets its
/// report documents and the version once, folded from its events (<see cref="FulfilmentDocuments.RefoldAsync"/>),
/// each under the stream's lock, so a writer of this build waits for it and a contract written meanwhile is not folded twice.
/// Recorded in <c>schema_migrations</c> (<see cref="Database.BackfillMarker"/>): a later start skips the scan.
/// </summary>
public static class FulfilmentDocumentsBackfill
{
    public const int Version = 1;

    public const string Component = "backfill:fulfilment-documents";

    /// <returns>The contracts filled; null when the marker said this ran already.</returns>
    public static Task<int?> RunOnceAsync(IDocumentStore store, NpgsqlDataSource db, CancellationToken ct) =>
        Database.BackfillMarker.RunOnceAsync(db, Component, Version, nameof(FulfilmentDocumentsBackfill), c => FillAsync(store, db, c), ct);

    /// <summary>Every contract stream not yet folded into report documents, whatever the marker says.</summary>
    public static async Task<int> FillAsync(IDocumentStore store, NpgsqlDataSource db, CancellationToken ct)
    {
        var missing = new List<(string Tenant, string Stream)>();
        await using (var select = db.CreateCommand($"""
            SELECT s.tenant_id, s.id FROM mt_streams s
            WHERE starts_with(s.id, 'contract-')
              AND NOT EXISTS (SELECT 1 FROM {FulfilmentDocuments.StreamsTable} f WHERE f.tenant_id = s.tenant_id AND f.contract_id = s.id)
            ORDER BY s.tenant_id, s.id
            """))
        await using (var rows = await select.ExecuteReaderAsync(ct))
        {
            while (await rows.ReadAsync(ct))
                missing.Add((rows.GetString(0), rows.GetString(1)));
        }
        foreach (var (tenant, stream) in missing)
            await RefoldUnderLockAsync(store, tenant, stream, ct);
        return missing.Count;
    }

    /// <summary>One contract's report documents folded from its events in a transaction of their own, under the stream's lock.</summary>
    public static async Task RefoldUnderLockAsync(IDocumentStore store, string tenant, string stream, CancellationToken ct)
    {
        await using var session = store.LightweightSession(tenant);
        await session.BeginTransactionAsync(ct);
        await Writing.StreamLock.TakeAsync(session.Connection!, tenant, stream, ct);
        await FulfilmentDocuments.RefoldAsync(session, stream, ct);
        await session.SaveChangesAsync(ct);
    }
}
