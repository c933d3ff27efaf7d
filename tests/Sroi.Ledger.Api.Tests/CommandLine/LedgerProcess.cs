using System.Diagnostics;
using System.Text;

namespace Sroi.Ledger.Api.Tests.CommandLine;

/// <summary>What a run of the service binary's command line answered.</summary>
public sealed record LedgerRun(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>The service binary (built beside the tests) with the test database's settings, as a process of its own.</summary>
public static class LedgerProcess
{
    public static Task<LedgerRun> RunAsync(LedgerApi api, TimeSpan timeout, params string[] args) =>
        RunAsync(api, timeout, new Dictionary<string, string?>(), args);

    /// <param name="settings">Variables set over the test database's, or left out when null.</param>
    public static async Task<LedgerRun> RunAsync(LedgerApi api, TimeSpan timeout, IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(ServiceBinary.Dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["SROI_DATABASE"] = api.ServiceConnectionString;
        start.Environment["SROI_DATABASE_OWNER"] = api.ConnectionString;
        start.Environment["SROI_ADMIN_KEY"] = LedgerApi.AdminKey;
        // The in-memory service's checkpoint key: a checkpoint it signed verifies here too.
        start.Environment["SROI_CHECKPOINT_KEY_FILE"] = api.CheckpointKeyFile;
        start.Environment["SROI_CHECKPOINT_INTERVAL_MINUTES"] = "0";
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        foreach (var (name, value) in settings)
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        using var process = Process.Start(start)!;
        // As bytes: a reader would drop a CSV's byte order mark, which a comparison with the HTTP answer includes.
        var stdout = new MemoryStream();
        var copying = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        await copying;
        return new LedgerRun(process.ExitCode, Encoding.UTF8.GetString(stdout.ToArray()), await stderr);
    }
}
