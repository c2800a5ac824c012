using Project01.Ingestion.Sources.Polygon;
using Project01.Ingestion.Sources.Publishing;
using Project01.Ingestion.Sources.X;

namespace Project01.Ingest.Workers;

/// <summary>Keeps the push sources connected (Polygon trades/quotes WebSocket, X filtered stream) when they have keys;
/// the clients reconnect by themselves.</summary>
public sealed partial class SourceStreamWorker(PolygonStreamClient polygon, XFilteredStreamClient x, SourcePublisher publisher, ILogger<SourceStreamWorker> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var runs = new List<Task>();
        if (polygon.IsEnabled)
            runs.Add(Guard("polygon stream", () => polygon.RunAsync((batch, _) => { publisher.Publish(batch); return ValueTask.CompletedTask; }, stoppingToken)));
        if (x.IsEnabled)
            runs.Add(Guard("x filtered stream", () => x.RunAsync((page, _) => { publisher.Publish(page, RecordRoutes.Tweets); return ValueTask.CompletedTask; }, stoppingToken)));
        return Task.WhenAll(runs);
    }

    private async Task Guard(string name, Func<Task> run)
    {
        try
        {
            await run();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The clients end only on unrecoverable errors (bad credentials): say so, keep the service up.
            LogStopped(logger, name, e);
        }
    }

    [LoggerMessage(LogLevel.Error, "{Source} stopped")]
    private static partial void LogStopped(ILogger logger, string source, Exception e);
}
