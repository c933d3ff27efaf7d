using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;

namespace Sroi.Ledger.Reliability.Tests.Killing;

/// <summary>
/// The built service (Sroi.Ledger.Api.dll, copied beside this test's own assembly by the project reference) run with
/// <c>dotnet</c> as a process of its own, configured as in production through its environment, so that it can be
/// killed with SIGKILL: no shutdown hook, no flush, nothing of the process survives.
/// </summary>
public sealed class ServiceProcess
{
    private static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromSeconds(90);
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private ServiceProcess(Process process) => this.process = process;

    public static string ApiAssembly => Path.Combine(AppContext.BaseDirectory, "Sroi.Ledger.Api.dll");

    /// <summary>
    /// Starts the service on 127.0.0.1:<paramref name="port"/> and waits until /health/ready answers 200;
    /// <paramref name="settings"/> are added to (or override) its environment.
    /// </summary>
    /// <param name="startTimeout">90 s unless given: three nodes starting together prepare the database one after another.</param>
    /// <param name="assembly">Another build's Sroi.Ledger.Api.dll (the rolling upgrade's previous build); this build's unless given.</param>
    public static async Task<ServiceProcess> StartAsync(ServiceLogin login, int port, IReadOnlyDictionary<string, string>? settings = null,
        TimeSpan? startTimeout = null, string? assembly = null)
    {
        var service = Launch(login, port, settings, assembly);
        await service.ReadyAsync(port, startTimeout ?? DefaultStartTimeout);
        return service;
    }

    /// <summary>Starts the service as <see cref="StartAsync"/> does, without waiting for it to become ready.</summary>
    public static ServiceProcess Launch(ServiceLogin login, int port, IReadOnlyDictionary<string, string>? settings = null, string? assembly = null)
    {
        assembly ??= ApiAssembly;
        if (!File.Exists(assembly))
            throw new InvalidOperationException($"The service's assembly is not at {assembly}: build the solution first.");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { assembly },
            // Its own folder: the data protection key ring and local data default to a folder under the working
            // directory, so nodes of two builds share them only when the test says where (SROI_DATA_PROTECTION_KEYS).
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["SROI_DATABASE"] = login.Service,
                ["SROI_DATABASE_OWNER"] = login.Owner,
                ["SROI_ADMIN_KEY"] = ServiceLogin.AdminKey,
                // Six writers share two keys under load: what is measured is lost writes, not the per-key limit.
                ["SROI_RATE_LIMIT_PER_MINUTE"] = "0",
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                // Production wants the checkpoint key in a file of the operator's choosing (created when missing).
                ["SROI_CHECKPOINT_KEY_FILE"] = Path.Combine(Path.GetTempPath(), "sroi-reliability-checkpoint-key.pem"),
            },
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        var service = new ServiceProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
        service.process.OutputDataReceived += (_, line) => service.Keep(line.Data);
        service.process.ErrorDataReceived += (_, line) => service.Keep(line.Data);
        service.process.BeginOutputReadLine();
        service.process.BeginErrorReadLine();
        return service;
    }

    /// <summary>SIGTERM, as an orchestrator stops a container; answers the exit code (null when it had not exited within <paramref name="timeout"/>: then killed).</summary>
    public async Task<int?> TerminateAsync(TimeSpan timeout)
    {
        if (Kill(process.Id, SigTerm) != 0)
            throw new InvalidOperationException($"kill({process.Id}, SIGTERM) failed: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            KillHard();
            return null;
        }
        return process.ExitCode;
    }

    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>A client of the service on <paramref name="port"/>, whichever process answers there.</summary>
    public static HttpClient Client(int port, string? key = null)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>SIGKILL (Process.Kill on Unix), then waits until the process is gone.</summary>
    public void KillHard()
    {
        if (process.HasExited) return;
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public bool HasExited => process.HasExited;

    public string RecentOutput => string.Join('\n', output.TakeLast(40));

    /// <summary>
    /// The number Wolverine gave this process in its node table (Balanced durability), from its log line; null until it
    /// says. Kept apart from <see cref="RecentOutput"/>, whose oldest lines are dropped.
    /// </summary>
    public int? NodeNumber { get; private set; }

    private const string NodeNumberLine = "assigned node id for envelope persistence is ";

    private readonly ConcurrentQueue<string> errors = new();
    private int errorLinesLeft;

    /// <summary>
    /// Every error the process logged (the console logger's <c>fail:</c> and <c>crit:</c> entries with their first lines),
    /// kept apart from <see cref="RecentOutput"/>, whose oldest lines are dropped: what a node of one build logged beside
    /// another build is the evidence of an incompatibility.
    /// </summary>
    public IReadOnlyList<string> Errors => [.. errors];

    private void Keep(string? line)
    {
        if (line is null) return;
        if (line.IndexOf(NodeNumberLine, StringComparison.Ordinal) is >= 0 and var at
            && int.TryParse(line.AsSpan(at + NodeNumberLine.Length).Trim(), out var number))
            NodeNumber = number;
        if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
            errorLinesLeft = 12;
        else if (!line.StartsWith(' ')) errorLinesLeft = 0;
        if (errorLinesLeft > 0 && errors.Count < 500)
        {
            errorLinesLeft--;
            errors.Enqueue(line);
        }
        output.Enqueue(line);
        while (output.Count > 200) output.TryDequeue(out _);
    }

    private async Task ReadyAsync(int port, TimeSpan timeout)
    {
        using var probe = Client(port);
        // A probe that gets no answer in 10 s is asked again (the start's own time limit is the loop's).
        probe.Timeout = TimeSpan.FromSeconds(10);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The service exited with {process.ExitCode} while starting:\n{RecentOutput}");
            try
            {
                using var ready = await probe.GetAsync("/health/ready");
                if (ready.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // listening, but not answering yet (three nodes starting on a loaded machine took longer than a probe's wait)
            }
            await Task.Delay(100);
        }
        KillHard();
        throw new TimeoutException($"The service was not ready within {timeout}:\n{RecentOutput}");
    }
}
