using System.Globalization;

namespace Sroi.Ledger.LocalPostgres;

/// <summary>
/// <c>dotnet run --project src/Sroi.Ledger.LocalPostgres -- up</c>, what <c>ops/run</c> calls before it starts the
/// service: the local cluster and the ledger's database on it (<see cref="LocalLedgerDatabase.UpAsync"/>), in
/// SROI_LOCAL_DATA (default ./.local) on SROI_LOCAL_PG_PORT (default 5433). stdout gets the service's SROI_DATABASE and
/// SROI_DATABASE_OWNER lines (the same as the file it writes, passwords included), stderr what was done; exit code 1 and
/// one message on stderr when it cannot be done.
/// </summary>
public static class LocalPostgresCommand
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["up"])
        {
            await Console.Error.WriteLineAsync("usage: Sroi.Ledger.LocalPostgres up   (starts or reuses the local cluster of ops/run; see ops/run)");
            return 2;
        }

        var dataRoot = Path.GetFullPath(Environment.GetEnvironmentVariable("SROI_LOCAL_DATA") is { Length: > 0 } root ? root : ".local");
        var portSetting = Environment.GetEnvironmentVariable("SROI_LOCAL_PG_PORT");
        var port = 5433;
        if (portSetting is { Length: > 0 } && !int.TryParse(portSetting, NumberStyles.None, CultureInfo.InvariantCulture, out port))
        {
            await Console.Error.WriteLineAsync($"SROI_LOCAL_PG_PORT={portSetting} is not a port number.");
            return 1;
        }

        try
        {
            var (cluster, database) = await LocalLedgerDatabase.UpAsync(dataRoot, port);
            await Console.Error.WriteLineAsync(
                $"Local PostgreSQL running in {cluster.DataDirectory} on 127.0.0.1:{cluster.Port}: database {LocalLedgerDatabase.DatabaseName} " +
                $"owned by postgres, the service as {LocalLedgerDatabase.ServiceRoleName} ({Path.Combine(dataRoot, LocalLedgerDatabase.SettingsFileName)}).");
            await Console.Out.WriteAsync(database.Settings);
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IOException or UnauthorizedAccessException or Npgsql.NpgsqlException)
        {
            await Console.Error.WriteLineAsync($"The local PostgreSQL could not be started: {e.Message}");
            return 1;
        }
    }
}
