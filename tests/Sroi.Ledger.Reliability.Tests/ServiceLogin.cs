using Npgsql;

namespace Sroi.Ledger.Reliability.Tests;

/// <summary>
/// A ledger database as in production: <see cref="Owner"/> owns the schema (SROI_DATABASE_OWNER) and the service logs
/// in as a role of its own (<see cref="Service"/>, SROI_DATABASE) that gets only what the owner grants at start-up.
/// </summary>
public sealed record ServiceLogin(string Owner, string Service, string Role)
{
    public const string AdminKey = "reliability-admin-key-0123456789";

    /// <summary>Creates the service's login role on the server of <paramref name="owner"/> (a superuser's connection).</summary>
    public static async Task<ServiceLogin> CreateAsync(string owner)
    {
        var role = "sroi_service_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
        var password = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var database = new NpgsqlConnectionStringBuilder(owner).Database;
        await using (var connection = new NpgsqlConnection(owner))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand(
                $"CREATE ROLE {role} LOGIN PASSWORD '{password}'; GRANT CONNECT ON DATABASE \"{database}\" TO {role}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new ServiceLogin(owner, new NpgsqlConnectionStringBuilder(owner) { Username = role, Password = password }.ConnectionString, role);
    }

    /// <summary>The role belongs to the cluster, not the database: dropped after the database.</summary>
    public async Task DropRoleAsync(string adminConnectionString)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP ROLE IF EXISTS {Role}", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// A scalar over the owner's connection (event counts), on a connection of its own: a pooled one may be one the
    /// restarted server closed.
    /// </summary>
    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Owner) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
