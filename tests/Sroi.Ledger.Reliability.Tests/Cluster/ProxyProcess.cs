using System.Collections.Concurrent;
using System.Diagnostics;

namespace Sroi.Ledger.Reliability.Tests.Cluster;

/// <summary>
/// A reverse proxy run by a test in front of its nodes (CaddyFront, NginxFront; the benchmark harness links this file
/// with CaddyFront alone): started from a config in a temp folder of its own, its output kept for the test to print,
/// ready once it passes a ready node's answer, and killed with its folder removed when the test is done (also when it
/// never became ready).
/// </summary>
public abstract class ProxyProcess : IAsyncDisposable
{
    private readonly string name;
    private readonly Process process;
    private readonly string folder;
    private readonly ConcurrentQueue<string> output = new();

    protected ProxyProcess(string name, ProcessStartInfo start, string folder, int port)
    {
        (this.name, this.folder, Port) = (name, folder, port);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start.");
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    /// <summary>The proxy's own process (nginx's master: it runs with <c>daemon off</c>).</summary>
    protected int ProcessId => process.Id;

    public string RecentOutput => string.Join('\n', output.TakeLast(30));

    /// <summary>What the proxy printed, newest last (the last 2,000 lines).</summary>
    public IReadOnlyList<string> Log => output.ToList();

    private void Keep(string? line)
    {
        if (line is null) return;
        output.Enqueue(line);
        while (output.Count > 2000) output.TryDequeue(out _);
    }

    /// <summary>Waits until the proxy passes a ready node's /health/ready; on failure the proxy is stopped before the throw.</summary>
    protected static async Task<T> ReadyAsync<T>(T proxy) where T : ProxyProcess
    {
        try
        {
            await proxy.WaitUntilReadyAsync();
            return proxy;
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited) throw new InvalidOperationException($"{name} exited with {process.ExitCode}:\n{RecentOutput}");
            try
            {
                using var ready = await probe.GetAsync($"http://127.0.0.1:{Port}/health/ready");
                if (ready.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{name} did not pass a ready node's answer within 30 s:\n{RecentOutput}");
    }

    protected static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    public ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process.Dispose();
        try { Directory.Delete(folder, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
        return ValueTask.CompletedTask;
    }
}
