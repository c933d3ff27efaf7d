using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using JasperFx.CommandLine;
using Sroi.Ledger.Api.Auditing.Verification;
using Sroi.Ledger.Api.CommandLine;
using Sroi.Ledger.Api.Exports;
using Sroi.Ledger.LocalPostgres;
using Sroi.Ledger.Api.Database;

namespace Sroi.Ledger.Api.Tests.CommandLine;

/// <summary>
/// The built service binary run as an operator runs it, with nothing set around it (no database, no key, no environment:
/// Production): help needs nothing, no command harms a local PostgreSQL that a service is using, stdout carries the answer
/// only, and every short option means one thing.
/// </summary>
public partial class CommandLineSafetyTests
{
    private static readonly IReadOnlyDictionary<string, string> Nothing = new Dictionary<string, string>();

    [Theory]
    [InlineData("--help")]
    [InlineData("help")]
    [InlineData("-h")]
    public async Task Help_needs_no_database_no_key_and_no_environment(string flag)
    {
        using var folder = new TempFolder();

        var run = await RunAsync(folder.Path, Nothing, flag);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().Contain("usage: dotnet Sroi.Ledger.Api.dll <command>");
        foreach (var command in LedgerCommandLine.Commands.Keys)
            run.Stdout.Should().Contain($"  {command} ");
        run.Stderr.Should().BeEmpty();
        Directory.EnumerateFileSystemEntries(folder.Path).Should().BeEmpty("help starts no cluster and writes no key");
    }

    [Fact]
    public async Task Every_command_has_its_own_help_without_a_database()
    {
        using var folder = new TempFolder();
        foreach (var command in LedgerCommandLine.Commands.Keys)
        {
            var asked = await RunAsync(folder.Path, Nothing, command, "--help");
            asked.ExitCode.Should().Be(0, asked.ToString());
            asked.Stdout.Should().StartWith($"{command}: ").And.Contain("usage: ");
            var viaHelp = await RunAsync(folder.Path, Nothing, "help", command);
            viaHelp.Stdout.Should().Be(asked.Stdout);
        }
        Directory.EnumerateFileSystemEntries(folder.Path).Should().BeEmpty();
        var unknown = await RunAsync(folder.Path, Nothing, "frobnicate");
        (unknown.ExitCode, unknown.Stderr.Contains("'frobnicate' is not a command")).Should().Be((2, true), unknown.ToString());
    }

    [Fact]
    public async Task No_short_option_means_two_things()
    {
        // The help's own lists: "--long, -x" and "--long|-x" pairs, over every command.
        var pairs = LedgerCommandLine.Commands.Keys.Append("").SelectMany(command =>
        {
            using var stdout = new StringWriter();
            (command.Length == 0 ? LedgerCommandLine.AnswerWithoutHost(["--help"], stdout, TextWriter.Null)
                : LedgerCommandLine.AnswerWithoutHost([command, "--help"], stdout, TextWriter.Null)).Should().Be(0);
            return ShortOption().Matches(stdout.ToString()).Select(m => (Long: m.Groups[1].Value, Short: m.Groups[2].Value));
        }).Distinct().ToList();
        pairs.Should().NotBeEmpty();
        pairs.GroupBy(p => p.Short).Where(g => g.Select(p => p.Long).Distinct().Count() > 1).Should().BeEmpty();

        // The flags as the engine parses them: the ledger's own short forms, none of them one the engine's base input uses.
        var engineShorts = new[] { 'a', 'c', 'e', 'l', 'v' };
        foreach (var input in new[] { typeof(ExportInput), typeof(VerifyInput) })
        {
            var shorts = input.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(p => p.Name.EndsWith("Flag", StringComparison.Ordinal))
                .Select(p => p.GetCustomAttribute<FlagAliasAttribute>().Should().NotBeNull($"{input.Name}.{p.Name} names its aliases").And.Subject)
                .Select(a => (char?)a.GetType().GetProperty("OneLetterAlias")!.GetValue(a))
                .OfType<char>().ToList();
            shorts.Should().OnlyHaveUniqueItems().And.NotContain(engineShorts);
        }

        using var folder = new TempFolder();
        var ambiguous = await RunAsync(folder.Path, Nothing, "verify", "-v");
        (ambiguous.ExitCode, ambiguous.Stderr.Contains("-v is ambiguous")).Should().Be((2, true), ambiguous.ToString());
    }

    [Fact]
    public async Task Without_a_database_configured_or_running_a_command_says_so_and_starts_none()
    {
        using var folder = new TempFolder();

        var run = await RunAsync(folder.Path, Nothing, "verify");

        run.ExitCode.Should().Be(1, run.ToString());
        run.Stderr.Should().Contain("no local PostgreSQL is running in").And.Contain("ops/postgres-up").And.NotContain("Unhandled exception");
        run.Stdout.Should().BeEmpty();
        Directory.Exists(Path.Combine(folder.Path, ".local", "postgres")).Should().BeFalse("a command starts no cluster");
    }

    /// <summary>
    /// <c>reports-apart</c>'s refusals come before any host is built or database looked for (session 42's attack: they came
    /// after the schema had been prepared as the owner, so "Nothing was changed" was not true, and without a database the
    /// refusal never showed). They read the arguments as the engine does, an option before the action included; a missing
    /// action is the engine's "not understood" (exit code 2, below).
    /// </summary>
    [Fact]
    public async Task Reports_apart_refuses_bad_arguments_before_it_looks_for_a_database()
    {
        using var folder = new TempFolder();
        (string[] Args, string Says)[] lines =
                 [
                     (["reports-apart", "on"], "Nothing was changed"),
                     (["reports-apart", "--log-level", "Warning", "on"], "Nothing was changed"),
                     (["reports-apart", "off"], "'off' is not an action of reports-apart"),
                     (["reports-apart", "status", "--every-node-upgraded"], "belongs to on"),
                     (["reports-apart", "--every-node-upgraded", "status"], "belongs to on"),
                 ];
        await ShouldBeRefusedBeforeADatabaseAsync(folder, lines);
    }

    /// <summary>
    /// Session 43's attack: an empty municipality (<c>-m ""</c>, <c>--municipality=</c>) verified every municipality and said
    /// ok, and a code that is none was refused only after the schema's preparation. Now both are refused before a database is
    /// looked for, exit code 1, nothing on stdout.
    /// </summary>
    [Fact]
    public async Task Verify_refuses_an_empty_or_malformed_municipality_before_it_looks_for_a_database()
    {
        using var folder = new TempFolder();
        (string[] Args, string Says)[] lines =
                 [
                     (["verify", "-m", ""], "--municipality needs a CBS municipality code"),
                     (["verify", "--municipality="], "--municipality needs a CBS municipality code"),
                     (["verify", "--municipality", "GM06"], "'GM06' is not a CBS municipality code"),
                     (["verify", "--log-level", "Warning", "-m", "0603"], "'0603' is not a CBS municipality code"),
                 ];
        await ShouldBeRefusedBeforeADatabaseAsync(folder, lines, alsoSays: "Nothing was verified");
    }

    /// <summary>
    /// Session 43's attack: <c>import nosuchkind f</c> opened the database and prepared its schema before it said the kind is
    /// none. An import's own refusals (kind, municipality, file, refused rows over the sheet) now come before a database is
    /// looked for, exit code 1, nothing on stdout.
    /// </summary>
    [Fact]
    public async Task Import_refuses_bad_arguments_before_it_looks_for_a_database()
    {
        using var folder = new TempFolder();
        var sheet = Path.Combine(folder.Path, "sheet.csv");
        await File.WriteAllTextAsync(sheet, "Gemeente\n");
        (string[] Args, string Says)[] lines =
                 [
                     (["import", "nosuchkind", sheet], "kind: one of"),
                     (["import", "contracts", Path.Combine(folder.Path, "missing.csv")], "does not exist"),
                     (["import", "contracts", sheet, "-m", ""], "--municipality needs a CBS municipality code"),
                     (["import", "contracts", sheet, "--municipality", "GM06"], "Expected a CBS municipality code"),
                     (["import", "contracts", sheet, "--refused", sheet], "is the sheet itself"),
                 ];
        await ShouldBeRefusedBeforeADatabaseAsync(folder, lines);
    }

    /// <summary>
    /// Each command line refused by its command's own check: exit code 1, the reason (and <paramref name="alsoSays"/>) on
    /// stderr, nothing on stdout, and no database looked for or made.
    /// </summary>
    private static async Task ShouldBeRefusedBeforeADatabaseAsync(TempFolder folder, (string[] Args, string Says)[] lines, string? alsoSays = null)
    {
        foreach (var (args, says) in lines)
        {
            var run = await RunAsync(folder.Path, Nothing, args);
            run.ExitCode.Should().Be(1, run.ToString());
            run.Stderr.Should().Contain(says).And.Contain(alsoSays ?? says).And.NotContain("PostgreSQL", "refused before a database is looked for: " + run);
            run.Stdout.Should().BeEmpty();
        }
        Directory.Exists(Path.Combine(folder.Path, ".local")).Should().BeFalse("nothing was looked for or made");
    }

    /// <summary>
    /// What the engine (JasperFx) cannot read is not understood: exit code 2 as the help promises, why and the command's
    /// usage on stderr, nothing on stdout (where export's CSV goes), before any host is built or database looked for. The
    /// engine itself answered these after both, with "Invalid usage" or "Error parsing input", exit code 1 and a blank line
    /// on stdout; and it ran the whole service when a command line held <c>--urls</c>.
    /// </summary>
    [Theory]
    [InlineData("verify extra", "Unknown argument or flag for value extra")]
    [InlineData("verify --no-such-option", "Unknown argument or flag for value --no-such-option")]
    [InlineData("verify --municipality", "No value specified for flag --municipality")]
    [InlineData("verify -m", "No value specified for flag -m")]
    [InlineData("verify --log-level nonsense", "--log-level nonsense: ")]
    [InlineData("verify --env-variable NO_VALUE", "must be in the form KEY=VALUE")]
    [InlineData("export", "it takes <what> <name>")]
    [InlineData("export history --municipality GM0603", "it takes <what> <name>")]
    [InlineData("export history all extra --municipality GM0603", "Unknown argument or flag for value extra")]
    [InlineData("export report placements -m GM0603 --no-such-option 2021", "Unknown argument or flag for value --no-such-option")]
    [InlineData("import contracts", "it takes <kind> <file>")]
    [InlineData("import contracts sheet.csv --dry-run yes", "Unknown argument or flag for value yes")]
    [InlineData("reports-apart", "it takes <action>")]
    [InlineData("reports-apart status extra", "Unknown argument or flag for value extra")]
    [InlineData("reports-apart --log-level debug status", "--log-level debug: ")]
    [InlineData("codegen bogus", "bogus: ")]
    [InlineData("codegen preview --urls http://127.0.0.1:9", "Unknown argument or flag for value --urls")]
    [InlineData("db-patch", "it takes <filename>")]
    [InlineData("db-apply extra", "Unknown argument or flag for value extra")]
    [InlineData("projections --no-such-option", "Unknown argument or flag for value --no-such-option")]
    public async Task Arguments_the_engine_cannot_read_are_not_understood_with_exit_code_2_and_nothing_on_stdout(string commandLine, string why)
    {
        using var folder = new TempFolder();
        var args = commandLine.Split(' ');

        var run = await RunAsync(folder.Path, Nothing, args);

        run.ExitCode.Should().Be(LedgerCommandLine.UsageError, run.ToString());
        run.Stdout.Should().BeEmpty("stdout carries a command's answer only: " + run);
        run.Stderr.Should().StartWith($"{args[0]}: not understood: ").And.Contain(why)
            .And.Contain($"{args[0]}: {LedgerCommandLine.Commands[args[0]].Split('\n')[0]}").And.Contain("usage: ")
            .And.NotContain("PostgreSQL", "not understood before a database is looked for");
        Directory.EnumerateFileSystemEntries(folder.Path).Should().BeEmpty("nothing was looked for or made");
    }

    /// <summary>
    /// Session 43's attack: an option written before a command's name started the service (the first argument is no word)
    /// and dropped the command: `-e Production verify` in a cron job ran a second node instead of a check.
    /// </summary>
    [Theory]
    [InlineData("-e Production verify", "verify")]
    [InlineData("--environment=Development verify", "verify")]
    [InlineData("-- export history all", "export")]
    [InlineData("/verify verify", "verify")]
    public async Task An_option_before_a_commands_name_is_not_understood_and_starts_no_service(string commandLine, string command)
    {
        using var folder = new TempFolder();

        var run = await RunAsync(folder.Path, Nothing, commandLine.Split(' '));

        run.ExitCode.Should().Be(LedgerCommandLine.UsageError, run.ToString());
        run.Stdout.Should().BeEmpty(run.ToString());
        run.Stderr.Should().StartWith($"{command} must come first: options follow the command's name").And.NotContain("PostgreSQL");
        Directory.EnumerateFileSystemEntries(folder.Path).Should().BeEmpty("nothing was looked for or made");
    }

    /// <summary>Every command of the help is one the engine knows and reads (an unknown option is its "not understood").</summary>
    [Fact]
    public async Task Every_command_of_the_help_is_read_by_the_engine()
    {
        using var folder = new TempFolder();
        foreach (var command in LedgerCommandLine.Commands.Keys)
        {
            var run = await RunAsync(folder.Path, Nothing, command, "--no-such-option");
            run.ExitCode.Should().Be(LedgerCommandLine.UsageError, run.ToString());
            run.Stderr.Should().StartWith($"{command}: not understood: Unknown argument or flag for value --no-such-option", run.ToString());
            run.Stdout.Should().BeEmpty();
        }
    }

    [Fact]
    public async Task The_service_without_SROI_DATABASE_says_so_in_one_line_and_starts_no_cluster()
    {
        using var folder = new TempFolder();
        var development = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["SROI_LOCAL_DATA"] = Path.Combine(folder.Path, "local") };

        var run = await RunAsync(folder.Path, development);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Stderr.TrimEnd().Should().Be(LedgerDatabase.NotConfiguredMessage, "one line, no stack trace");
        run.Stderr.Should().Contain("SROI_DATABASE").And.Contain("ops/run");
        run.Stdout.Should().BeEmpty();
        Directory.EnumerateFileSystemEntries(folder.Path).Should().BeEmpty("the service starts no cluster and makes no key");
    }

    [Fact]
    public async Task A_stopped_local_cluster_is_said_so_and_not_started()
    {
        using var folder = new TempFolder();
        var data = Path.Combine(folder.Path, "local");
        var (cluster, _) = await LocalLedgerDatabase.UpAsync(data, LocalPostgresCluster.FreePort(), durable: false);
        await cluster.StopAsync();

        var run = await RunAsync(folder.Path, new Dictionary<string, string> { ["SROI_LOCAL_DATA"] = data }, "verify");

        run.ExitCode.Should().Be(1, run.ToString());
        run.Stderr.Should().Contain($"no local PostgreSQL is running in {cluster.DataDirectory}: nothing answers on 127.0.0.1:{cluster.Port}")
            .And.Contain("ops/run").And.NotContain("Unhandled exception");
        run.Stdout.Should().BeEmpty();
        File.Exists(Path.Combine(cluster.DataDirectory, "postmaster.pid")).Should().BeFalse("a command starts no cluster");
    }

    [Fact]
    public async Task Commands_join_a_running_local_cluster_and_leave_it_running_on_the_same_port_and_pid()
    {
        using var folder = new TempFolder();
        var data = Path.Combine(folder.Path, "local");
        // As ops/run starts it (src/Sroi.Ledger.LocalPostgres up), which writes the connection strings the commands read.
        var (cluster, _) = await LocalLedgerDatabase.UpAsync(data, LocalPostgresCluster.FreePort(), durable: false);
        try
        {
            await cluster.StopWhenProcessExitsAsync();
            var before = Postmaster(cluster.DataDirectory);
            var local = new Dictionary<string, string> { ["SROI_LOCAL_DATA"] = data };

            // Production (nothing set): the schema, then an export; Development: verify, and an export with no key in it.
            var apply = await RunAsync(folder.Path, local, "db-apply");
            apply.ExitCode.Should().Be(0, apply.ToString());
            apply.Stderr.Should().Contain($"Using the local PostgreSQL of ops/run on 127.0.0.1:{before.Port}/sroi_ledger (from {Path.Combine(data, "database.env")})");
            var development = new Dictionary<string, string>(local) { ["DOTNET_ENVIRONMENT"] = "Development" };
            var verify = await RunAsync(folder.Path, development, "verify");
            verify.ExitCode.Should().Be(0, verify.ToString());
            verify.Stdout.Should().MatchRegex(@"^ok: \d+ streams, \d+ events verified\s*$", "stdout holds verify's answer only");
            // A command seeds nothing (the service's start does), so the municipality has no stream yet: its export is the header.
            var export = await RunAsync(folder.Path, development, "export", "history", "all", "--municipality", "GM0603");
            export.ExitCode.Should().Be(0, export.ToString());
            export.Stdout.TrimStart('\uFEFF').Should().StartWith("stroom;versie;").And.NotContain("info:", "stdout holds the CSV only");
            export.Stdout.Trim().Split('\n').Should().HaveCount(1, "no stream: the header alone");
            (export.Stdout + export.Stderr).Should().NotContain("sroi_admin_").And.NotContain("admin key");
            File.Exists(Path.Combine(data, "admin-key")).Should().BeFalse("a command makes no development admin key");
            var rebuild = await RunAsync(folder.Path, development, "projections", "rebuild");
            rebuild.ExitCode.Should().Be(0, rebuild.ToString());
            rebuild.Stdout.Should().BeEmpty("projections answers nothing on stdout; the engine's messages go to stderr");
            rebuild.Stderr.Should().Contain("Starting to rebuild projections"); // over an empty event store: "… is empty, aborting"

            var after = Postmaster(cluster.DataDirectory);
            after.Should().Be(before, "the cluster runs on, as it was: same postmaster, same port");
            using var postmaster = Process.GetProcessById(after.Pid);
            postmaster.HasExited.Should().BeFalse();
        }
        finally
        {
            await cluster.StopAsync();
        }
    }

    private static (int Pid, int Port) Postmaster(string dataDirectory)
    {
        var lines = File.ReadAllLines(Path.Combine(dataDirectory, "postmaster.pid"));
        return (int.Parse(lines[0].Trim(), CultureInfo.InvariantCulture), int.Parse(lines[3].Trim(), CultureInfo.InvariantCulture));
    }

    /// <summary>The built binary, in <paramref name="workingDirectory"/>, with only PATH and HOME and <paramref name="settings"/>.</summary>
    private static async Task<Run> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory,
        };
        start.Environment.Clear();
        foreach (var keep in new[] { "PATH", "HOME", "DOTNET_ROOT", "SROI_PG_BIN" })
            if (Environment.GetEnvironmentVariable(keep) is { } value) start.Environment[keep] = value;
        foreach (var (name, value) in settings) start.Environment[name] = value;
        start.ArgumentList.Add(ServiceBinary.Dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Run(process.ExitCode, await stdout, await stderr);
    }

    private sealed record Run(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sroi-cli-" + Guid.NewGuid().ToString("N")[..12])).FullName;

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); }
            catch (IOException) { /* best effort */ }
            catch (UnauthorizedAccessException) { /* best effort */ }
        }
    }

    [GeneratedRegex(@"(--[a-z][a-z-]*)(?:,\s*|\|)(-[a-zA-Z])\b")]
    private static partial Regex ShortOption();
}
