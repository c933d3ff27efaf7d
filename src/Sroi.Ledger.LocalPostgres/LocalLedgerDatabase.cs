using System.Globalization;
using Npgsql;

namespace Sroi.Ledger.LocalPostgres;

/// <summary>
/// The ledger's database on a local cluster, set up as in production: the database <c>sroi_ledger</c> owned by the
/// cluster's superuser (the service's SROI_DATABASE_OWNER, which applies the schema at start-up) and the login role
/// <c>sroi_service</c>, which owns nothing (SROI_DATABASE: it only gets what the owner grants at start-up). What
/// <c>ops/run</c> (through <see cref="LocalPostgresCommand"/>), the tests and the benchmarks run the service on; the
/// service itself starts no cluster.
/// </summary>
public sealed record LocalLedgerDatabase(string ServiceConnectionString, string OwnerConnectionString)
{
    public const string DatabaseName = "sroi_ledger";
    public const string ServiceRoleName = "sroi_service";

    /// <summary>
    /// Where <see cref="UpAsync"/> writes the two connection strings (0600), in the local data folder: the command line
    /// reads it to find the cluster <c>ops/run</c> runs, without carrying any cluster code itself.
    /// </summary>
    public const string SettingsFileName = "database.env";

    /// <summary>The service role's password, generated on first use and kept (0600) in the local data folder.</summary>
    public const string ServicePasswordFileName = "service-password";

    /// <summary>The service's configuration, one <c>NAME=value</c> a line (the values are not quoted: read up to the line's end).</summary>
    public string Settings =>
        $"SROI_DATABASE={ServiceConnectionString}\nSROI_DATABASE_OWNER={OwnerConnectionString}\n";

    /// <summary>
    /// What <c>ops/run</c> does before it starts the service: starts (or reuses) the cluster in
    /// <c><paramref name="dataRoot"/>/postgres</c> on <paramref name="port"/>, creates the ledger's database and the
    /// service's role when missing (the role's password from <c>service-password</c>, made on first use) and writes
    /// <see cref="SettingsFileName"/>. The cluster keeps running: stop it with <see cref="LocalPostgresCluster.StopAsync"/>
    /// or <c>ops/postgres-down</c>.
    /// </summary>
    public static async Task<(LocalPostgresCluster Cluster, LocalLedgerDatabase Database)> UpAsync(
        string dataRoot, int port, bool durable = true, CancellationToken ct = default)
    {
        var root = Path.GetFullPath(dataRoot);
        var cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresOptions(Path.Combine(root, "postgres"), port) { Durable = durable }, ct)
            .ConfigureAwait(false);
        var password = await LocalSecret.ReadOrCreateAsync(Path.Combine(root, ServicePasswordFileName), ct).ConfigureAwait(false);
        var database = await CreateAsync(cluster, password, ct).ConfigureAwait(false);
        await OwnerOnlyFile.WriteAsync(Path.Combine(root, SettingsFileName), database.Settings, ct).ConfigureAwait(false);
        return (cluster, database);
    }

    /// <summary>
    /// The ledger's database on <paramref name="cluster"/> (created when missing) and the service's login role with
    /// <paramref name="servicePassword"/> (created, or given that password, when it exists).
    /// </summary>
    public static async Task<LocalLedgerDatabase> CreateAsync(LocalPostgresCluster cluster, string servicePassword, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        await CreateDatabaseIfMissingAsync(cluster.ConnectionString(), ct).ConfigureAwait(false);
        var owner = cluster.ConnectionString(DatabaseName);
        await EnsureLoginAsync(owner, servicePassword, ct).ConfigureAwait(false);
        var service = new NpgsqlConnectionStringBuilder(owner) { Username = ServiceRoleName, Password = servicePassword }.ConnectionString;
        return new LocalLedgerDatabase(service, owner);
    }

    private static async Task CreateDatabaseIfMissingAsync(string maintenance, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(maintenance);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.Add(new NpgsqlParameter { Value = DatabaseName });
        if (await exists.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null)
            return;
        await using var create = new NpgsqlCommand($"CREATE DATABASE {DatabaseName}", connection);
        try { await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false); }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase) { } // another start made it meanwhile
    }

    /// <summary>A login role that owns nothing; what it may do is granted by the schema's owner at the service's start.</summary>
    private static async Task EnsureLoginAsync(string owner, string password, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(owner);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        var literal = "'" + password.Replace("'", "''", StringComparison.Ordinal) + "'";
        await using var command = new NpgsqlCommand(string.Create(CultureInfo.InvariantCulture, $"""
            DO $$ BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{ServiceRoleName}') THEN
                    CREATE ROLE "{ServiceRoleName}" LOGIN PASSWORD {literal};
                ELSE
                    ALTER ROLE "{ServiceRoleName}" LOGIN PASSWORD {literal};
                END IF;
            END $$;
            GRANT CONNECT ON DATABASE "{DatabaseName}" TO "{ServiceRoleName}";
            """), connection);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
