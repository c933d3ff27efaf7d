using Npgsql;
using Sroi.Ledger.Domain.Balance;
using Sroi.Ledger.Domain.Contracts;

namespace Sroi.Ledger.Api.Contracts;

/// <summary>
/// Re-folds contract read rows from their streams. At start-up it fills the rows written before the balance
/// columns existed (schema 005): the row is a pure function of the stream, so this gives what the inline
/// projection would have written. The upsert never replaces a row with an older version.
/// </summary>
public static class ContractRowRebuild
{
    public static async Task RebuildRowsWithoutBalanceAsync(NpgsqlDataSource db, ContractReader reader, CancellationToken ct)
    {
        var stale = new List<(Guid Id, string Municipality)>();
        await using (var command = db.CreateCommand("SELECT id, municipality FROM contracts WHERE balance IS NULL"))
        await using (var rows = await command.ExecuteReaderAsync(ct))
            while (await rows.ReadAsync(ct))
                stale.Add((rows.GetGuid(0), rows.GetString(1)));

        foreach (var (id, municipality) in stale)
        {
            var (events, version) = await reader.LoadAsync(Domain.Shared.MunicipalityCode.Parse(municipality), id, ct);
            if (events.Count == 0) continue;
            await using var batch = db.CreateBatch();
            batch.BatchCommands.Add(ContractProjection.Upsert(ContractView.From(events, version), ContractBalance.Of(ContractDecider.Fold(events))));
            await batch.ExecuteNonQueryAsync(ct);
        }
    }
}
