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
        var script = await Hosting.SchemaMigrations.ReadEmbeddedAsync(typeof(ServiceRole).Assembly, "EventLog.service_role.sql");
        var quoted = "\"" + serviceRole.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using var command = owner.CreateCommand(script.Replace(":service", quoted, StringComparison.Ordinal));
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Creates (or re-passwords) a login role that owns nothing, for a local cluster the service starts itself.</summary>
    public static async Task EnsureLoginAsync(string superuserConnectionString, string database, string role, string password, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(superuserConnectionString);
        await connection.OpenAsync(ct);
        var quoted = "\"" + role.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var literal = "'" + password.Replace("'", "''", StringComparison.Ordinal) + "'";
        await using var command = new NpgsqlCommand($"""
            DO $$ BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {("'" + role.Replace("'", "''", StringComparison.Ordinal) + "'")}) THEN
                    CREATE ROLE {quoted} LOGIN PASSWORD {literal};
                ELSE
                    ALTER ROLE {quoted} LOGIN PASSWORD {literal};
                END IF;
            END $$;
            GRANT CONNECT ON DATABASE "{database}" TO {quoted};
            """, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
