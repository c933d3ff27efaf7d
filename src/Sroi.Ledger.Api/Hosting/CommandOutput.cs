using Spectre.Console;

namespace Sroi.Ledger.Api.Hosting;

/// <summary>
/// A command's stdout carries its answer only (export's CSV can be piped, verify's lines read), so everything else a
/// command would print there — logs, the engine's "Searching … for commands", its progress and messages — goes to stderr.
/// </summary>
public static class CommandOutput
{
    public static void ToStandardError(ILoggingBuilder logging)
    {
        logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
    }
}
