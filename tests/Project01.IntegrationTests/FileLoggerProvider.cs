using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Project01.IntegrationTests;

/// <summary>
/// Writes the test AppHost's logs to files: each resource's console output (which Aspire.Hosting.Testing forwards
/// under the category <c>…Resources.&lt;name&gt;</c>) to <c>&lt;name&gt;.log</c>, everything else to <c>apphost.log</c>.
/// A service that fails on CI is then diagnosed from its own words, and the test console is not flooded.
/// </summary>
internal sealed class FileLoggerProvider(string directory) : ILoggerProvider
{
    private const string ResourcesMarker = ".Resources.";
    private readonly ConcurrentDictionary<string, StreamWriter> _files = new();

    public ILogger CreateLogger(string categoryName)
    {
        var marker = categoryName.LastIndexOf(ResourcesMarker, StringComparison.Ordinal);
        var file = marker >= 0 ? categoryName[(marker + ResourcesMarker.Length)..] : "apphost";
        var writer = _files.GetOrAdd(file, name =>
        {
            Directory.CreateDirectory(directory);
            return new StreamWriter(Path.Combine(directory, name + ".log"), append: false) { AutoFlush = true };
        });
        return new FileLogger(writer, marker >= 0 ? null : categoryName);
    }

    public void Dispose()
    {
        foreach (var writer in _files.Values)
            lock (writer) writer.Dispose();
    }

    private sealed class FileLogger(StreamWriter writer, string? category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = category is null ? formatter(state, exception) : $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}";
            if (exception is not null && category is not null) line += Environment.NewLine + exception;
            lock (writer)
            {
                try { writer.WriteLine(line); } catch (ObjectDisposedException) { }
            }
        }
    }
}
