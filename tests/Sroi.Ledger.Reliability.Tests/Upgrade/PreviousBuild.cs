using System.Diagnostics;
using Sroi.Ledger.Testing;

namespace Sroi.Ledger.Reliability.Tests.Upgrade;

/// <summary>
/// The service as the previous release built it: the commit named in <c>ops/upgrade-from</c>, taken from the checkout's own
/// git history (<c>git archive</c>, so the checkout's working tree is not touched), built in Release into a folder of the
/// temp directory named by the commit. A second run finds it built there and starts at once; a commit's sources never
/// change, so the folder is never stale. A commit that is not in the history (a shallow clone) fails the test with what to
/// do: the rehearsal is never skipped.
/// </summary>
public static class PreviousBuild
{
    /// <summary>The repository file naming the commit to upgrade from.</summary>
    public const string CommitFile = "ops/upgrade-from";

    /// <summary>On two cores shared with other builds a cold Release build of the service took 3–10 min; beyond this it is stuck.</summary>
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(25);

    /// <summary>The full id of the commit in <see cref="CommitFile"/>, checked to be in this checkout's history.</summary>
    public static async Task<string> CommitAsync()
    {
        var root = Checkout.Root();
        var file = Path.Combine(root, CommitFile);
        var named = (await File.ReadAllLinesAsync(file)).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        if (named.Count != 1)
            throw new InvalidOperationException($"{CommitFile} must hold one commit id (besides # comments), and holds {named.Count} lines.");
        if (!Directory.Exists(Path.Combine(root, ".git")) && !File.Exists(Path.Combine(root, ".git")))
            throw new InvalidOperationException(
                $"The rolling-upgrade rehearsal builds commit {named[0]} ({CommitFile}) from the checkout's git history, and {root} is not a git checkout: run it from a clone.");
        var (found, commit) = await GitAsync(root, "rev-parse", "--verify", "--quiet", named[0] + "^{commit}");
        if (found != 0)
        {
            var (_, shallow) = await GitAsync(root, "rev-parse", "--is-shallow-repository");
            throw new InvalidOperationException(shallow.Trim() == "true"
                ? $"Commit {named[0]} ({CommitFile}, the build the rolling-upgrade rehearsal upgrades from) is not in this shallow clone: " +
                  "fetch the history (git fetch --unshallow, or clone without --depth) and run again."
                : $"Commit {named[0]} ({CommitFile}, the build the rolling-upgrade rehearsal upgrades from) is not in this clone's history: " +
                  "fetch it, or set the file to a commit of main that is.");
        }
        commit = commit.Trim();
        // Upgrading from a commit that is not behind this one would rehearse a downgrade, or a jump between branches.
        if ((await GitAsync(root, "merge-base", "--is-ancestor", commit, "HEAD")).Exit != 0)
            throw new InvalidOperationException($"Commit {commit} ({CommitFile}) is not an ancestor of HEAD: name the main commit this branch builds on.");
        return commit;
    }

    /// <summary>
    /// The previous build's Sroi.Ledger.Api.dll, built now unless a run before built it; <paramref name="log"/> hears
    /// what is done and how long it took.
    /// </summary>
    public static async Task<string> ApiAssemblyAsync(Action<string> log)
    {
        var commit = await CommitAsync();
        var folder = Path.Combine(Path.GetTempPath(), "sroi-upgrade-from", commit);
        var assembly = Path.Combine(folder, "src", "Sroi.Ledger.Api", "bin", "Release", "net10.0", "Sroi.Ledger.Api.dll");
        var done = Path.Combine(folder, "built");
        Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
        // Two test runs of one machine (two worktrees) may want the same commit at once: one builds, the other waits.
        await using var exclusive = await LockAsync(folder + ".lock");
        if (File.Exists(done) && File.Exists(assembly))
        {
            log($"previous build {commit[..9]}: built by an earlier run in {folder}");
            return assembly;
        }
        var clock = Stopwatch.StartNew();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true); // a build stopped half-way
        Directory.CreateDirectory(folder);
        var root = Checkout.Root();
        var archive = folder + ".tar";
        await RunAsync(root, TimeSpan.FromMinutes(2), "git", "archive", "--format=tar", "-o", archive, commit);
        await RunAsync(folder, TimeSpan.FromMinutes(2), "tar", "-xf", archive);
        File.Delete(archive);
        CopyWebPages(root, folder);
        // Warnings stay warnings and no vulnerability audit: that build passed its own checks when it landed, and a
        // newer analyser or advisory must not stop the rehearsal. No build servers: nothing of the build outlives it.
        await RunAsync(folder, BuildTimeout, "dotnet", "build", Path.Combine("src", "Sroi.Ledger.Api", "Sroi.Ledger.Api.csproj"),
            "-c", "Release", "-p:SroiWebBuild=false", "-p:TreatWarningsAsErrors=false", "-p:NuGetAudit=false",
            "--disable-build-servers", "-nologo", "-v:q", "-clp:ErrorsOnly");
        if (!File.Exists(assembly))
            throw new InvalidOperationException($"The previous build ({commit}) ended without {assembly}.");
        await File.WriteAllTextAsync(done, $"{commit} built in {clock.Elapsed.TotalSeconds:0} s\n");
        log($"previous build {commit[..9]}: extracted and built in {clock.Elapsed.TotalSeconds:0} s into {folder}");
        return assembly;
    }

    /// <summary>
    /// The web pages the previous build embeds: this checkout's web/dist when it has one (the rehearsal reads no page;
    /// building them again would cost an npm install), else a placeholder page, so the build needs no Node.js.
    /// </summary>
    private static void CopyWebPages(string root, string folder)
    {
        var dist = Path.Combine(folder, "web", "dist");
        Directory.CreateDirectory(dist);
        var ours = Path.Combine(root, "web", "dist");
        if (File.Exists(Path.Combine(ours, "index.html")))
        {
            foreach (var file in Directory.EnumerateFiles(ours, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(dist, Path.GetRelativePath(ours, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
        else
        {
            File.WriteAllText(Path.Combine(dist, "index.html"), "<!doctype html><title>SROI</title><p>Rolling-upgrade rehearsal build: no web pages.</p>\n");
        }
    }

    private static async Task<FileStream> LockAsync(string path)
    {
        var until = DateTime.UtcNow + BuildTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < until)
            {
                await Task.Delay(1000);
            }
        }
    }

    private static Task<(int Exit, string Output)> GitAsync(string root, params string[] arguments) =>
        ExecAsync(root, TimeSpan.FromMinutes(1), "git", arguments);

    private static async Task RunAsync(string folder, TimeSpan timeout, string program, params string[] arguments)
    {
        var (exit, output) = await ExecAsync(folder, timeout, program, arguments);
        if (exit != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} (in {folder}) exited with {exit}:\n" +
                string.Join('\n', output.Split('\n').TakeLast(40)));
    }

    private static async Task<(int Exit, string Output)> ExecAsync(string folder, TimeSpan timeout, string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The test host runs under `dotnet test`, whose MSBuild settings in the environment would steer a nested build.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) output.Enqueue(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) output.Enqueue(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not end within {timeout}:\n{string.Join('\n', output.TakeLast(40))}");
        }
        process.WaitForExit(); // the output's last lines
        return (process.ExitCode, string.Join('\n', output));
    }
}
