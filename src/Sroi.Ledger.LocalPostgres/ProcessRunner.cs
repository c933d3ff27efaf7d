using System.Diagnostics;
using System.Text;

namespace Sroi.Ledger.LocalPostgres;

/// <summary>The outcome of one finished child process.</summary>
internal sealed record ProcessResult(string Command, int ExitCode, string StdOut, string StdErr)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Everything the process printed, for error messages.</summary>
    public string Output
    {
        get
        {
            var sb = new StringBuilder();
            if (StdOut.Trim().Length > 0)
            {
                sb.Append("stdout:\n").Append(StdOut.TrimEnd()).Append('\n');
            }

            if (StdErr.Trim().Length > 0)
            {
                sb.Append("stderr:\n").Append(StdErr.TrimEnd()).Append('\n');
            }

            return sb.Length == 0 ? "(no output)" : sb.ToString().TrimEnd();
        }
    }
}

/// <summary>
/// Runs a program without a shell (ArgumentList), reads stdout/stderr asynchronously and waits for exit
/// with a timeout. Output readers are not awaited indefinitely after exit, because a forked grandchild
/// (e.g. the server started by <c>pg_ctl start</c>) could keep the pipes open.
/// </summary>
internal static class ProcessRunner
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);

    /// <param name="standardInput">Written to the child's stdin before it is closed (e.g. a secret that must not
    /// appear on a command line); null closes stdin at once. Never part of an error message.</param>
    public static async Task<ProcessResult> RunAsync(
        string fileName, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken ct = default,
        string? standardInput = null)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
            // Absolute paths are used everywhere; "/" is readable by every user (runuser -u postgres).
            WorkingDirectory = OperatingSystem.IsWindows() ? Environment.CurrentDirectory : "/",
        };
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        var command = Describe(fileName, psi.ArgumentList);
        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or FileNotFoundException)
        {
            throw new InvalidOperationException($"Could not start `{command}`: {ex.Message}", ex);
        }

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var stdoutPump = PumpAsync(process.StandardOutput, stdout);
        var stderrPump = PumpAsync(process.StandardError, stderr);
        try
        {
            // Small enough for the pipe's buffer: this does not wait for the child to read it.
            if (standardInput is not null)
            {
                await process.StandardInput.WriteAsync(standardInput).ConfigureAwait(false);
                await process.StandardInput.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The child exited without reading all of its input; its exit code and output tell why.
        }

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutCts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // already exited
            }

            ct.ThrowIfCancellationRequested();
            throw new TimeoutException(
                $"`{command}` did not finish within {timeout.TotalSeconds:0} s.\n" +
                new ProcessResult(command, -1, Snapshot(stdout), Snapshot(stderr)).Output);
        }

        try
        {
            await Task.WhenAll(stdoutPump, stderrPump).WaitAsync(DrainTimeout, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A grandchild still holds the pipes; what was read so far is enough.
        }

        return new ProcessResult(command, process.ExitCode, Snapshot(stdout), Snapshot(stderr));
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder target)
    {
        var buffer = new char[4096];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer.AsMemory()).ConfigureAwait(false)) > 0)
            {
                lock (target)
                {
                    target.Append(buffer, 0, read);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The process went away; keep what was read.
        }
    }

    private static string Snapshot(StringBuilder sb)
    {
        lock (sb)
        {
            return sb.ToString();
        }
    }

    private static string Describe(string fileName, IEnumerable<string> arguments) =>
        string.Join(' ', new[] { fileName }.Concat(arguments).Select(a => a.Length == 0 || a.Contains(' ') ? $"\"{a}\"" : a));
}
