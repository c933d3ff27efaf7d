using Npgsql;

namespace Sroi.Ledger.Api.EventLog;

/// <summary>
/// The service runs as a role that does not own the schema: the owner applies the schema (Marten's, the chain,
/// the read tables) and then grants the service what <c>EventLog/service_role.sql</c> lists.
/// </summary>
public static class ServiceRole
{
    public static async Task GrantAsync(NpgsqlDataSource owner, string serviceRole, CancellationToken ct)
    {
        var script = await Database.SchemaMigrations.ReadEmbeddedAsync(typeof(ServiceRole).Assembly, "EventLog.service_role.sql");
        var quoted = "\"" + serviceRole.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using var command = owner.CreateCommand(script.Replace(":service", quoted, StringComparison.Ordinal));
        await command.ExecuteNonQueryAsync(ct);
    }
}
