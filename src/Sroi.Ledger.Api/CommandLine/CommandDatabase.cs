using System.Net.Sockets;
using Npgsql;
using Sroi.Ledger.Api.Database;

namespace Sroi.Ledger.Api.CommandLine;

/// <summary>
/// The database a command of the command line runs on: the one configured (SROI_DATABASE, SROI_DATABASE_OWNER), or else
/// the local cluster that <c>ops/run</c> runs, through the connection strings it wrote (0600) to SROI_LOCAL_DATA/database.env
/// (Sroi.Ledger.LocalPostgres's LocalLedgerDatabase writes it). The binary carries no cluster code: a command joins that
/// cluster as it is and never starts, stops or moves one, so it cannot disturb a service that uses it.
/// </summary>
public static class CommandDatabase
{
    private const string LocalSettingsFile = "database.env";

    /// <summary>Which database it is is said on <paramref name="say"/> (stderr); none is an error that says how to get one.</summary>
    public static async Task<LedgerDatabase> ResolveAsync(IConfiguration configuration, TextWriter say, CancellationToken ct)
    {
        const string setting = LedgerDatabase.ConnectionStringSetting;
        if (LedgerDatabase.Configured(configuration) is { } configured)
        {
            var target = new NpgsqlConnectionStringBuilder(configured.ConnectionString);
            await say.WriteLineAsync($"Using the database configured in {setting}: {target.Host}:{target.Port}/{target.Database}.");
            return configured;
        }

        var dataRoot = Path.GetFullPath(configuration["SROI_LOCAL_DATA"] is { Length: > 0 } root ? root : ".local");
        var cluster = Path.Combine(dataRoot, "postgres");
        var file = Path.Combine(dataRoot, LocalSettingsFile);
        var howTo = $"Start it with ops/run (or, once ops/run has made it, ops/postgres-up), or set {setting}; a command does not start a cluster itself.";
        if (!File.Exists(file))
            throw new CommandLineException($"{setting} is not set and no local PostgreSQL is running in {cluster} ({file}, which ops/run writes, does not exist). {howTo}");

        var settings = (await File.ReadAllLinesAsync(file, ct))
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim(), StringComparer.Ordinal);
        if (settings.GetValueOrDefault(setting) is not { Length: > 0 } service)
            throw new CommandLineException($"{file} names no {setting}: run ops/run to write it again, or set {setting}.");
        var local = new NpgsqlConnectionStringBuilder(service);
        try
        {
            // Fails in a moment when the cluster is down, instead of a connection error in the middle of the host's start.
            await using var probe = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(service) { Timeout = 5, Pooling = false }.ConnectionString);
            await probe.OpenAsync(ct);
        }
        catch (NpgsqlException e) when (e.InnerException is SocketException or TimeoutException)
        {
            throw new CommandLineException($"{setting} is not set and no local PostgreSQL is running in {cluster}: nothing answers on {local.Host}:{local.Port}, where {file} points. {howTo}");
        }

        await say.WriteLineAsync($"Using the local PostgreSQL of ops/run on {local.Host}:{local.Port}/{local.Database} (from {file}); it is left running as it is.");
        var owner = settings.GetValueOrDefault(LedgerDatabase.OwnerConnectionStringSetting);
        return LedgerDatabase.Existing(service, owner is { Length: > 0 } ? owner : null);
    }
}
