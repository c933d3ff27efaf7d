using Marten;
using Npgsql;
using Sroi.Ledger.Api.Contracts;

namespace Sroi.Ledger.Api.Plans;

/// <summary>
/// Sets the contract row's <c>plan_missing_from</c> (issue 21: the worklist's "no approved plan three months after the
/// award") to what the document says now, for rows Marten wrote under an older rule: Marten adds a duplicated column empty
/// and computes it only when it writes the document again. Version 1 filled the rows stored before the column existed;
/// version 2 (session 31) also clears it for a contract completed without a plan, which no longer owes one (the
/// contractor could not submit it any more, so the item could never be cleared). Runs once per version (its marker in
/// <c>schema_migrations</c>), like the list's own backfill; a row that already agrees is left alone.
/// </summary>
public static class PlanMissingBackfill
{
    public const int Version = 2;

    public const string Component = "backfill:contract-plan-missing";

    /// <returns>The documents changed; null when the marker said there was nothing to do.</returns>
    public static Task<int?> RunOnceAsync(IDocumentStore store, NpgsqlDataSource db, CancellationToken ct) =>
        Database.BackfillMarker.RunOnceAsync(db, Component, Version, nameof(PlanMissingBackfill), c => FillAsync(store, db, c), ct);

    /// <summary>Sets every row whose column differs from its document's <see cref="ContractDocument.PlanMissingFrom"/>; whatever the marker says.</summary>
    public static async Task<int> FillAsync(IDocumentStore store, NpgsqlDataSource db, CancellationToken ct)
    {
        var serializer = store.Options.Serializer();
        var changed = new List<(string Tenant, string Id, NodaTime.LocalDate? Stored, NodaTime.LocalDate? From)>();
        // The data source has no NodaTime mapping: a date column is read and written as DateOnly (version 1 passed a
        // LocalDate, for which it has no mapping; the tests never gave it a row to write, their databases being new).
        // Without the reports: whether a plan is due depends on the obligation, the status, the settlement and the plan only.
        await using (var select = db.CreateCommand(
            $"SELECT tenant_id, id, data #- '{{state,fulfilments}}', plan_missing_from FROM {ContractStorage.Table}"))
        await using (var rows = await select.ExecuteReaderAsync(ct))
        {
            while (await rows.ReadAsync(ct))
            {
                var from = serializer.FromJson<ContractDocument>(rows, 2).PlanMissingFrom;
                var stored = rows.IsDBNull(3) ? (NodaTime.LocalDate?)null : NodaTime.LocalDate.FromDateOnly(rows.GetFieldValue<DateOnly>(3));
                if (from != stored) changed.Add((rows.GetString(0), rows.GetString(1), stored, from));
            }
        }
        foreach (var chunk in changed.Chunk(500))
        {
            await using var batch = db.CreateBatch();
            foreach (var (tenant, id, stored, from) in chunk)
            {
                // Only while the row still holds what was read: a document written meanwhile computed its own.
                var update = new NpgsqlBatchCommand(
                    $"UPDATE {ContractStorage.Table} SET plan_missing_from = $1 WHERE tenant_id = $2 AND id = $3 AND plan_missing_from IS NOT DISTINCT FROM $4");
                update.Parameters.Add(new NpgsqlParameter { Value = (object?)from?.ToDateOnly() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
                update.Parameters.Add(new NpgsqlParameter { Value = tenant });
                update.Parameters.Add(new NpgsqlParameter { Value = id });
                update.Parameters.Add(new NpgsqlParameter { Value = (object?)stored?.ToDateOnly() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
                batch.BatchCommands.Add(update);
            }
            await batch.ExecuteNonQueryAsync(ct);
        }
        return changed.Count;
    }
}
