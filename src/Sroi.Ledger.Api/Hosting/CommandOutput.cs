using Spectre.Console;

namespace Sroi.Ledger.Api.Hosting;

/// <summary>
/// The ledger's own commands (<c>export</c>, <c>verify</c>) answer on stdout — a CSV can be piped — so everything else
/// they would print there (logs, the engine's "Searching … for commands") goes to stderr.
/// </summary>
public static class CommandOutput
{
    public static bool AnswersOnStandardOutput(string[] args) => args is ["export" or "verify", ..];

    public static void ToStandardError(ILoggingBuilder logging)
    {
        logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
    }
}
