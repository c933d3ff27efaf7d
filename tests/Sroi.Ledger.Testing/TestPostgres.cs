using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Sroi.Ledger.LocalPostgres;

namespace Sroi.Ledger.Testing;

/// <summary>
/// The PostgreSQL server the tests of this process share, started on first use. In this order:
/// <list type="number">
/// <item>the server named by <c>SROI_TEST_DATABASE</c> (a connection string with the right to CREATE DATABASE), when
/// set: it is asked for explicitly, so a server that cannot be reached is an error, not a reason to look further;</item>
/// <item>a <c>postgres:15</c> container (Testcontainers) when a Docker engine seems to be there (DOCKER_HOST or a
/// Docker socket) and the container starts within a minute;</item>
/// <item>a throw-away <see cref="LocalPostgresCluster"/> from the installed binaries, in a temp directory that is
/// stopped and deleted when the process exits (the CI path: no Docker engine runs there).</item>
/// </list>
/// One line on stderr says which was taken and why the ones before it were not. Tests never skip: when none
/// works, the first use throws with what each option lacked.
/// </summary>
public static class TestPostgres
{
    /// <summary>Connection string of an existing server to use instead of a throw-away cluster.</summary>
    public const string ConnectionStringVariable = "SROI_TEST_DATABASE";

    /// <summary>How the line that says which server was chosen begins (ops/test looks for it).</summary>
    internal const string LogPrefix = "[Sroi.Ledger.Testing] test PostgreSQL: ";

    private const int MaxDatabaseNameLength = 63;
    private static readonly Lazy<Task<string>> Server = new(StartServerAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private static LocalPostgresCluster? _cluster;

    /// <summary>The connection string of the server's maintenance database (starts the server if needed).</summary>
    public static Task<string> AdminConnectionStringAsync() => Server.Value;

    /// <summary>
    /// Creates an empty database named <c>sroi_test_&lt;prefix&gt;_&lt;8 hex&gt;</c> (lowercase, the prefix reduced to
    /// [a-z0-9_]) and returns its connection string.
    /// </summary>
    public static async Task<string> CreateDatabaseAsync(string namePrefix)
    {
        var admin = await Server.Value.ConfigureAwait(false);
        var name = DatabaseName(namePrefix);
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>Drops the database <paramref name="connectionString"/> points at, closing its sessions; best effort.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        if (string.IsNullOrEmpty(name) || !Server.IsValueCreated)
        {
            return;
        }

        try
        {
            var admin = await Server.Value.ConfigureAwait(false);
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new NpgsqlCommand(
                $"DROP DATABASE IF EXISTS \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // The server may already be going away at the end of the run.
        }
    }

    /// <summary>The database name <see cref="CreateDatabaseAsync"/> would use, with a fresh random suffix.</summary>
    public static string DatabaseName(string namePrefix)
    {
        var sanitized = new StringBuilder();
        foreach (var c in (namePrefix ?? string.Empty).ToLowerInvariant())
        {
            sanitized.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' ? c : '_');
        }

        var prefix = sanitized.ToString().Trim('_');
        if (prefix.Length == 0)
        {
            prefix = "db";
        }

        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var room = MaxDatabaseNameLength - "sroi_test_".Length - 1 - suffix.Length;
        if (prefix.Length > room)
        {
            prefix = prefix[..room];
        }

        return string.Create(CultureInfo.InvariantCulture, $"sroi_test_{prefix}_{suffix}");
    }

    private static async Task<string> StartServerAsync()
    {
        var external = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            await CheckExternalAsync(external).ConfigureAwait(false);
            Log($"{ConnectionStringVariable}, an existing server ({Describe(external)})");
            return external;
        }

        string dockerSkipped;
        if (DockerPostgres.Unavailable() is { } noDocker)
        {
            dockerSkipped = noDocker;
        }
        else
        {
            try
            {
                var connectionString = await DockerPostgres.StartAsync().ConfigureAwait(false);
                Log($"Testcontainers, {DockerPostgres.Image} in Docker ({Describe(connectionString)}); {ConnectionStringVariable} not set");
                return connectionString;
            }
            catch (Exception ex)
            {
                dockerSkipped = $"the {DockerPostgres.Image} container did not start: {FirstLine(ex)}";
            }
        }

        var (local, localError) = await StartLocalClusterAsync().ConfigureAwait(false);
        if (local is not null)
        {
            Log($"a throw-away cluster from the local PostgreSQL binaries ({Describe(local)}, data in {_cluster?.DataDirectory}); " +
                $"{ConnectionStringVariable} not set; Docker not used: {dockerSkipped}");
            return local;
        }

        throw new InvalidOperationException(
            "The tests need PostgreSQL and none of the three ways to get one worked:\n" +
            $"  1. {ConnectionStringVariable}: not set (a connection string of a server where the user may CREATE DATABASE)\n" +
            $"  2. Testcontainers ({DockerPostgres.Image} in Docker): {dockerSkipped}\n" +
            $"  3. a throw-away cluster from the local PostgreSQL binaries: {localError?.Message ?? "failed"}\n" +
            $"Set {ConnectionStringVariable}, start a Docker engine, or install PostgreSQL (e.g. `apt-get install postgresql`).",
            localError);
    }

    private static async Task<(string? ConnectionString, Exception? Error)> StartLocalClusterAsync()
    {
        // The data directory; the cluster keeps its log, socket directory and password file beside it
        // (<dir>.log, <dir>.sock, <dir>.password).
        var root = Path.Combine(Path.GetTempPath(), "sroi-test-pg-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        Exception? lastError = null;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                // Another process may take the free port before the server binds it: retry on a new one.
                var options = new LocalPostgresOptions(root, LocalPostgresCluster.FreePort())
                {
                    Durable = false,
                    DeleteDataOnStop = true,
                    MaxConnections = 300,
                };
                var cluster = await LocalPostgresCluster.StartAsync(options).ConfigureAwait(false);
                _cluster = cluster;
                // The test host may be killed before ProcessExit handlers finish: a detached watcher stops the
                // server and deletes its files once this process is gone; ProcessExit does it sooner when it can.
                try
                {
                    await cluster.StopWhenProcessExitsAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
                {
                    Console.Error.WriteLine($"warning: {ex.Message}");
                }

                AppDomain.CurrentDomain.ProcessExit += (_, _) => StopCluster();
                return (cluster.ConnectionString(), null);
            }
            catch (InvalidOperationException ex) when (ex.Message.StartsWith("Could not start PostgreSQL", StringComparison.Ordinal))
            {
                lastError = ex;
            }
            catch (Exception ex)
            {
                lastError = ex;
                break;
            }
        }

        TryDelete(root);
        TryDelete(root + ".sock");
        TryDelete(root + ".log");
        TryDelete(root + ".password");
        return (null, lastError);
    }

    /// <summary>
    /// One line on stderr. <c>dotnet test</c> shows it from verbosity normal on (<c>--logger "console;verbosity=normal"</c>)
    /// and keeps it in a trx file; ops/test repeats it from there before its last line.
    /// </summary>
    private static void Log(string choice) => Console.Error.WriteLine($"{LogPrefix}{choice}");

    /// <summary>Host, port and user of a connection string; never its password.</summary>
    private static string Describe(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return string.Create(CultureInfo.InvariantCulture, $"{builder.Host}:{builder.Port}, user {builder.Username}");
        }
        catch (ArgumentException)
        {
            return "connection string not parsed";
        }
    }

    private static string FirstLine(Exception ex)
    {
        var message = ex.Message.Trim();
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        return $"{ex.GetType().Name}: {(newline < 0 ? message : message[..newline].TrimEnd())}";
    }

    private static async Task CheckExternalAsync(string connectionString)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidOperationException(
                $"{ConnectionStringVariable} is set but its server cannot be reached: {ex.Message}", ex);
        }
    }

    private static void StopCluster()
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            _cluster?.StopAsync().GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException)
        {
            Console.Error.WriteLine($"Stopping the test PostgreSQL failed: {ex.Message}");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // best effort
        }
    }
}
