using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Sroi.Ledger.EventLog.Tests.Reading;

/// <summary>
/// What the async daemon logs (its high-water agent says when it holds before a gap, and with which evidence it skips
/// one), kept so that a failing assertion can show it.
/// </summary>
public sealed class DaemonLog : ILogger
{
    private readonly ConcurrentQueue<string> lines = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
            lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.ffffff} {logLevel}: {formatter(state, exception)}");
    }

    public override string ToString() => lines.IsEmpty ? "(the daemon logged nothing)" : string.Join(Environment.NewLine, lines);
}
