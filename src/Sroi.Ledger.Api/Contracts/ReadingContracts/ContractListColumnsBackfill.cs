using Marten;
using Npgsql;

namespace Sroi.Ledger.Api.Contracts.ReadingContracts;

/// <summary>
/// Fills the list's columns added after contracts were stored (the search text and the value, issue 20): Marten adds a
/// duplicated column empty, and computes it only when it writes the document again. Run at start-up: each document still
/// without its search text gets both from its own stored state, once; a document written meanwhile has them already and is
/// left alone (the update asks for the column to be empty still).
/// </summary>
public static class ContractListColumnsBackfill
{
    public static async Task<int> FillAsync(IDocumentStore store, NpgsqlDataSource db, CancellationToken ct)
    {
        var serializer = store.Options.Serializer();
        var missing = new List<(string Tenant, string Id, string SearchText, long ValueCents)>();
        await using (var select = db.CreateCommand(
            $"SELECT tenant_id, id, data #- '{{state,fulfilments}}' FROM {ContractStorage.Table} WHERE search_text IS NULL"))
        await using (var rows = await select.ExecuteReaderAsync(ct))
        {
            while (await rows.ReadAsync(ct))
            {
                var document = serializer.FromJson<ContractDocument>(rows, 2);
                missing.Add((rows.GetString(0), rows.GetString(1), document.SearchText, document.ContractValueCents));
            }
        }
        foreach (var chunk in missing.Chunk(500))
        {
            await using var batch = db.CreateBatch();
            foreach (var (tenant, id, searchText, valueCents) in chunk)
            {
                var update = new NpgsqlBatchCommand(
                    $"UPDATE {ContractStorage.Table} SET search_text = $1, contract_value_cents = $2 WHERE tenant_id = $3 AND id = $4 AND search_text IS NULL");
                update.Parameters.Add(new NpgsqlParameter { Value = searchText });
                update.Parameters.Add(new NpgsqlParameter { Value = valueCents });
                update.Parameters.Add(new NpgsqlParameter { Value = tenant });
                update.Parameters.Add(new NpgsqlParameter { Value = id });
                batch.BatchCommands.Add(update);
            }
            await batch.ExecuteNonQueryAsync(ct);
        }
        return missing.Count;
    }
}
