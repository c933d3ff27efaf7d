using Npgsql;
using Sroi.Ledger.Api.Contracts;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Auth;

/// <summary>
/// Where a contractor acting as an organisation reaches: an <c>opdrachtnemer</c> with a KvK number and no municipality (a
/// contractor key issued without one, or a contractor's token) reads and reports on its own contracts in every
/// municipality, and on the municipality's published rules (policy, building-block tables) only where it holds a contract.
/// A contract's municipality is its tenant: the contracts' table says where each of its contracts is.
/// </summary>
public static class ContractorReach
{
    /// <summary>A contractor bound to no municipality: its own contracts wherever they are.</summary>
    public static bool IsContractorEverywhere(this Caller caller) =>
        caller.Role == Role.Opdrachtnemer && caller.Municipality is null && caller.KvkNumber is not null;

    /// <summary>
    /// The municipality whose tenant holds the contract for a write by <paramref name="caller"/>: a key bound to a
    /// municipality writes in its own (another's contract is simply not there); a contractor everywhere in the contract's,
    /// when the contract is its own; null when it is not (absent, or another contractor's: 404 either way).
    /// </summary>
    public static async Task<MunicipalityCode?> TenantOfContractAsync(NpgsqlDataSource db, Caller caller, Guid contractId, CancellationToken ct)
    {
        if (caller.Municipality is { } own) return own;
        if (!caller.IsContractorEverywhere()) return null;
        await using var command = db.CreateCommand($"SELECT tenant_id FROM {ContractStorage.Table} WHERE id = $1 AND contractor_kvk = $2 LIMIT 1");
        command.Parameters.Add(new NpgsqlParameter { Value = ContractEventTypes.StreamOf(contractId).Value });
        command.Parameters.Add(new NpgsqlParameter { Value = caller.KvkNumber!.Value.Value });
        return await command.ExecuteScalarAsync(ct) is string tenant ? MunicipalityCode.Parse(tenant) : null;
    }

    /// <summary>The municipalities where the contractor holds a contract (any status), in code order.</summary>
    public static async Task<IReadOnlyList<MunicipalityCode>> MunicipalitiesOfAsync(NpgsqlDataSource db, KvkNumber contractor, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"SELECT DISTINCT tenant_id FROM {ContractStorage.Table} WHERE contractor_kvk = $1 ORDER BY tenant_id");
        command.Parameters.Add(new NpgsqlParameter { Value = contractor.Value });
        var found = new List<MunicipalityCode>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found.Add(MunicipalityCode.Parse(reader.GetString(0)));
        return found;
    }
}
