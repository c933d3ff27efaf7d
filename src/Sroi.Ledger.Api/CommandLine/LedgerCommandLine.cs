namespace Sroi.Ledger.Api.CommandLine;

/// <summary>
/// What the service binary does with its arguments before any host, database or key exists. Help (<c>help</c>,
/// <c>--help</c>, <c>&lt;command&gt; --help</c>) is answered here, on stdout, in any environment and without a database:
/// the engine's own help needed a built host, and the host resolved the database first, which started (or moved) the
/// local cluster and, in Production, died on the missing checkpoint key. An unknown command, an option that the
/// engine reads two ways and arguments that the engine cannot read (<see cref="EngineCommandLine"/>, the engine's own
/// parser) are refused here too (exit code 2, on stderr), before anything is touched; so is a command's own refusal of
/// its input (exit code 1).
/// </summary>
public static class LedgerCommandLine
{
    /// <summary>
    /// Exit code of a command line that cannot be understood: an unknown command, an ambiguous option, or arguments the
    /// engine cannot read (an extra or missing argument, an unknown flag, a flag without its value, a value of the wrong type).
    /// </summary>
    public const int UsageError = 2;

    private static readonly string[] HelpFlags = ["--help", "-h", "-?", "/?"];

    /// <summary>
    /// The engine (JasperFx) declares <c>-v</c> for both <c>--verbose</c> and <c>--env-variable</c> on every command, and
    /// that cannot be changed from here: the short form is refused, the long ones work.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> AmbiguousShortOptions = new Dictionary<string, string>
    {
        ["-v"] = "--verbose or --env-variable",
    };

    /// <summary>The commands the binary runs, each with its usage (the first line is the summary in the overview).</summary>
    public static readonly IReadOnlyDictionary<string, string> Commands = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["verify"] = """
            Verify the ledger: every stream's hash chain, signed commit heads, version and document, held to the newest
            signed checkpoint (or to a kept copy of one).
            usage: verify [--municipality|-m GM0603] [--against checkpoint.json]
              --municipality, -m   only this municipality's streams (CBS code); all of them without it
              --against            hold the ledger to this checkpoint copy (as served, or a checkpoint.signed notification)
            stdout: one tab-separated line per discrepancy (stream, municipality, version, code, detail), then
            "ok: N streams, M events verified" or "NOT ok: ...". Exit code 0 when the ledger verifies, 1 otherwise.
            Needs the checkpoint key (SROI_CHECKPOINT_KEY_FILE; outside Production .local/checkpoint-key.pem).
            """,
        ["export"] = """
            Export a stream's history, every stream of a municipality, or a report, as CSV.
            usage: export history <stream>|all --municipality|-m GM0603 [--as-known-on <instant>] [--out|-o file.csv]
                   export report placements|sroi-placements|trede-distribution|trede-flow --municipality|-m GM0603
                          [--year|-y 2021 | --from|-f 2015 --to|-t 2026 | --as-of 2021-12-31] [--as-known-on <instant>] [--out|-o file.csv]
              --municipality, -m   the municipality (CBS code); required
              --as-known-on        as the ledger knew it at this instant (ISO-8601 with Z); no short form
              --as-of              trede-distribution: the date (yyyy-MM-dd); no short form
              --year, -y           placements, sroi-placements, trede-flow: the year
              --from, -f / --to, -t  placements: a range of years
              --out, -o            write the CSV to this file instead of stdout
            stdout: the CSV only, byte for byte the HTTP answer. Exit code 1 on bad input or a stream that does not exist.
            """,
        ["import"] = """
            Import a sheet of contracts, fulfilments, candidates or placements (.xlsx or .csv, docs/import-template.md).
            usage: import contracts|fulfilments|candidates|placements <file.xlsx|file.csv> [--municipality|-m GM0603]
                          [--dry-run] [--refused file.csv]
              --municipality, -m   the CBS code of every row; without it each row names its own in the column Gemeente
              --dry-run            validate every row with the API's rules on the ledger as it is; write nothing
              --refused            write the refused rows' errors to this CSV (default: <file>.geweigerd.csv beside the sheet)
            Each row goes through the endpoint of its kind (its validation, its rules, the ledger's write path) with the reason
            "import <file> row N" and an idempotency key per row (kind, municipality, the row's content): a re-run adds nothing.
            stderr: a line per 1,000 rows. stdout: the counts (read, valid, written, already there, refused).
            Exit code 0 when every row is valid, 1 when a row or the file is refused. Needs the checkpoint key, as the service.
            """,
        ["reports-apart"] = """
            Show or turn on the switch that writes contract documents without their report list (issue 23, stage 3).
            usage: reports-apart status
                   reports-apart on --every-node-upgraded
              status                 stdout: "reports-apart: on" or "reports-apart: off"
              on                     turns the switch on for the whole database, once (a second time changes nothing);
                                     each contract's next write then stores its document without its report list
              --every-node-upgraded  on: your word that every node runs this build and none of the previous release will
                                     start again (the database cannot tell); without it nothing is changed, exit code 1
            There is no `off`: the switch is one way (README, "Upgrading one node at a time").
            """,
        ["projections"] = """
            Marten's projection commands; `projections rebuild` rebuilds every read model from the event log.
            usage: projections rebuild   (Marten's command, with its own options and progress on stderr)
            Rebuild in a maintenance window: the read models are rewritten while it runs.
            """,
        ["db-apply"] = """
            Apply Marten's schema to the database (the service also applies it, and the ledger's own scripts, at start).
            usage: db-apply
            """,
        ["db-assert"] = """
            Check that the database's schema matches Marten's configuration; exit code 1 when it does not.
            usage: db-assert
            """,
        ["db-patch"] = """
            Write the SQL that would bring the database's schema up to Marten's configuration to a file.
            usage: db-patch <file>
            """,
        ["db-dump"] = """
            Write Marten's DDL to a file.
            usage: db-dump <file>
            """,
        ["codegen"] = """
            Write (or preview) the Wolverine endpoints' generated code; needs no database (ops/codegen runs `codegen write`).
            usage: codegen preview|write|test|delete
            """,
        ["describe"] = """
            Describe the configured application (Marten, Wolverine, the endpoints) on stderr.
            usage: describe
            """,
    };

    /// <summary>Whether the arguments name a command (a first argument that is a word) rather than start the service.</summary>
    public static bool IsCommand(string[] args) => args is [var first, ..] && !first.StartsWith('-') && !first.StartsWith('/');

    /// <summary>Whether the command needs no database at all.</summary>
    public static bool NeedsNoDatabase(string[] args) => args is ["codegen", ..];

    /// <summary>
    /// The commands that prepare no schema: <c>codegen</c> needs no database, and <c>reports-apart</c> reads and writes only
    /// its switch's row (an operator runs it around an upgrade: its <c>status</c> must not upgrade the schema while nodes of
    /// the previous release still run).
    /// </summary>
    private static readonly HashSet<string> WithoutSchemaPreparation = ["codegen", "reports-apart"];

    /// <summary>Whether the service or the command prepares the database's schema first (as the owner, when it is not in place).</summary>
    public static bool PreparesSchema(string[] args) => !IsCommand(args) || !WithoutSchemaPreparation.Contains(args[0]);

    /// <summary>
    /// A command's own check of its input (as the engine read it from the arguments), run before any host is built or
    /// database touched, so a refusal changes nothing: the reason it refuses them, or null.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, Func<object, string?>> ArgumentChecks =
        new Dictionary<string, Func<object, string?>>(StringComparer.Ordinal)
        {
            ["reports-apart"] = input => Contracts.ReportsApart.ReportsApartCommand.Refusal((Contracts.ReportsApart.ReportsApartInput)input),
            ["verify"] = input => Auditing.Verification.VerifyCommand.Refusal((Auditing.Verification.VerifyInput)input),
            ["import"] = input => Importing.ImportCommand.Refusal((Importing.ImportInput)input),
        };

    /// <summary>
    /// The exit code when the arguments were answered here (help) or refused (unknown command, ambiguous option, arguments
    /// the engine cannot read, a command's own refusal); null when they start the service or run a command.
    /// </summary>
    public static int? AnswerWithoutHost(string[] args, TextWriter stdout, TextWriter stderr) => AnswerWithoutHost(args, stdout, stderr, out _);

    /// <inheritdoc cref="AnswerWithoutHost(string[], TextWriter, TextWriter)"/>
    /// <param name="input">The command's input as the engine read it, when a command is to run; otherwise null.</param>
    public static int? AnswerWithoutHost(string[] args, TextWriter stdout, TextWriter stderr, out object? input)
    {
        input = null;
        if (args is ["help", ..] || args is [var flag, ..] && HelpFlags.Contains(flag))
            return args.Length > 1 ? CommandHelp(args[1], stdout, stderr) : Overview(stdout);
        if (!IsCommand(args))
        {
            // The service, with options such as --urls; but an option written before a command's name (-e Production verify)
            // would start the service and drop the command (session 43's attack: a second node where a check was meant).
            if (args.FirstOrDefault(Commands.ContainsKey) is { } named)
            {
                stderr.WriteLine($"{named} must come first: options follow the command's name ({named} {string.Join(" ", args.Where(a => a != named))}).");
                return UsageError;
            }
            return null;
        }
        if (!Commands.ContainsKey(args[0]))
        {
            stderr.WriteLine($"'{args[0]}' is not a command of this binary. `help` lists them.");
            return UsageError;
        }
        if (args.Any(arg => HelpFlags.Contains(arg)))
            return CommandHelp(args[0], stdout, stderr);
        foreach (var arg in args)
            if (AmbiguousShortOptions.TryGetValue(arg, out var meanings))
            {
                stderr.WriteLine($"{arg} is ambiguous here (the engine reads it as {meanings}): write the long form.");
                return UsageError;
            }
        // The engine's own reading, before the host: an extra or missing argument, an unknown flag, a flag without its
        // value, a value its type cannot take. The engine would answer them after the host (and the database, and the
        // schema's preparation) with exit code 1 and a blank line on stdout.
        var reading = EngineCommandLine.Read(args);
        if (reading.NotUnderstood is { } why)
        {
            stderr.WriteLine($"{args[0]}: not understood: {why}");
            stderr.WriteLine();
            stderr.WriteLine($"{args[0]}: {Commands[args[0]]}");
            return UsageError;
        }
        if (ArgumentChecks.TryGetValue(args[0], out var check) && check(reading.Input!) is { } refusal)
        {
            stderr.WriteLine(refusal);
            return 1;
        }
        input = reading.Input;
        return null;
    }

    /// <summary>
    /// The host's options for <paramref name="args"/>: for a command, the environment, content root and application name
    /// its input names (<c>--environment|-e</c>, <c>--contentroot|-c</c>, <c>--applicationname|-a</c>). The engine applies
    /// these to a host it builds itself, not to this binary's, built before it runs (of <c>-e</c> it only noted that it could
    /// not, and the command ran in the environment of the variables); ASP.NET's own reading of the arguments saw the long
    /// forms but not the short ones.
    /// </summary>
    public static WebApplicationOptions HostOptions(string[] args, object? commandInput) => commandInput is JasperFx.CommandLine.NetCoreInput input
        ? new()
        {
            Args = args, EnvironmentName = Named(input.EnvironmentFlag), ContentRootPath = Named(input.ContentRootFlag),
            ApplicationName = Named(input.ApplicationNameFlag),
        }
        : new() { Args = args };

    private static string? Named(string? option) => string.IsNullOrEmpty(option) ? null : option;

    private static int Overview(TextWriter stdout)
    {
        stdout.WriteLine("""
            Sroi.Ledger.Api: without arguments (or with options only, such as --urls) it runs the service; with a command
            as its first argument it runs that command and exits.

            usage: dotnet Sroi.Ledger.Api.dll <command> [arguments] [options]
                   dotnet Sroi.Ledger.Api.dll help <command>     (or <command> --help)

            commands:
            """);
        foreach (var (name, usage) in Commands)
            stdout.WriteLine($"  {name,-14} {usage.Split('\n')[0]}");
        stdout.WriteLine(Common);
        return 0;
    }

    private static int CommandHelp(string command, TextWriter stdout, TextWriter stderr)
    {
        if (!Commands.TryGetValue(command, out var usage))
        {
            stderr.WriteLine($"'{command}' is not a command of this binary. `help` lists them.");
            return UsageError;
        }
        stdout.WriteLine($"{command}: {usage}");
        stdout.WriteLine(Common);
        return 0;
    }

    private const string Common = """

        database: SROI_DATABASE (and SROI_DATABASE_OWNER) when set. Otherwise the local PostgreSQL that ops/run runs, through
          the connection strings it writes to $SROI_LOCAL_DATA/database.env (default ./.local/database.env); stderr says
          which. A command never starts, stops or moves a cluster: when none is configured and none answers it says so and
          exits with 1. help and codegen need no database.
        output: stdout carries only the command's answer (export's CSV, verify's lines); logs, progress and the engine's
          messages go to stderr; no key is printed.
        options of every command (the engine's), after the command's name, before, between or after its arguments: --environment|-e <name>,
          --contentroot|-c <dir>, --applicationname|-a <name>, --env-variable <KEY=VALUE> (set before the configuration is
          read). Accepted but changing nothing (the engine applies them only to a host it builds itself; set
          Logging__LogLevel__Default or the variable instead): --verbose, --config:<key> <value>,
          --log-level|-l Trace|Debug|Information|Warning|Error|Critical|None (spelled so; codegen's -l is its --language).
          -v is refused (the engine reads it as both --verbose and --env-variable).
        environment: --environment|-e <name>, else ASPNETCORE_ENVIRONMENT or DOTNET_ENVIRONMENT (Production when none is
          set); every command runs in any of them.
        exit codes: 0 done, 1 failed (bad input, a discrepancy, no database), 2 not understood (unknown command, -v, an
          extra or missing argument, an unknown option, an option without its value or with one of the wrong type; said
          on stderr with the command's usage, nothing on stdout).
        """;
}
