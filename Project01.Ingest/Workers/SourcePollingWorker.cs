using Microsoft.Extensions.Options;
using Project01.Ingest.Extensions;
using Project01.Ingestion.Sources.Cursors;
using Project01.Ingestion.Sources.Feeds;
using Project01.Ingestion.Sources.Fred;
using Project01.Ingestion.Sources.Polygon;
using Project01.Ingestion.Sources.Publishing;
using Project01.Ingestion.Sources.X;

namespace Project01.Ingest.Workers;

/// <summary>
/// Polls the vendors that have keys (Polygon aggregates and news, FRED, RSS/Atom feeds, X recent search) on an interval,
/// publishing new records from each source's stored cursor on. One failing vendor does not stop the others.
/// </summary>
public sealed partial class SourcePollingWorker(
    IServiceProvider services, SourcePublisher publisher, ISourceCursorStore cursors, IOptions<IngestOptions> options, ILogger<SourcePollingWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var polls = Polls().Where(p => p.Enabled).ToList();
        if (polls.Count == 0) return;
        using var timer = new PeriodicTimer(options.Value.SourcePollInterval);
        do
        {
            foreach (var poll in polls)
            {
                try
                {
                    var stats = await poll.Run(stoppingToken);
                    LogPolled(logger, poll.Name, stats.Produced, stats.DeadLettered);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, poll.Name, e);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private IEnumerable<(string Name, bool Enabled, Func<CancellationToken, Task<PublishStats>> Run)> Polls()
    {
        var aggregates = services.GetRequiredService<PolygonAggregatesClient>();
        var polygonNews = services.GetRequiredService<PolygonNewsClient>();
        var fred = services.GetRequiredService<FredClient>();
        var feeds = services.GetRequiredService<NewsFeedClient>();
        var search = services.GetRequiredService<XRecentSearchClient>();
        yield return ("polygon aggregates", aggregates.IsEnabled, ct => publisher.PublishAsync(aggregates.ReadAllAsync(ct), RecordRoutes.Bars, cursors, ct));
        yield return ("polygon news", polygonNews.IsEnabled, ct => publisher.PublishAsync(polygonNews.ReadAllAsync(ct), RecordRoutes.News, cursors, ct));
        yield return ("fred", fred.IsEnabled, ct => publisher.PublishAsync(fred.ReadAllAsync(ct), RecordRoutes.Fundamentals, cursors, ct));
        yield return ("news feeds", feeds.IsEnabled, ct => publisher.PublishAsync(feeds.ReadAllAsync(ct), RecordRoutes.News, cursors, ct));
        yield return ("x recent search", search.IsEnabled, ct => publisher.PublishAsync(search.ReadAsync(ct), RecordRoutes.Tweets, cursors, ct));
    }

    [LoggerMessage(LogLevel.Information, "Polled {Source}: {Produced} records published, {DeadLettered} dead-lettered")]
    private static partial void LogPolled(ILogger logger, string source, long produced, long deadLettered);

    [LoggerMessage(LogLevel.Error, "Polling {Source} failed; will try again next interval")]
    private static partial void LogFailed(ILogger logger, string source, Exception e);
}
