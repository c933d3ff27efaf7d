using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Sroi.Ledger.LocalPostgres;

/// <summary>
/// A PostgreSQL cluster run from the locally installed binaries (initdb, pg_ctl), listening on 127.0.0.1.
/// Every connection, over TCP or the Unix socket, authenticates with a password (scram-sha-256): the
/// <c>postgres</c> superuser's is generated on first use and kept in <c>&lt;name&gt;.password</c> (mode 0600,
/// owned by this process's user) beside the data directory, so a kept data directory keeps its password across
/// restarts; <see cref="ConnectionString"/> carries it. When this process is root, the cluster's files are owned
/// by, and the binaries run as, the <c>postgres</c> account (<c>runuser -u postgres --</c>). The log file
/// (<c>&lt;name&gt;.log</c>) and the Unix socket directory (<c>&lt;name&gt;.sock</c>) sit beside the data directory.
/// </summary>
/// <remarks>
/// A data directory made by an older version with trust authentication is moved over on its next start: the
/// server is stopped if it runs, the password is set in single-user mode and every <c>trust</c> in pg_hba.conf
/// becomes <c>scram-sha-256</c>. A missing password file is handled the same way, with a new password: deleting
/// it is how a lost or unknown password is reset.
/// </remarks>
public sealed class LocalPostgresCluster : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);
    private const int MaxSocketDirLength = 90; // sun_path is 108 bytes including "/.s.PGSQL.<port>"
    private const string Superuser = "postgres";
    private const string PasswordMethod = "scram-sha-256";

    private readonly LocalPostgresOptions _options;
    private readonly string _binDirectory;
    private readonly string? _socketDirectory;
    private readonly string _initdbPasswordFile;
    private string _password = string.Empty;
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
        PasswordFile = Path.Combine(parent, name + ".password");
        _initdbPasswordFile = Path.Combine(parent, name + ".initdb-password");
        var socketDirectory = Path.Combine(parent, name + ".sock");
        _socketDirectory = OperatingSystem.IsWindows() || socketDirectory.Length > MaxSocketDirLength ? null : socketDirectory;
    }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The absolute data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>The server log (pg_ctl -l).</summary>
    public string LogFile { get; }

    /// <summary>The file holding the <c>postgres</c> superuser's password (mode 0600), beside the data directory.</summary>
    public string PasswordFile { get; }

    /// <summary>
    /// An Npgsql connection string for <paramref name="database"/> as the <c>postgres</c> superuser, with its password.
    /// </summary>
    public string ConnectionString(string database = "postgres") =>
        new DbConnectionStringBuilder
        {
            ["Host"] = "127.0.0.1",
            ["Port"] = Port.ToString(CultureInfo.InvariantCulture),
            ["Username"] = Superuser,
            ["Password"] = _password,
            ["Database"] = database,
            ["Pooling"] = "true",
        }.ConnectionString;

    /// <summary>
    /// Reads (or first creates) the password file, initialises the data directory with password authentication
    /// if it has no PG_VERSION (or moves an older trust-authenticated one over, see the remarks on the class) and
    /// starts the server. A server already running on that data directory is reused when it listens on
    /// <see cref="LocalPostgresOptions.Port"/>, and restarted on that port otherwise.
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
        var passwordIsNew = await cluster.ReadOrCreatePasswordAsync(ct).ConfigureAwait(false);

        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            await cluster.InitDbAsync(ct).ConfigureAwait(false);
        }
        else
        {
            await cluster.RequirePasswordAsync(passwordIsNew, ct).ConfigureAwait(false);
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
            DeleteFileQuietly(LogFile);
            DeleteFileQuietly(PasswordFile);
        }
    }

    /// <summary>
    /// Unix: starts a detached watcher (<c>setsid -f sh</c>) that waits until this process has ended, however it
    /// ends (a test host is often killed before its ProcessExit handlers finish), then stops the server and, when
    /// <see cref="LocalPostgresOptions.DeleteDataOnStop"/>, deletes its files (the password file too). Does nothing
    /// on Windows.
    /// </summary>
    public async Task StopWhenProcessExitsAsync(CancellationToken ct = default)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        const string script =
            "exec </dev/null >/dev/null 2>&1\n" +
            "pid=$1; delete=$2; data=$3; log=$4; sock=$5; password=$6; shift 6\n" +
            "while kill -0 \"$pid\"; do sleep 0.5; done\n" +
            "if [ -f \"$data/postmaster.pid\" ]; then \"$@\"; fi\n" +
            "if [ \"$delete\" = 1 ]; then rm -rf \"$data\" \"$log\" \"$password\"; if [ -n \"$sock\" ]; then rm -rf \"$sock\"; fi; fi\n";
        List<string> arguments =
        [
            "-f", "sh", "-c", script, "sroi-pg-watch",
            Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            _options.DeleteDataOnStop ? "1" : "0", DataDirectory, LogFile, _socketDirectory ?? string.Empty, PasswordFile,
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

    /// <summary>
    /// Stops the server and keeps its data, for fault tests: <c>fast</c> terminates the sessions and checkpoints,
    /// <c>immediate</c> makes every server process quit at once, as in a crash (recovered from the WAL on the next
    /// start). <see cref="StartServerAgainAsync"/> brings it back on the same port.
    /// </summary>
    public Task StopServerAsync(string mode, CancellationToken ct = default)
    {
        if (mode is not ("fast" or "immediate" or "smart"))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "pg_ctl's shutdown modes are smart, fast and immediate.");
        }

        return PgCtlStopAsync(ct, mode);
    }

    /// <summary>Starts a server that <see cref="StopServerAsync"/> stopped, with the same options and port.</summary>
    public Task StartServerAgainAsync(CancellationToken ct = default) => PgCtlStartAsync(ct);

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

    /// <summary>
    /// Sets <see cref="_password"/> from <see cref="PasswordFile"/> (its first line), creating the file with a new
    /// random password (mode 0600) when it is missing or empty. True when the password is new.
    /// </summary>
    private async Task<bool> ReadOrCreatePasswordAsync(CancellationToken ct)
    {
        if (File.Exists(PasswordFile))
        {
            var lines = await File.ReadAllLinesAsync(PasswordFile, ct).ConfigureAwait(false);
            var existing = lines.Length > 0 ? lines[0].Trim() : string.Empty;
            if (existing.Length > 0)
            {
                RestrictToOwner(PasswordFile);
                _password = existing;
                return false;
            }

            File.Delete(PasswordFile);
        }

        // 32 hex digits (128 bits): nothing in it needs quoting in a connection string, a pwfile or SQL.
        _password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await WriteSecretFileAsync(PasswordFile, _password + "\n", ct).ConfigureAwait(false);
        return true;
    }

    private async Task InitDbAsync(CancellationToken ct)
    {
        // initdb reads the superuser's password from a file. It runs as postgres when we are root, and the password
        // file proper stays ours: hand it a copy (0600, owned by whoever runs initdb) for the moment it needs it.
        DeleteFileQuietly(_initdbPasswordFile);
        await WriteSecretFileAsync(_initdbPasswordFile, _password + "\n", ct).ConfigureAwait(false);
        try
        {
            if (UnixUser.IsRoot)
            {
                var chown = await ProcessRunner.RunAsync(
                    "chown", [$"{UnixUser.PostgresAccount}:{UnixUser.PostgresAccount}", _initdbPasswordFile], CommandTimeout, ct)
                    .ConfigureAwait(false);
                if (!chown.Succeeded)
                {
                    throw Failure(chown, includeLog: false, $"Could not hand {_initdbPasswordFile} to the '{UnixUser.PostgresAccount}' user.");
                }
            }

            string[] common =
            [
                "-D", DataDirectory, "-U", Superuser, "-A", PasswordMethod, "--pwfile=" + _initdbPasswordFile,
                "-E", "UTF8", "--no-sync",
            ];
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
        finally
        {
            DeleteFileQuietly(_initdbPasswordFile);
        }
    }

    /// <summary>
    /// An existing data directory: when pg_hba.conf still trusts (made by an older version) or the password is new
    /// (the file was missing), sets the superuser's password in single-user mode, with the server stopped (it is
    /// started again by <see cref="StartAsync"/>), and turns every <c>trust</c> into scram-sha-256.
    /// </summary>
    private async Task RequirePasswordAsync(bool passwordIsNew, CancellationToken ct)
    {
        var hbaFile = Path.Combine(DataDirectory, "pg_hba.conf");
        var hba = File.Exists(hbaFile) ? await File.ReadAllTextAsync(hbaFile, ct).ConfigureAwait(false) : null;
        var trusting = hba is not null && PgHba.Trusts(hba);
        if (!trusting && !passwordIsNew)
        {
            return;
        }

        if (await RunningPortAsync(ct).ConfigureAwait(false) is not null)
        {
            await PgCtlStopAsync(ct).ConfigureAwait(false);
        }

        // The password goes in on stdin, never on a command line; no statement is echoed or logged with it.
        var sql = $"ALTER ROLE {Superuser} WITH PASSWORD '{_password.Replace("'", "''", StringComparison.Ordinal)}';\n";
        var result = await RunPostgresToolAsync(
            "postgres",
            [
                "--single", "-D", DataDirectory, "-c", "password_encryption=" + PasswordMethod, "-c", "exit_on_error=on",
                "-c", "log_min_error_statement=panic", "-c", "log_checkpoints=off", "postgres",
            ],
            ct,
            sql).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw Failure(result, includeLog: false,
                $"Could not set the password of the '{Superuser}' role in {DataDirectory} (single-user mode).");
        }

        if (trusting)
        {
            // Written in place: the file keeps its owner (postgres when we are root) and mode.
            await File.WriteAllTextAsync(hbaFile, PgHba.WithoutTrust(hba!, PasswordMethod), ct).ConfigureAwait(false);
        }
    }

    private static async Task WriteSecretFileAsync(string path, string content, CancellationToken ct)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // created so, never wider
        }

        await using var stream = new FileStream(path, options);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        await writer.WriteAsync(content.AsMemory(), ct).ConfigureAwait(false);
    }

    private static void RestrictToOwner(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        if ((File.GetUnixFileMode(path) & ~ownerOnly) != 0)
        {
            File.SetUnixFileMode(path, ownerOnly);
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

    private async Task PgCtlStopAsync(CancellationToken ct, string mode = "fast")
    {
        var result = await RunPostgresToolAsync(
            "pg_ctl", ["stop", "-D", DataDirectory, "-m", mode, "-w", "-t", "60"], ct).ConfigureAwait(false);
        var output = result.StdOut + result.StdErr;
        var notRunning = output.Contains("not running", StringComparison.OrdinalIgnoreCase)
            || output.Contains("does not exist", StringComparison.OrdinalIgnoreCase)
            || output.Contains("No such file", StringComparison.OrdinalIgnoreCase);
        if (!result.Succeeded && !notRunning)
        {
            throw Failure(result, includeLog: true, $"Could not stop PostgreSQL in {DataDirectory}.");
        }
    }

    private Task<ProcessResult> RunPostgresToolAsync(
        string tool, IReadOnlyList<string> arguments, CancellationToken ct, string? standardInput = null)
    {
        var path = Path.Combine(_binDirectory, PostgresBinaries.Executable(tool));
        return UnixUser.IsRoot
            ? ProcessRunner.RunAsync(
                "runuser", ["-u", UnixUser.PostgresAccount, "--", path, .. arguments], CommandTimeout, ct, standardInput)
            : ProcessRunner.RunAsync(path, arguments, CommandTimeout, ct, standardInput);
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

    private static void DeleteFileQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // best effort
        }
    }

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
