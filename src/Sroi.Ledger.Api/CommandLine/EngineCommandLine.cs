using JasperFx.CommandLine;
using JasperFx.CommandLine.Commands;
using JasperFx.CommandLine.Parsing;
using Spectre.Console;

namespace Sroi.Ledger.Api.CommandLine;

/// <summary>What the engine made of a command line: the command's input as it will run, or why it is not understood.</summary>
public sealed record EngineReading(object? Input, string? NotUnderstood);

/// <summary>
/// The engine's (JasperFx's) own reading of a command line, done before any host is built: the same command factory
/// (its built-in commands, this assembly's, and those of the extension assemblies: Marten, Wolverine, …), the same
/// preprocessing of the arguments and the same parser (the command's <c>UsageGraph.BuildInput</c>) that
/// <c>RunJasperFxCommands</c> uses after the host is built. There is no second parser here that could drift from the
/// engine's: what the engine would answer with "Invalid usage" or "Error parsing input" (and then exit code 1, a blank line
/// on stdout and a help tree, after the host, the database and the schema preparation) is found before anything is touched.
/// </summary>
public static class EngineCommandLine
{
    /// <summary>
    /// Reads <paramref name="args"/> (a command and its arguments) as the engine will. A command the engine does not
    /// know is not understood either. The input's setters run, as they will again in the engine: <c>--env-variable</c>
    /// sets its variable here, before the host reads its configuration.
    /// </summary>
    public static EngineReading Read(IReadOnlyList<string> args)
    {
        var factory = Factory();
        // As CommandFactory.BuildRun: "-abc" is "-a -b -c", "--flag=value" is "--flag value"; the command name is case-blind.
        var processed = ArgPreprocessor.Process(args).ToList();
        var tokens = new Queue<string>(processed);
        var name = tokens.Dequeue().ToLowerInvariant();
        if (!factory.AllCommandTypes().Any(type => CommandFactory.CommandNameFor(type) == name))
            return new(null, $"'{name}' is not a command the engine knows.");
        var command = factory.Build(name);
        try
        {
            return new(command.Usages.BuildInput(tokens, new ActivatorCommandCreator()), null);
        }
        catch (InvalidUsageException e) when (e.Message.Length > 0)
        {
            return new(null, e.Message); // an unknown argument or flag (an extra argument), a flag without its value
        }
        catch (InvalidUsageException)
        {
            // The engine says no more than "Invalid usage": the arguments given fit none of the command's usages.
            var usages = command.Usages.Usages.Select(usage => string.Join(" ", usage.Arguments.Select(a => $"<{a.MemberName.ToLowerInvariant()}>")))
                .Select(arguments => arguments.Length == 0 ? "no arguments" : arguments).Distinct();
            return new(null, $"the arguments fit none of its usages: it takes {string.Join(", or ", usages)} (and options).");
        }
        catch (Exception e)
        {
            // A value the flag's or argument's type cannot take (an enum's name, as written; a number), or one its setter
            // refuses. The handler took the value (and its flag) off the queue before converting it: name them.
            var taken = processed.Skip(1).Take(processed.Count - 1 - tokens.Count).TakeLast(2).ToList();
            if (taken.Count == 2 && !InputParser.IsFlag(taken[0])) taken.RemoveAt(0);
            return new(null, $"{string.Join(" ", taken)}: {(e.InnerException ?? e).Message}");
        }
    }

    private static CommandFactory Factory()
    {
        var factory = new CommandFactory();
        // The order of the engine's own factory (CommandLineHostingExtensions.ApplyFactoryDefaults), the application being
        // the assembly the engine takes as the entry one when it runs in this binary.
        factory.RegisterCommands(typeof(RunCommand).Assembly);
        factory.RegisterCommands(typeof(EngineCommandLine).Assembly);
        // It says "Searching '…' for commands" for each assembly on the console: that is the engine's to say, later, on stderr.
        var console = AnsiConsole.Console;
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
        try
        {
            factory.RegisterCommandsFromExtensionAssemblies();
        }
        finally
        {
            AnsiConsole.Console = console;
        }
        return factory;
    }
}
