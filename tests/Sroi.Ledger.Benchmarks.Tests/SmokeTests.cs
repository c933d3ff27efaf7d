using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Sroi.Ledger.Testing;
using Xunit.Abstractions;

namespace Sroi.Ledger.Benchmarks.Tests;

/// <summary>
/// Every mode of the benchmark harness at <c>--smoke</c> size, run as a person runs it (<c>dotnet Sroi.Ledger.Benchmarks.dll
/// --MODE --smoke</c>, from its own build output), each on the throw-away PostgreSQL cluster the harness starts itself
/// (durable, from the local server binaries), the HTTP modes against the real service binary: it must exit 0 and end
/// with its summary line, having measured something and seen no error. So a change that breaks the harness (a service
/// the writer newly needs, a refused request) fails here instead of on the next person who measures.
/// </summary>
public sealed partial class SmokeTests(ITestOutputHelper output)
{
    /// <summary>Far above a smoke run (seconds): only a hung harness meets it.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    public static TheoryData<string, string[]> Modes => new()
    {
        { "appends", ["--smoke"] },
        { "reports", ["--reports", "--smoke"] },
        { "audit", ["--audit", "--smoke"] },
        { "signing", ["--signing", "--smoke"] },
        { "commands", ["--commands", "--trace", "--smoke"] },
        { "startup", ["--startup", "--smoke"] },
        { "http", ["--http", "--smoke"] },
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Every_mode_runs_at_smoke_size(string mode, string[] args)
    {
        var (exit, text, took) = await RunHarnessAsync(args);
        output.WriteLine($"{mode}: exit {exit} after {took.TotalSeconds:0.0} s");
        output.WriteLine(text);

        exit.Should().Be(0);
        var summary = Summary().Matches(text).SingleOrDefault();
        summary.Should().NotBeNull("every mode ends with its summary line");
        summary!.Groups["mode"].Value.Should().Be(mode);
        long.Parse(summary.Groups["operations"].Value).Should().BePositive("a mode that measured nothing is broken");
        long.Parse(summary.Groups["errors"].Value).Should().Be(0);
    }

    private static async Task<(int Exit, string Output, TimeSpan Took)> RunHarnessAsync(string[] args)
    {
        // The harness and the service from their own build outputs, of this test's configuration and framework.
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string Output(string project) => Path.Combine(Checkout.Root(), project, "bin", framework.Parent!.Name, framework.Name);
        var harness = Path.Combine(Output("tests/Sroi.Ledger.Benchmarks"), "Sroi.Ledger.Benchmarks.dll");
        var service = Path.Combine(Output("src/Sroi.Ledger.Api"), "Sroi.Ledger.Api.dll");
        File.Exists(harness).Should().BeTrue($"the harness is built into {harness} (it is a project reference of these tests)");

        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(harness);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["SROI_BENCH_API_DLL"] = service;
        // The harness's own clusters, never a database a developer pointed the benchmarks at.
        info.Environment.Remove("SROI_BENCH_DATABASE");
        var text = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) lock (text) text.AppendLine(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) lock (text) text.AppendLine("stderr: " + line.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var patience = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            lock (text) text.AppendLine($"killed: still running after {Patience.TotalMinutes:0} minutes");
        }
        process.WaitForExit();
        lock (text) return (process.ExitCode, text.ToString(), clock.Elapsed);
    }

    [GeneratedRegex(@"^summary: mode=(?<mode>\S+) operations=(?<operations>\d+) errors=(?<errors>\d+)\r?$", RegexOptions.Multiline)]
    private static partial Regex Summary();
}
