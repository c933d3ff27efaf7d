using Marten;
using Npgsql;

namespace Sroi.Ledger.Api.Contracts.ReadingContracts;

/// <summary>
/// Fills the contract row's columns added after contracts were stored (the search text and the value, issue 20; the
/// obligation's policy version and the pending reports the worklist pages on, issue 23): Marten adds a duplicated column
/// empty, and computes it only when it writes the document again. Each document still without its search text or its
/// pending reports gets them all from its own stored state, once; a document written meanwhile has them already and is
/// left alone (the update asks for a column to be empty still).
/// </summary>
public static class ContractListColumnsBackfill
{
    /// <summary>
    /// Raised whenever the backfill fills another column: the marker row (<c>schema_migrations</c>, component
    /// <see cref="Component"/>) holds the version that last ran, and a start finding it skips the scan.
    /// </summary>
    public const int Version = 2;

    public const string Component = "backfill:contract-list-columns";

    /// <summary>
    /// At start-up: the fill, unless the schema's marker says this version ran already. Before the marker every start read
    /// every contract still to fill, and asked the whole table for them (a sequential scan at each start). Two nodes starting
    /// together may both fill: harmless, each update asks for the column to be empty still.
    /// </summary>
    /// <returns>The documents filled; null when the marker said there was nothing to do.</returns>
    public static Task<int?> RunOnceAsync(IDocumentStore store, NpgsqlDataSource db, CancellationToken ct) =>
        Database.BackfillMarker.RunOnceAsync(db, Component, Version, nameof(ContractListColumnsBackfill), c => FillAsync(store, db, c), ct);

    /// <summary>Fills every row still missing a column, whatever the marker says.</summary>
    public static async Task<int> FillAsync(IDocumentStore store, NpgsqlDataSource db, CancellationToken ct)
    {
        const string missingColumns = "(search_text IS NULL OR pending_reports IS NULL)";
        var serializer = store.Options.Serializer();
        var missing = new List<(string Tenant, string Id, string SearchText, long ValueCents, string? PolicyVersion, string PendingReports)>();
        await using (var select = db.CreateCommand($"SELECT tenant_id, id, data FROM {ContractStorage.Table} WHERE {missingColumns}"))
        await using (var rows = await select.ExecuteReaderAsync(ct))
        {
            while (await rows.ReadAsync(ct))
            {
                // Only the columns are kept: the documents are read one at a time.
                var document = serializer.FromJson<ContractDocument>(rows, 2);
                missing.Add((rows.GetString(0), rows.GetString(1), document.SearchText, document.ContractValueCents,
                    document.ObligationPolicyVersion, document.PendingReports));
            }
        }
        foreach (var chunk in missing.Chunk(500))
        {
            await using var batch = db.CreateBatch();
            foreach (var (tenant, id, searchText, valueCents, policyVersion, pendingReports) in chunk)
            {
                var update = new NpgsqlBatchCommand(
                    $"UPDATE {ContractStorage.Table} SET search_text = $1, contract_value_cents = $2, obligation_policy_version = $3, " +
                    $"pending_reports = $4::jsonb WHERE tenant_id = $5 AND id = $6 AND {missingColumns}");
                update.Parameters.Add(new NpgsqlParameter { Value = searchText });
                update.Parameters.Add(new NpgsqlParameter { Value = valueCents });
                update.Parameters.Add(new NpgsqlParameter { Value = (object?)policyVersion ?? DBNull.Value });
                update.Parameters.Add(new NpgsqlParameter { Value = pendingReports });
                update.Parameters.Add(new NpgsqlParameter { Value = tenant });
                update.Parameters.Add(new NpgsqlParameter { Value = id });
                batch.BatchCommands.Add(update);
            }
            await batch.ExecuteNonQueryAsync(ct);
        }
        return missing.Count;
    }
}
