using Npgsql;
using Sroi.Ledger.LocalPostgres;

namespace Sroi.Ledger.Api.Tests.CommandLine;

/// <summary>
/// What <c>ops/run</c> starts before the service (src/Sroi.Ledger.LocalPostgres <c>up</c>, <see cref="LocalLedgerDatabase.UpAsync"/>):
/// the hardened set-up (the schema's database owned by the cluster's superuser, the service as a login role that owns
/// nothing), its connection strings in a file only its owner reads, and a second start that reuses what is there.
/// </summary>
public class LocalLedgerDatabaseTests
{
    [Fact]
    public async Task Up_makes_the_database_the_service_role_and_the_settings_file_and_a_second_up_reuses_them()
    {
        var root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sroi-localpg-" + Guid.NewGuid().ToString("N")[..12])).FullName;
        var port = LocalPostgresCluster.FreePort();
        var (cluster, database) = await LocalLedgerDatabase.UpAsync(root, port, durable: false);
        try
        {
            await cluster.StopWhenProcessExitsAsync();
            var settingsFile = Path.Combine(root, "database.env");
            (await File.ReadAllTextAsync(settingsFile)).Should().Be(
                $"SROI_DATABASE={database.ServiceConnectionString}\nSROI_DATABASE_OWNER={database.OwnerConnectionString}\n");
            ModeOf(settingsFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            ModeOf(Path.Combine(root, "service-password")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);

            var service = new NpgsqlConnectionStringBuilder(database.ServiceConnectionString);
            var owner = new NpgsqlConnectionStringBuilder(database.OwnerConnectionString);
            (service.Host, service.Port, service.Database, service.Username).Should().Be(("127.0.0.1", port, "sroi_ledger", "sroi_service"));
            (owner.Database, owner.Username).Should().Be(("sroi_ledger", "postgres"));
            service.Password.Should().Be((await File.ReadAllTextAsync(Path.Combine(root, "service-password"))).Trim());

            await using (var connection = new NpgsqlConnection(database.ServiceConnectionString))
            {
                await connection.OpenAsync();
                await using var roles = new NpgsqlCommand(
                    "SELECT r.rolsuper, r.rolcreatedb, r.rolcreaterole, pg_get_userbyid(d.datdba) FROM pg_roles r, pg_database d " +
                    "WHERE r.rolname = current_user AND d.datname = current_database()", connection);
                await using var reader = await roles.ExecuteReaderAsync();
                (await reader.ReadAsync()).Should().BeTrue();
                (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetString(3))
                    .Should().Be((false, false, false, "postgres"), "the service's role owns nothing; the superuser owns the database");
            }

            var pid = File.ReadLines(Path.Combine(cluster.DataDirectory, "postmaster.pid")).First();
            var (again, second) = await LocalLedgerDatabase.UpAsync(root, port, durable: false);
            second.Should().Be(database, "the same role, password and database");
            again.Port.Should().Be(port);
            File.ReadLines(Path.Combine(cluster.DataDirectory, "postmaster.pid")).First().Should().Be(pid, "the running server is reused");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await cluster.StopAsync();
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static UnixFileMode ModeOf(string path)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("The local cluster runs on Unix only.");
        return File.GetUnixFileMode(path);
    }
}
