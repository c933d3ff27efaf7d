using Npgsql;
using Sroi.Ledger.Domain.Contracts;

namespace Sroi.Ledger.Api.Contracts;

/// <summary>Loads a contract's events for deciding, and its read-model row for answering.</summary>
public sealed class ContractReader(EventStore.EventStore store, NpgsqlDataSource db)
{
    public async Task<(IReadOnlyList<IContractEvent> Events, long Version)> LoadAsync(Guid contractId, CancellationToken ct)
    {
        var recorded = await store.ReadStreamAsync(ContractEventTypes.StreamOf(contractId), ct: ct);
        var events = recorded.Select(e => ContractEventTypes.Deserialize(e.EventType, e.Data)).ToList();
        return (events, recorded.Count == 0 ? 0 : recorded[^1].StreamVersion);
    }

    /// <summary>The read-model row: visibility keys, version and the API document; null when unknown.</summary>
    public async Task<ContractRow?> FindAsync(Guid contractId, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            "SELECT municipality, contractor_kvk, version, obligation_applies, obligation_cents, document::text FROM contracts WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = contractId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
            return null;
        return new ContractRow(contractId, reader.GetString(0), reader.GetString(1), reader.GetInt64(2),
            reader.GetBoolean(3), reader.GetInt64(4), reader.GetString(5));
    }
}

public sealed record ContractRow(
    Guid Id, string Municipality, string ContractorKvk, long Version, bool ObligationApplies, long ObligationCents, string Document);
