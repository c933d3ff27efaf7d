using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sroi.Ledger.LocalPostgres;

/// <summary>
/// A PostgreSQL cluster run from the locally installed binaries (initdb, pg_ctl), listening on 127.0.0.1
/// with trust authentication for the <c>postgres</c> user. When this process is root, the cluster's files
/// are owned by, and the binaries run as, the <c>postgres</c> account (<c>runuser -u postgres --</c>).
/// The log file (<c>&lt;name&gt;.log</c>) and the Unix socket directory (<c>&lt;name&gt;.sock</c>) sit beside
/// the data directory.
/// </summary>
public sealed class LocalPostgresCluster : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);
    private const int MaxSocketDirLength = 90; // sun_path is 108 bytes including "/.s.PGSQL.<port>"

    private readonly LocalPostgresOptions _options;
    private readonly string _binDirectory;
    private readonly string? _socketDirectory;
    private int _stopped;

    private LocalPostgresCluster(LocalPostgresOptions options, string dataDirectory, string binDirectory)
    {
        _options = options;
        _binDirectory = binDirectory;
        DataDirectory = dataDirectory;
        Port = options.Port;
        var parent = Path.GetDirectoryName(dataDirectory) ?? dataDirectory;
        var name = Path.GetFileName(dataDirectory);
        LogFile = Path.Combine(parent, name + ".log");
        var socketDirectory = Path.Combine(parent, name + ".sock");
        _socketDirectory = OperatingSystem.IsWindows() || socketDirectory.Length > MaxSocketDirLength ? null : socketDirectory;
    }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The absolute data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>The server log (pg_ctl -l).</summary>
    public string LogFile { get; }

    /// <summary>An Npgsql connection string for <paramref name="database"/> as the <c>postgres</c> superuser.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database={database};Pooling=true";

    /// <summary>
    /// Initialises the data directory if it has no PG_VERSION and starts the server. A server already running
    /// on that data directory is reused when it listens on <see cref="LocalPostgresOptions.Port"/>, and
    /// restarted on that port otherwise.
    /// </summary>
    public static async Task<LocalPostgresCluster> StartAsync(LocalPostgresOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);

        var dataDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.DataDirectory));
        var cluster = new LocalPostgresCluster(options, dataDirectory, PostgresBinaries.Find());
        await cluster.PrepareDirectoriesAsync(ct).ConfigureAwait(false);

        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            await cluster.InitDbAsync(ct).ConfigureAwait(false);
        }

        var runningPort = await cluster.RunningPortAsync(ct).ConfigureAwait(false);
        if (runningPort == options.Port)
        {
            return cluster; // a developer restarted the service: keep the running server
        }

        if (runningPort is not null)
        {
            await cluster.PgCtlStopAsync(ct).ConfigureAwait(false);
        }

        await cluster.PgCtlStartAsync(ct).ConfigureAwait(false);
        return cluster;
    }

    /// <summary>A TCP port that was free on 127.0.0.1 a moment ago.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>
    /// Stops the server (<c>pg_ctl stop -m fast</c>; a server that is not running is fine) and, when
    /// <see cref="LocalPostgresOptions.DeleteDataOnStop"/>, deletes the data directory, log and socket directory.
    /// Calling it again does nothing.
    /// </summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        if (Directory.Exists(DataDirectory))
        {
            await PgCtlStopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        if (_options.DeleteDataOnStop)
        {
            DeleteQuietly(DataDirectory);
            DeleteQuietly(_socketDirectory);
            try
            {
                File.Delete(LogFile);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // best effort
            }
        }
    }

    /// <summary>
    /// Unix: starts a detached watcher (<c>setsid -f sh</c>) that waits until this process has ended, however it
    /// ends (a test host is often killed before its ProcessExit handlers finish), then stops the server and, when
    /// <see cref="LocalPostgresOptions.DeleteDataOnStop"/>, deletes its files. Does nothing on Windows.
    /// </summary>
    public async Task StopWhenProcessExitsAsync(CancellationToken ct = default)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        const string script =
            "exec </dev/null >/dev/null 2>&1\n" +
            "pid=$1; delete=$2; data=$3; log=$4; sock=$5; shift 5\n" +
            "while kill -0 \"$pid\"; do sleep 0.5; done\n" +
            "if [ -f \"$data/postmaster.pid\" ]; then \"$@\"; fi\n" +
            "if [ \"$delete\" = 1 ]; then rm -rf \"$data\" \"$log\"; if [ -n \"$sock\" ]; then rm -rf \"$sock\"; fi; fi\n";
        List<string> arguments =
        [
            "-f", "sh", "-c", script, "sroi-pg-watch",
            Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            _options.DeleteDataOnStop ? "1" : "0", DataDirectory, LogFile, _socketDirectory ?? string.Empty,
        ];
        var pgCtl = Path.Combine(_binDirectory, PostgresBinaries.Executable("pg_ctl"));
        if (UnixUser.IsRoot)
        {
            arguments.AddRange(["runuser", "-u", UnixUser.PostgresAccount, "--"]);
        }

        arguments.AddRange([pgCtl, "stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60"]);
        var result = await ProcessRunner.RunAsync("setsid", arguments, CommandTimeout, ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw Failure(result, includeLog: false, "Could not start the watcher that stops PostgreSQL after this process.");
        }
    }

    /// <inheritdoc cref="StopAsync"/>
    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task PrepareDirectoriesAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(DataDirectory);
        if (_socketDirectory is not null)
        {
            Directory.CreateDirectory(_socketDirectory);
        }

        if (!UnixUser.IsRoot)
        {
            return;
        }

        // The server runs as postgres: it must be able to reach the data directory, and own it,
        // the log file and the socket directory.
        MakeAncestorsTraversable(DataDirectory);
        if (!File.Exists(LogFile))
        {
            await File.WriteAllBytesAsync(LogFile, [], ct).ConfigureAwait(false);
        }

        var owned = new List<string> { "-R", $"{UnixUser.PostgresAccount}:{UnixUser.PostgresAccount}", DataDirectory, LogFile };
        if (_socketDirectory is not null)
        {
            owned.Add(_socketDirectory);
        }

        var chown = await ProcessRunner.RunAsync("chown", owned, CommandTimeout, ct).ConfigureAwait(false);
        if (!chown.Succeeded)
        {
            throw Failure(chown, includeLog: false,
                $"Could not hand {DataDirectory} to the '{UnixUser.PostgresAccount}' user (does that account exist?).");
        }
    }

    private static void MakeAncestorsTraversable(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        for (var dir = Path.GetDirectoryName(directory); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            var mode = File.GetUnixFileMode(dir);
            if ((mode & UnixFileMode.OtherExecute) == 0)
            {
                File.SetUnixFileMode(dir, mode | UnixFileMode.OtherExecute);
            }
        }
    }

    private async Task InitDbAsync(CancellationToken ct)
    {
        string[] common = ["-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"];
        var result = await RunPostgresToolAsync("initdb", [.. common, "--locale=C.UTF-8"], ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            // Machines without the C.UTF-8 locale: fall back to plain C ordering.
            var retry = await RunPostgresToolAsync("initdb", [.. common, "--no-locale"], ct).ConfigureAwait(false);
            if (!retry.Succeeded)
            {
                throw Failure(retry, includeLog: false,
                    $"initdb failed for {DataDirectory}. First attempt (--locale=C.UTF-8):\n{result.Output}");
            }
        }
    }

    /// <summary>The port of a server running on this data directory, or null when none runs.</summary>
    private async Task<int?> RunningPortAsync(CancellationToken ct)
    {
        var status = await RunPostgresToolAsync("pg_ctl", ["status", "-D", DataDirectory], ct).ConfigureAwait(false);
        if (!status.Succeeded)
        {
            return null; // 3: not running
        }

        // postmaster.pid: pid, data directory, start time, port, socket directory, listen address, ...
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        try
        {
            var lines = await File.ReadAllLinesAsync(pidFile, ct).ConfigureAwait(false);
            return lines.Length > 3 && int.TryParse(lines[3].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                ? port
                : -1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return -1; // running, port unknown: restart it on ours
        }
    }

    private async Task PgCtlStartAsync(CancellationToken ct)
    {
        var serverOptions = new StringBuilder()
            .Append("-p ").Append(Port.ToString(CultureInfo.InvariantCulture))
            .Append(" -c listen_addresses=127.0.0.1")
            .Append(" -k ").Append(ShellQuote(_socketDirectory ?? string.Empty));
        if (!_options.Durable)
        {
            serverOptions.Append(" -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        }

        if (_options.MaxConnections is { } maxConnections)
        {
            serverOptions.Append(" -c max_connections=").Append(maxConnections.ToString(CultureInfo.InvariantCulture));
        }

        // -l sends the server's output to the log, so pg_ctl's own pipes close when it exits.
        var result = await RunPostgresToolAsync(
            "pg_ctl",
            ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", serverOptions.ToString(), "start"],
            ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw Failure(result, includeLog: true, $"Could not start PostgreSQL on 127.0.0.1:{Port} from {DataDirectory}.");
        }
    }

    private async Task PgCtlStopAsync(CancellationToken ct)
    {
        var result = await RunPostgresToolAsync(
            "pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60"], ct).ConfigureAwait(false);
        var output = result.StdOut + result.StdErr;
        var notRunning = output.Contains("not running", StringComparison.OrdinalIgnoreCase)
            || output.Contains("does not exist", StringComparison.OrdinalIgnoreCase)
            || output.Contains("No such file", StringComparison.OrdinalIgnoreCase);
        if (!result.Succeeded && !notRunning)
        {
            throw Failure(result, includeLog: true, $"Could not stop PostgreSQL in {DataDirectory}.");
        }
    }

    private Task<ProcessResult> RunPostgresToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var path = Path.Combine(_binDirectory, PostgresBinaries.Executable(tool));
        return UnixUser.IsRoot
            ? ProcessRunner.RunAsync("runuser", ["-u", UnixUser.PostgresAccount, "--", path, .. arguments], CommandTimeout, ct)
            : ProcessRunner.RunAsync(path, arguments, CommandTimeout, ct);
    }

    private InvalidOperationException Failure(ProcessResult result, bool includeLog, string what)
    {
        var message = new StringBuilder(what)
            .Append("\nCommand: ").Append(result.Command)
            .Append("\nExit code: ").Append(result.ExitCode.ToString(CultureInfo.InvariantCulture))
            .Append('\n').Append(result.Output);
        if (includeLog)
        {
            message.Append("\nLast lines of ").Append(LogFile).Append(":\n").Append(LogTail(30));
        }

        return new InvalidOperationException(message.ToString());
    }

    private string LogTail(int lines)
    {
        try
        {
            if (!File.Exists(LogFile))
            {
                return "(no log file)";
            }

            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return all.Length == 0 ? "(log is empty)" : string.Join('\n', all.TakeLast(lines));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"(could not read the log: {ex.Message})";
        }
    }

    /// <summary>pg_ctl hands -o to a shell, so paths are single-quoted.</summary>
    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static void DeleteQuietly(string? directory)
    {
        try
        {
            if (directory is not null && Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // best effort
        }
    }
}
