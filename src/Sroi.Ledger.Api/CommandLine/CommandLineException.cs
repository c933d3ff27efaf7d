namespace Sroi.Ledger.Api.CommandLine;

/// <summary>A command cannot run as asked (no database to use, …): its message is the whole answer, on stderr, exit code 1.</summary>
public sealed class CommandLineException(string message) : Exception(message);
