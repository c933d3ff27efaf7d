using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Sroi.Ledger.LocalPostgres;

namespace Sroi.Ledger.Testing;

/// <summary>
/// The PostgreSQL server the tests of this process share, started on first use: the server named by
/// <c>SROI_TEST_DATABASE</c> (a connection string with the right to CREATE DATABASE) when set, otherwise a
/// throw-away <see cref="LocalPostgresCluster"/> in a temp directory that is stopped and deleted when the
/// process exits. Tests never skip: when neither is possible, the first use throws with the reason.
/// </summary>
public static class TestPostgres
{
    /// <summary>Connection string of an existing server to use instead of a throw-away cluster.</summary>
    public const string ConnectionStringVariable = "SROI_TEST_DATABASE";

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
            return external;
        }

        // The data directory; the cluster keeps its log and socket directory beside it (<dir>.log, <dir>.sock).
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
                return cluster.ConnectionString();
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
        throw new InvalidOperationException(
            "The tests need PostgreSQL and could not start a throw-away cluster from the local binaries. " +
            $"Install PostgreSQL (e.g. `apt-get install postgresql`) or set {ConnectionStringVariable} to a connection " +
            $"string of a server where the user may CREATE DATABASE.\nCause: {lastError?.Message}",
            lastError);
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
