using Marten;
using Npgsql;
using Sroi.Ledger.Api.Contracts;

namespace Sroi.Ledger.Api.Plans;

/// <summary>
/// Fills the contract row's <c>plan_missing_from</c> (issue 21: the worklist's "no approved plan three months after the
/// award") for contracts stored before the column existed: Marten adds a duplicated column empty and computes it only when
/// it writes the document again. Runs once (its marker in <c>schema_migrations</c>), like the list's own backfill; a row
/// written meanwhile has the column already and is left alone.
/// </summary>
public static class PlanMissingBackfill
{
    public const int Version = 1;

    public const string Component = "backfill:contract-plan-missing";

    /// <returns>The documents filled; null when the marker said there was nothing to do.</returns>
    public static Task<int?> RunOnceAsync(IDocumentStore store, NpgsqlDataSource db, CancellationToken ct) =>
        Database.BackfillMarker.RunOnceAsync(db, Component, Version, nameof(PlanMissingBackfill), c => FillAsync(store, db, c), ct);

    /// <summary>Fills every row whose column is empty but whose document says a plan is due; whatever the marker says.</summary>
    public static async Task<int> FillAsync(IDocumentStore store, NpgsqlDataSource db, CancellationToken ct)
    {
        var serializer = store.Options.Serializer();
        var due = new List<(string Tenant, string Id, NodaTime.LocalDate From)>();
        // Without the reports: whether a plan is due depends on the obligation, the settlement and the plan only.
        await using (var select = db.CreateCommand(
            $"SELECT tenant_id, id, data #- '{{state,fulfilments}}' FROM {ContractStorage.Table} WHERE plan_missing_from IS NULL"))
        await using (var rows = await select.ExecuteReaderAsync(ct))
        {
            while (await rows.ReadAsync(ct))
                if (serializer.FromJson<ContractDocument>(rows, 2).PlanMissingFrom is { } from)
                    due.Add((rows.GetString(0), rows.GetString(1), from));
        }
        foreach (var chunk in due.Chunk(500))
        {
            await using var batch = db.CreateBatch();
            foreach (var (tenant, id, from) in chunk)
            {
                var update = new NpgsqlBatchCommand(
                    $"UPDATE {ContractStorage.Table} SET plan_missing_from = $1 WHERE tenant_id = $2 AND id = $3 AND plan_missing_from IS NULL");
                update.Parameters.Add(new NpgsqlParameter { Value = from });
                update.Parameters.Add(new NpgsqlParameter { Value = tenant });
                update.Parameters.Add(new NpgsqlParameter { Value = id });
                batch.BatchCommands.Add(update);
            }
            await batch.ExecuteNonQueryAsync(ct);
        }
        return due.Count;
    }
}
