using System.Globalization;
using System.Security.Cryptography;
using Npgsql;
using Sroi.Ledger.LocalPostgres;

namespace Sroi.Ledger.Benchmarks.Http;

/// <summary>
/// The database the service binary runs on, set up as in production: a durable local cluster (fsync on, as
/// <see cref="BenchDatabase"/>), a database <c>sroi_ledger</c> owned by the cluster's superuser (SROI_DATABASE_OWNER,
/// which applies the schema at start-up) and a login role <c>sroi_service</c> that owns nothing (SROI_DATABASE), as
/// <c>ops/run</c> makes them (<see cref="LocalLedgerDatabase"/>). The schema is applied by the service's first start.
/// </summary>
internal sealed class ServiceDatabase : IAsyncDisposable
{
    private const string ServiceRoleName = LocalLedgerDatabase.ServiceRoleName;

    private ServiceDatabase(LocalPostgresCluster cluster, string owner, string service)
    {
        Cluster = cluster;
        OwnerConnectionString = owner;
        ServiceConnectionString = service;
    }

    public LocalPostgresCluster Cluster { get; }

    public string OwnerConnectionString { get; }

    public string ServiceConnectionString { get; }

    public string Description { get; private set; } = "";

    /// <summary>
    /// The service's configuration for this database, or for <paramref name="copy"/> of it (<see cref="CopyLedgerAsync"/>),
    /// passwords included: pass it in the environment only.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment(string adminKey, string? copy = null) => new Dictionary<string, string>
    {
        ["SROI_DATABASE"] = On(ServiceConnectionString, copy),
        ["SROI_DATABASE_OWNER"] = On(OwnerConnectionString, copy),
        ["SROI_ADMIN_KEY"] = adminKey,
        // The benchmarks measure the service's throughput with one key, far above any per-key limit.
        ["SROI_RATE_LIMIT_PER_MINUTE"] = "0",
        // And with as many requests in flight as the harness opens connections (the --lists fairness run sets its own).
        ["SROI_REQUESTS_IN_FLIGHT_PER_CALLER"] = "0",
        ["SROI_EXPENSIVE_READS_IN_FLIGHT_PER_CALLER"] = "0",
        ["SROI_EXPENSIVE_READS_IN_FLIGHT_PER_NODE"] = "0",
        // No proxy watches a node the harness stops: it stops at once rather than serving on for Production's 5 s.
        ["SROI_DRAIN_SECONDS"] = "0",
        // The service runs as in Production, which wants the checkpoint key in a file (created when missing); no
        // checkpoint round at start skews the start-up figures.
        ["SROI_CHECKPOINT_KEY_FILE"] = Path.Combine(Path.GetTempPath(), "sroi-benchmark-checkpoint-key.pem"),
        ["SROI_CHECKPOINT_INTERVAL_MINUTES"] = "0",
    };

    /// <param name="durable">False at <c>--smoke</c> size only: fsync off (see <c>BenchDatabase.StartAsync</c>; this file is also compiled into tests/Sroi.Ledger.Hostile).</param>
    /// <param name="keptIn">
    /// A data directory to keep the cluster in (created on first use, started again as it is afterwards, never deleted): a
    /// ledger seeded once (a million events take many minutes) is measured again in a later, quieter sitting.
    /// Null: a throw-away cluster, deleted on stop.
    /// </param>
    public static async Task<ServiceDatabase> StartAsync(bool durable = true, string? keptIn = null)
    {
        var directory = keptIn is null ? Path.Combine(Path.GetTempPath(), "sroi-httpbench-pg-" + Guid.NewGuid().ToString("N")[..8]) : Path.GetFullPath(keptIn);
        var cluster = await LocalPostgresCluster.StartAsync(
            new LocalPostgresOptions(directory, LocalPostgresCluster.FreePort()) { Durable = durable, DeleteDataOnStop = keptIn is null });
        // The set-up ops/run makes (LocalLedgerDatabase), with a password of this run's own.
        var local = await LocalLedgerDatabase.CreateAsync(cluster, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        var (owner, service) = (local.OwnerConnectionString, local.ServiceConnectionString);
        var database = new ServiceDatabase(cluster, owner, service);

        await using var connection = new NpgsqlConnection(owner);
        await connection.OpenAsync();
        await using var settings = new NpgsqlCommand(
            "SELECT version(), current_setting('fsync'), current_setting('synchronous_commit'), current_setting('max_connections')", connection);
        await using var reader = await settings.ExecuteReaderAsync();
        await reader.ReadAsync();
        database.Description = $"local {(durable ? "durable " : "")}cluster on 127.0.0.1:{cluster.Port}; {reader.GetString(0).Split(" on ")[0]}; fsync={reader.GetString(1)}, " +
            $"synchronous_commit={reader.GetString(2)}, max_connections={reader.GetString(3)}; the service as {ServiceRoleName}, the schema owned by postgres";
        return database;
    }

    /// <summary>CPU time (user + system) of every process of the cluster now: the postmaster's children (backends, WAL writer, …).</summary>
    public TimeSpan CpuTime()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(Cluster.DataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            // pid (comm) state ppid … utime(14) stime(15): fields after the command's closing parenthesis.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            if (pid == postmaster || parent == postmaster)
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
    }

    /// <summary>The owner's connection string to <paramref name="copy"/> (<see cref="CopyLedgerAsync"/>), or to the ledger itself when null.</summary>
    public string OwnerConnectionStringOf(string? copy) => On(OwnerConnectionString, copy);

    /// <summary>
    /// A database <paramref name="name"/> of this cluster made afresh as a copy of the ledger's (<c>CREATE DATABASE …
    /// TEMPLATE</c>, an earlier copy of that name dropped first), for a second build to start on: a build restarts without
    /// preparing only on a database whose recorded schema fingerprint is its own (the service's Database/PreparedSchema),
    /// so two builds taking turns on one database would each prepare it fully at every start. Nothing may be connected to
    /// the ledger's database meanwhile: the harness's idle pooled connections are closed first.
    /// </summary>
    public async Task CopyLedgerAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Cluster.ConnectionString());
        await connection.OpenAsync();
        foreach (var sql in new[]
                 {
                     $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)",
                     $"CREATE DATABASE \"{name}\" TEMPLATE \"{LocalLedgerDatabase.DatabaseName}\"",
                     $"GRANT CONNECT ON DATABASE \"{name}\" TO \"{ServiceRoleName}\"",
                 })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static string On(string connectionString, string? copy) =>
        copy is null ? connectionString : new NpgsqlConnectionStringBuilder(connectionString) { Database = copy }.ConnectionString;

    /// <summary>Runs SQL as the schema's owner (the cluster's superuser).</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
