using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Sroi.Ledger.Testing;
using Xunit.Abstractions;

namespace Sroi.Ledger.Benchmarks.Tests;

// One class per mode: xunit runs classes side by side, and most of a smoke run is waiting (a cluster starting, commits
// flushed, the service starting, wrk's whole seconds), so the modes together take about as long as the slowest.

public sealed class AppendsModeSmoke(ITestOutputHelper output) : HarnessSmoke(output)
{
    [Fact]
    public Task Runs_at_smoke_size() => RunsAsync("appends", "--smoke");
}

public sealed class ReportsModeSmoke(ITestOutputHelper output) : HarnessSmoke(output)
{
    [Fact]
    public Task Runs_at_smoke_size() => RunsAsync("reports", "--reports", "--smoke");
}

public sealed class AuditModeSmoke(ITestOutputHelper output) : HarnessSmoke(output)
{
    [Fact]
    public async Task Runs_at_smoke_size_with_its_COPY_baseline()
    {
        var text = await RunsAsync("audit", "--audit", "--smoke");
        // Issue 23: the verification is measured against a plain COPY of the same events, in the same run.
        text.Should().MatchRegex(@"baseline: plain COPY of the same events: [\d,]+ events in ");
        text.Should().MatchRegex(@"verification takes \d+(\.\d)?x the plain COPY of the same events");
        // And both rebuilds, Marten's daemon and the rebuild while writable, against the same COPY (by CPU seconds too, where
        // the COPY's are above the clock's tick: at smoke size they may not be).
        text.Should().MatchRegex(@"before: Marten's daemon, every projection torn down and replayed: \d+(\.\d)?x the plain COPY's wall clock, ");
        text.Should().MatchRegex(@"projection rebuild while writable \(issue 23\), every projection, read models right: \d+(\.\d)?x the plain COPY's wall clock, ");
        text.Should().MatchRegex(@"projection rebuild while writable \(issue 23\), every projection, the candidates' rows and documents lost: \d+(\.\d)?x the plain COPY's wall clock, ");
    }
}

public sealed class AuditRebuildOnlySmoke(ITestOutputHelper output) : HarnessSmoke(output)
{
    [Fact]
    public async Task Runs_the_rebuild_alone_against_its_COPY_baseline()
    {
        // Issue 23: --rebuild-only measures the rebuild while writable alone (no exports, no verification before, no daemon).
        var text = await RunsAsync("audit", "--audit", "--rebuild-only", "--smoke");
        text.Should().MatchRegex(@"baseline: plain COPY of the same events: [\d,]+ events in ");
        // Twice (it writes only rows that differ from its fold): with the read models right, then with the candidates' rows
        // and documents lost; each time every read model as before, and the second wrote every row.
        text.Should().MatchRegex(@"projection rebuild while writable \(issue 23\), every projection, read models right: \d+(\.\d)?x the plain COPY's wall clock, ");
        text.Should().MatchRegex(@"projection rebuild while writable \(issue 23\), every projection, the candidates' rows and documents lost: \d+(\.\d)?x the plain COPY's wall clock, ");
        text.Should().MatchRegex(@"rows the rebuild of lost read models wrote, none older left, every read model as before: candidates [\d,]+, candidate_treden [\d,]+");
        text.Should().NotContain("verification takes").And.NotContain("Marten's daemon");
    }
}

public sealed class SigningModeSmoke(ITestOutputHelper output) : HarnessSmoke(output)
{
    [Fact]
    public Task Runs_at_smoke_size() => RunsAsync("signing", "--signing", "--smoke");
}

public sealed class CommandsModeSmoke(ITestOutputHelper output) : HarnessSmoke(output)
{
    [Fact]
    public Task Runs_at_smoke_size_with_its_trace() => RunsAsync("commands", "--commands", "--trace", "--smoke");
}

public sealed class StartupModeSmoke(ITestOutputHelper output) : HarnessSmoke(output)
{
    [Fact]
    public Task Runs_at_smoke_size() => RunsAsync("startup", "--startup", "--smoke");

    [Fact]
    public async Task Starts_a_compared_build_on_a_copy_of_the_ledger_of_its_own_and_says_whether_each_start_was_a_restart()
    {
        // Session 41: a restart skips the schema's preparation only where the database records its own build's fingerprint
        // (the service's Database/PreparedSchema), and two builds taking turns on one database each prepared it fully at
        // every start: the "restarts" measured were full preparations. Here the compared build is this build again (the
        // smoke run has no other), so this shows the copy made and used and the restarts counted, not the turns' cause.
        var text = await RunsAsync("startup", "--startup", "--smoke", "--compare-api-dll", ServiceDll);
        text.Should().MatchRegex(@"compared build: on a copy of the ledger of its own, database sroi_ledger_1 \(copied in [\d.]+ s\)");
        text.Should().MatchRegex(@"this build, median of 1: .*; starts that prepared the schema fully 0 of 1");
        text.Should().MatchRegex(@"compared build, median of 1: .*; starts that prepared the schema fully 0 of 1");
        text.Should().NotContain("NOT A RESTART");
    }
}

public sealed class ListsModeSmoke(ITestOutputHelper output) : HarnessSmoke(output)
{
    [Fact]
    public Task Runs_at_smoke_size() => RunsAsync("lists", "--lists", "--smoke");
}

public sealed class FairnessModeSmoke(ITestOutputHelper output) : HarnessSmoke(output)
{
    [Fact]
    public Task Runs_at_smoke_size() => RunsAsync("fairness", "--fairness", "--smoke");
}

public sealed class ImportModeSmoke(ITestOutputHelper output) : HarnessSmoke(output)
{
    [Fact]
    public Task Runs_at_smoke_size() => RunsAsync("import", "--import", "--smoke");
}

public sealed class ContractSizeModeSmoke(ITestOutputHelper output) : HarnessSmoke(output)
{
    [Fact]
    public async Task Runs_at_smoke_size_with_its_ratio_and_sizes()
    {
        var text = await RunsAsync("contract-size", "--contract-size", "--smoke");
        // Issue 23: the last window against the first, and the stored size of the contract's document.
        text.Should().MatchRegex(@"ratio last / first window \(reports 101–150 / reports 1–50\): p50 [\d.]+x, CPU [\d.]+x");
        text.Should().MatchRegex(@"contract document after 150 reports: [\d,]+ bytes stored");
        text.Should().MatchRegex(@"fresh fold of the contract's stream \(150 reports and their acceptances\): \d+ ms CPU");
    }

    [Fact]
    public async Task Takes_its_report_count_rather_than_running_the_reports_mode()
    {
        // --reports is also the reports mode's flag: with --contract-size it is this mode's option.
        var text = await RunsAsync("contract-size", "--contract-size", "--smoke", "--reports", "60", "--window", "30", "--windows", "1,31");
        text.Should().Contain("contract-size: 60 reports on one contract, windows of 30 starting at 1, 31");
    }

    [Fact]
    public async Task Runs_with_the_reports_apart_switch_on_and_writes_the_contract_document_without_its_list()
    {
        // Issue 23, stage 3: the write cost measured with the operator's switch on (the document without its report list).
        var text = await RunsAsync("contract-size", "--contract-size", "--smoke", "--reports", "60", "--window", "30", "--windows", "1,31", "--reports-apart");
        text.Should().Contain("the report list apart (the switch on)");
        text.Should().MatchRegex(@"ratio last / first window \(reports 31–60 / reports 1–30\): p50 [\d.]+x, CPU [\d.]+x");
        text.Should().MatchRegex(@"contract document after 60 reports: [\d,]+ bytes stored");
    }
}

public sealed class HttpModeSmoke(ITestOutputHelper output) : HarnessSmoke(output)
{
    [Fact]
    public Task Runs_at_smoke_size() => RunsAsync("http", "--http", "--smoke");

    /// <summary>Two nodes on one database behind Caddy (<c>--nodes</c>: the 1/2/3-node throughput of issue 23).</summary>
    [Fact]
    public Task Runs_at_smoke_size_on_two_nodes_behind_caddy() => RunsAsync("http", "--http", "--smoke", "--nodes", "2");
}

/// <summary>
/// A mode of the benchmark harness at <c>--smoke</c> size, run as a person runs it (<c>dotnet Sroi.Ledger.Benchmarks.dll
/// --MODE --smoke</c>, from its own build output), on the throw-away PostgreSQL cluster the harness starts itself (durable,
/// from the local server binaries), the HTTP modes against the real service binary. It must exit 0 and end with its
/// summary line, having measured something and seen no error: a change that breaks the harness (a service the writer
/// newly needs, a request the ledger refuses, a ledger that no longer verifies) fails here, not on the next person who
/// measures. The figures of a smoke run mean nothing and are not looked at.
/// </summary>
public abstract partial class HarnessSmoke(ITestOutputHelper output)
{
    /// <summary>Far above a smoke run (seconds): only a hung harness meets it.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    /// <returns>What the harness printed, for a mode's own checks.</returns>
    protected async Task<string> RunsAsync(string mode, params string[] args)
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
        return text;
    }

    /// <summary>The service the HTTP modes run, from its own build output.</summary>
    protected static string ServiceDll => Path.Combine(BuildOutput("src/Sroi.Ledger.Api"), "Sroi.Ledger.Api.dll");

    /// <summary>A project's build output of this test's configuration and framework.</summary>
    private static string BuildOutput(string project)
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return Path.Combine(Checkout.Root(), project, "bin", framework.Parent!.Name, framework.Name);
    }

    private static async Task<(int Exit, string Output, TimeSpan Took)> RunHarnessAsync(string[] args)
    {
        // The harness and the service from their own build outputs, of this test's configuration and framework.
        var harness = Path.Combine(BuildOutput("tests/Sroi.Ledger.Benchmarks"), "Sroi.Ledger.Benchmarks.dll");
        File.Exists(harness).Should().BeTrue($"the harness is built into {harness} (it is a project reference of these tests)");

        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(harness);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["SROI_BENCH_API_DLL"] = ServiceDll;
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
            lock (text) text.AppendLine($"killed: still running after {Patience.TotalMinutes:0} minutes");
        }
        // Also waits for the output's last lines.
        process.WaitForExit();
        lock (text) return (process.ExitCode, text.ToString(), clock.Elapsed);
    }

    [GeneratedRegex(@"^summary: mode=(?<mode>\S+) operations=(?<operations>\d+) errors=(?<errors>\d+)\r?$", RegexOptions.Multiline)]
    private static partial Regex Summary();
}
