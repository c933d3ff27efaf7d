using Sroi.Ledger.Api.EventLog;
using Npgsql;
using NodaTime;
using Sroi.Ledger.Api.Auth;
using Sroi.Ledger.Domain.Contracts;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.Contracts;

/// <summary>Loads a contract's events for deciding, and its read-model row for answering.</summary>
public sealed class ContractReader(LedgerEvents store, NpgsqlDataSource db)
{
    public async Task<(IReadOnlyList<IContractEvent> Events, long Version)> LoadAsync(MunicipalityCode municipality, Guid contractId, CancellationToken ct)
    {
        var recorded = await store.ReadStreamAsync(municipality, ContractEventTypes.StreamOf(contractId), ct: ct);
        var events = recorded.Select(e => ContractEventTypes.Deserialize(e.EventType, e.Data)).ToList();
        return (events, recorded.Count == 0 ? 0 : recorded[^1].StreamVersion);
    }

    /// <summary>The read-model row: visibility keys, version, balance parts and the API document; null when unknown.</summary>
    public async Task<ContractRow?> FindAsync(Guid contractId, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            SELECT municipality, contractor_kvk, version, document::text, starts_on, ends_on, fixed_status, behind_from, balance::text
            FROM contracts WHERE id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = contractId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
            return null;
        return new ContractRow(contractId, reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3),
            LocalDate.FromDateOnly(reader.GetFieldValue<DateOnly>(4)), LocalDate.FromDateOnly(reader.GetFieldValue<DateOnly>(5)),
            reader.IsDBNull(6) ? null : reader.GetString(6),
            reader.IsDBNull(7) ? null : LocalDate.FromDateOnly(reader.GetFieldValue<DateOnly>(7)),
            reader.GetString(8));
    }

    /// <summary>The row when the caller may see the contract; a contract of another municipality or contractor is "not found".</summary>
    public async Task<ContractRow?> FindVisibleAsync(Guid contractId, HttpContext http, CancellationToken ct)
    {
        var row = await FindAsync(contractId, ct);
        return row is not null && Caller.From(http).MaySee(MunicipalityCode.Parse(row.Municipality), KvkNumber.Parse(row.ContractorKvk))
            ? row
            : null;
    }
}

/// <param name="FixedStatus">The balance status where it does not depend on the day (kebab case), else null.</param>
/// <param name="BehindFrom">The first day the contract is behind, when its status depends on the day.</param>
/// <param name="Balance">The day-independent balance (<see cref="Balance.StoredBalance"/>) as JSON.</param>
public sealed record ContractRow(
    Guid Id, string Municipality, string ContractorKvk, long Version, string Document,
    LocalDate StartsOn, LocalDate EndsOn, string? FixedStatus, LocalDate? BehindFrom, string Balance);
