using System.Data.Common;
using System.Diagnostics;
using System.Globalization;

namespace Sroi.Ledger.LocalPostgres;

/// <summary>
/// A local cluster that is already running (started by the service, <c>ops/run</c> or <c>ops/postgres-up</c>), found from
/// its <c>postmaster.pid</c> and joined as it is: on the port it listens on, with the password beside its data
/// directory. Unlike <see cref="LocalPostgresCluster.StartAsync"/> it never starts, stops, restarts or moves the server:
/// the command line uses it so that a command cannot disturb the service that owns the cluster.
/// </summary>
public sealed class RunningLocalPostgres
{
    private readonly string _password;

    private RunningLocalPostgres(string dataDirectory, int processId, int port, string password)
    {
        DataDirectory = dataDirectory;
        ProcessId = processId;
        Port = port;
        _password = password;
    }

    public string DataDirectory { get; }

    /// <summary>The postmaster's process id.</summary>
    public int ProcessId { get; }

    /// <summary>The TCP port on 127.0.0.1 it listens on (whatever port it was started with).</summary>
    public int Port { get; }

    /// <summary>
    /// The server running on <paramref name="dataDirectory"/>, or null when none runs there (no data directory, no
    /// <c>postmaster.pid</c>, or its process is gone). Throws when one runs but its password file is missing.
    /// </summary>
    public static RunningLocalPostgres? Find(string dataDirectory)
    {
        var data = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDirectory));
        string[] lines;
        try
        {
            // postmaster.pid: pid, data directory, start time, port, socket directory, listen address, ...
            lines = File.ReadAllLines(Path.Combine(data, "postmaster.pid"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        if (lines.Length < 4
            || !int.TryParse(lines[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !int.TryParse(lines[3].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || !IsRunning(pid))
        {
            return null; // a stale file left by a crash: nothing listens
        }

        var passwordFile = data + ".password";
        var password = File.Exists(passwordFile) ? File.ReadLines(passwordFile).FirstOrDefault()?.Trim() : null;
        if (string.IsNullOrEmpty(password))
        {
            throw new InvalidOperationException(
                $"PostgreSQL runs in {data} (pid {pid}, port {port}), but its password file {passwordFile} is missing or empty.");
        }

        return new RunningLocalPostgres(data, pid, port, password);
    }

    /// <summary>An Npgsql connection string for <paramref name="database"/> as the <c>postgres</c> superuser.</summary>
    public string ConnectionString(string database = "postgres") =>
        new DbConnectionStringBuilder
        {
            ["Host"] = "127.0.0.1",
            ["Port"] = Port.ToString(CultureInfo.InvariantCulture),
            ["Username"] = "postgres",
            ["Password"] = _password,
            ["Database"] = database,
        }.ConnectionString;

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
