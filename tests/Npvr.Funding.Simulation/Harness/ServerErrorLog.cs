using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Npvr.Funding.Simulation.Harness;

/// <summary>
/// Keeps what the apps logged about the requests they answered 500 ("500 for {correlationId}: {exception}", logged
/// by the host from the invocation's logs), so a seed that breaks "no 5xx" says why the app failed.
/// </summary>
internal sealed class ServerErrorLog : ILoggerProvider
{
    /// <summary>A seed with more unexplained 500s than this has said enough.</summary>
    private const int MaxKept = 20;

    private const string HostCategory = "Npvr.Funding.LocalHost";
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>The app's log line for the 500 whose problem quotes <paramref name="correlationId"/>, if it was logged.</summary>
    public string? For(string correlationId) => _lines.FirstOrDefault(l => l.Contains(correlationId, StringComparison.Ordinal));

    public ILogger CreateLogger(string categoryName) => categoryName == HostCategory ? new Capture(this) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Capture(ServerErrorLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = formatter(state, exception);
            if (line.Contains("] 500 for ", StringComparison.Ordinal) && log._lines.Count < MaxKept) log._lines.Enqueue(line);
        }
    }
}
