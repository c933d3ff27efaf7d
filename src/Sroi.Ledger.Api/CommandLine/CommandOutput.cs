using Spectre.Console;

namespace Sroi.Ledger.Api.CommandLine;

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

    /// <summary>
    /// A command that answers nothing on stdout (<c>projections</c>) gets stderr as its stdout: Marten's projection command
    /// writes "Press CTRL + C to quit" with Console.WriteLine, past the console above.
    /// </summary>
    public static void SilenceStandardOutput(string[] args)
    {
        if (args.Length > 0 && args[0] == "projections") Console.SetOut(Console.Error);
    }
}
