using Npgsql;
using Sroi.Ledger.Domain.Shared;

namespace Sroi.Ledger.Api.People;

/// <summary>
/// Whether the ledger knows a municipality: one of CBS's table shipped with the service (<see cref="MunicipalityNames"/>),
/// or one the ledger holds anything of — a stream in its tenant (a policy, a contract, a candidate, tables, ambitions,
/// programmes) or an API key bound to it. The second keeps a municipality formed after the table working without a
/// release (and the tests' GM9xxx municipalities, which have a policy, data or a key); a code that is neither, a typo
/// such as GM9603 for GM0603, is not a municipality with nothing in it.
/// </summary>
public static class KnownMunicipalities
{
    public static async Task<bool> IsKnownAsync(NpgsqlDataSource db, MunicipalityCode code, CancellationToken ct)
    {
        if (MunicipalityNames.All.ContainsKey(code.Value)) return true;
        await using var command = db.CreateCommand("""
            SELECT EXISTS (SELECT 1 FROM mt_streams WHERE tenant_id = $1) OR EXISTS (SELECT 1 FROM api_keys WHERE municipality = $1)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = code.Value });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }
}
