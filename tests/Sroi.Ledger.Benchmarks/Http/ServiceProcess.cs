using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;

namespace Sroi.Ledger.Benchmarks.Http;

/// <summary>
/// The real service binary as a separate process: <c>dotnet &lt;path&gt;/Sroi.Ledger.Api.dll</c> in its own folder (as
/// ops/Dockerfile runs it), ASPNETCORE_ENVIRONMENT=Production, listening on 127.0.0.1 only. Its console output goes to a
/// log file, each line stamped with the time since the process was started.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private const int SigTerm = 15;

    private readonly Process process;
    private readonly Stopwatch sinceStart;
    private readonly StreamWriter log;
    private readonly Lock logLock = new();
    private TimeSpan? listeningAt;
    private TimeSpan? firstLineAt;
    private TimeSpan? stoppingAt;
    private bool stopRequested;
    private readonly Dictionary<string, long> entries = [];

    private ServiceProcess(Process process, Stopwatch sinceStart, StreamWriter log, Uri baseAddress)
    {
        this.process = process;
        this.sinceStart = sinceStart;
        this.log = log;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Pid => process.Id;

    /// <summary>When the service logged "Now listening on" (Kestrel bound its port), since the process was started.</summary>
    public TimeSpan? ListeningAt { get { lock (logLock) return listeningAt; } }

    /// <summary>When the service wrote its first line (in Production: Wolverine starting, after the database was prepared).</summary>
    public TimeSpan? FirstLineAt { get { lock (logLock) return firstLineAt; } }

    public bool HasExited => process.HasExited;

    /// <summary>Why the service is gone when the harness did not stop it: it logged a stop signal (SIGTERM/SIGINT from elsewhere), or not.</summary>
    public string ExitDescription()
    {
        lock (logLock)
            return $"exit code {(process.HasExited ? process.ExitCode.ToString(CultureInfo.InvariantCulture) : "?")}" +
                (stopRequested ? ", stopped by the harness"
                    : stoppingAt is { } at ? $", after it logged \"Application stopping signal received\" at {at.TotalSeconds:N1} s: a signal from outside the harness"
                    : ", with no stop signal logged: a crash or SIGKILL");
    }

    /// <summary>Log entries so far by level and category (e.g. "fail: Marten.IDocumentStore"), from the console logger's header lines.</summary>
    public IReadOnlyDictionary<string, long> Entries() { lock (logLock) return new Dictionary<string, long>(entries); }

    /// <summary>
    /// The built service: <c>--api-dll PATH</c> or SROI_BENCH_API_DLL, else <c>src/Sroi.Ledger.Api/bin/Release/net10.0</c> of the
    /// repository this harness was built from (the folder above the harness's output that holds Sroi.Ledger.sln).
    /// </summary>
    public static string FindApiDll(string[] args)
    {
        var at = Array.IndexOf(args, "--api-dll");
        var given = at >= 0 && at + 1 < args.Length ? args[at + 1] : Environment.GetEnvironmentVariable("SROI_BENCH_API_DLL");
        string dll;
        if (!string.IsNullOrEmpty(given))
            dll = Path.GetFullPath(given);
        else
        {
            var repo = new DirectoryInfo(AppContext.BaseDirectory);
            while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "Sroi.Ledger.sln")))
                repo = repo.Parent;
            if (repo is null)
                throw new InvalidOperationException($"No Sroi.Ledger.sln above {AppContext.BaseDirectory}; pass --api-dll PATH.");
            dll = Path.Combine(repo.FullName, "src", "Sroi.Ledger.Api", "bin", "Release", "net10.0", "Sroi.Ledger.Api.dll");
        }
        if (!File.Exists(dll) || !File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")))
            throw new InvalidOperationException($"{dll} (with its .runtimeconfig.json) does not exist: dotnet build -c Release src/Sroi.Ledger.Api");
        return dll;
    }

    /// <summary>Which binary, built when, and whether the sources are newer (a stale build would measure old code).</summary>
    public static string Describe(string dll)
    {
        var built = File.GetLastWriteTimeUtc(dll);
        var project = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(dll)!, "..", "..", ".."));
        // Only a build's own output (bin/Release/net10.0 under its project) has sources to compare with; a copy elsewhere has none.
        var newest = Directory.Exists(project) && Directory.EnumerateFiles(project, "*.csproj").Any()
            ? Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
                .Select(File.GetLastWriteTimeUtc).DefaultIfEmpty(DateTime.MinValue).Max()
            : DateTime.MinValue;
        var gc = File.ReadAllText(Path.ChangeExtension(dll, ".runtimeconfig.json")).Contains("\"System.GC.Server\": true", StringComparison.Ordinal)
            ? "server GC" : "workstation GC";
        return $"{dll} (built {built:yyyy-MM-dd HH:mm:ss} UTC, {gc}" +
            (newest > built ? $"; WARNING: a source file in {project} is newer, {newest:HH:mm:ss} UTC" : "") + ")";
    }

    /// <param name="arguments">After the dll: none for the service; <c>--bare-app</c> for the harness as the bare app (Http/BareApp.cs).</param>
    public static ServiceProcess Start(string dll, IReadOnlyDictionary<string, string> environment, int port, string logFile,
        IReadOnlyList<string>? arguments = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments ?? []) info.ArgumentList.Add(argument);
        // Only what production would set: nothing inherited that could switch the service into another mode.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("SROI_", StringComparison.Ordinal)
                     || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(name);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        foreach (var (name, value) in environment)
            info.Environment[name] = value;

        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        var stopwatch = Stopwatch.StartNew();
        process.Start();
        var service = new ServiceProcess(process, stopwatch, log, new Uri($"http://127.0.0.1:{port}/"));
        log.WriteLine($"--- pid {process.Id} started {DateTime.UtcNow:O}");
        process.OutputDataReceived += (_, e) => service.Log(e.Data);
        process.ErrorDataReceived += (_, e) => service.Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    private void Log(string? line)
    {
        if (line is null) return;
        lock (logLock)
        {
            var at = sinceStart.Elapsed;
            firstLineAt ??= at;
            if (listeningAt is null && line.Contains("Now listening on", StringComparison.Ordinal)) listeningAt = at;
            if (stoppingAt is null && line.Contains("Application stopping signal received", StringComparison.Ordinal)) stoppingAt = at;
            // The console logger's first line of an entry: "fail: Marten.IDocumentStore[515563339]".
            if (line.Length > 6 && line[4] == ':' && line[5] == ' ' && line[..4] is "trce" or "dbug" or "info" or "warn" or "fail" or "crit")
            {
                var header = line.Split('[')[0];
                entries[header] = entries.GetValueOrDefault(header) + 1;
            }
            log.WriteLine($"[{at.TotalMilliseconds,8:F0} ms] {line}");
        }
    }

    /// <summary>
    /// Polls <c>GET /api/v1/sroi-policies</c> with the admin key every 20 ms until it answers 200; the time since the
    /// process was started. Anything else than 200 or a refused connection (the port is not bound yet) is a failure.
    /// </summary>
    public async Task<(TimeSpan FirstOk, int Polls)> WaitForFirstOkAsync(string adminKey, TimeSpan timeout)
    {
        using var client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2) }) { Timeout = TimeSpan.FromSeconds(30) };
        var polls = 0;
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The service exited with {process.ExitCode} before it answered (log: see above).");
            if (sinceStart.Elapsed > timeout)
                throw new TimeoutException($"No 200 from /api/v1/sroi-policies within {timeout.TotalSeconds:0} s.");
            polls++;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseAddress, "api/v1/sroi-policies"));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
                using var response = await client.SendAsync(request);
                var at = sinceStart.Elapsed;
                if (response.StatusCode == HttpStatusCode.OK) return (at, polls);
                throw new InvalidOperationException($"/api/v1/sroi-policies answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            catch (HttpRequestException) { } // not listening yet
            await Task.Delay(20);
        }
    }

    /// <summary>A field of /proc/&lt;pid&gt;/status in MiB (VmRSS: resident now; VmHWM: the peak).</summary>
    public double MemoryMiB(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
        throw new InvalidOperationException($"No {field} in /proc/{process.Id}/status.");
    }

    /// <summary>CPU time (user + system) the service has used so far.</summary>
    public TimeSpan CpuTime()
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    /// <summary>SIGTERM (what systemd or docker stop send), then up to 15 s for a graceful stop, else SIGKILL.</summary>
    public async Task<(TimeSpan Took, int ExitCode)> StopAsync()
    {
        if (process.HasExited) return (TimeSpan.Zero, process.ExitCode);
        lock (logLock) stopRequested = true;
        var stopwatch = Stopwatch.StartNew();
        if (Kill(process.Id, SigTerm) != 0) process.Kill(entireProcessTree: true);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try { await process.WaitForExitAsync(patience.Token); }
        catch (OperationCanceledException)
        {
            Log("harness: no exit 15 s after SIGTERM, killing");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        return (stopwatch.Elapsed, process.ExitCode);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process.Dispose();
        lock (logLock) log.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
