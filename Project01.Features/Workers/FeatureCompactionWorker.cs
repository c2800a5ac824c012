using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Registry;
using Project01.Lake;
using Project01.Lake.Delta;

namespace Project01.Features.Workers;

/// <summary>
/// The stream appends a few rows per symbol per batch, each a small Parquet file: every few minutes, when a feature
/// table has many more files than partitions, its small files are merged (rows unchanged, time travel intact).
/// </summary>
public sealed partial class FeatureCompactionWorker(Lakehouse lake, ILogger<FeatureCompactionWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var view in FeatureView.All)
            {
                try
                {
                    if (await lake.OpenTableAsync(FeatureHistoryTable.Name(view), stoppingToken) is not { } table) continue;
                    var snapshot = await table.RefreshAsync(stoppingToken);
                    var partitions = snapshot.Files.Select(f => f.PartitionValues.GetValueOrDefault("symbol")).Distinct().Count();
                    if (snapshot.Files.Count < 4 * Math.Max(1, partitions)) continue;
                    var result = await table.CompactAsync(ct: stoppingToken);
                    LogCompacted(logger, view.Key, result.FilesRemoved, result.FilesAdded, result.Rows);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(logger, view.Key, e);
                }
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Compacted {View}: {Removed} files into {Added} ({Rows} rows)")]
    private static partial void LogCompacted(ILogger logger, string view, int removed, int added, long rows);

    [LoggerMessage(LogLevel.Warning, "Compaction of {View} failed; will try again")]
    private static partial void LogFailed(ILogger logger, string view, Exception e);
}
