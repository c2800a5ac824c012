using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Project01.Core.Market;
using Project01.FeaturePipelines;
using Project01.LakeTables.Queries;
using Project01.Messaging.Kafka;
using Project01.Messaging.Records;
using StackExchange.Redis;

namespace Project01.Features.Workers;

/// <summary>
/// Batch, then stream, with one engine: at start the price view is rebuilt from the lake's bars (the durable record),
/// then the worker follows <c>ticks</c>, computing features as bars arrive, and commits offsets after both stores are
/// written. Bars the backfill already covered are skipped by event time. When Postgres, Redis or the broker fails, the
/// service keeps running: health turns Degraded with the reason, and the worker starts over (fresh consumer, state
/// rebuilt from the lake, uncommitted bars delivered again) with back-off until it gets going. Replicas share the
/// consumer group: each partition a replica is handed is read from where its own state ends (the lake's coverage when
/// it backfilled, then its own progress), so bars another replica processed before a rebalance are in its state too.
/// </summary>
public sealed partial class FeatureStreamWorker(
    KafkaConsumerFactory<string, byte[]> consumers,
    PriceFeaturePipeline pipeline,
    BarQueries lakeBars,
    FeatureStreamStatus status,
    WorkerHealth health,
    IConnectionMultiplexer onlineStore,
    PartitionCoverage coverage,
    IConfiguration configuration,
    IOptions<FeatureStreamOptions> options,
    ILogger<FeatureStreamWorker> logger) : BackgroundService
{
    public const string OnlineStoreCheck = "online-store";
    public const string FeatureWriteSpan = "features write";

    /// <summary>Cancelled when Redis comes back after losing its connection: the run starts over to refill it.</summary>
    private CancellationTokenSource? _run;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The online store lives in memory: after Redis comes back it may be empty (a restart), and a worker that is
        // only waiting for new bars would never notice. Rebuild it from the offline history whenever it reconnects.
        onlineStore.ConnectionFailed += (_, e) => health.Failing(OnlineStoreCheck, e.Exception ?? new InvalidOperationException($"Redis at {e.EndPoint}: {e.FailureType}"));
        onlineStore.ConnectionRestored += (_, _) =>
        {
            health.Recovered(OnlineStoreCheck);
            LogRebuilding(logger);
            _run?.Cancel();
        };
        return Task.Factory.StartNew(() => health.RunAsync("feature-stream", RunUntilStoppedAsync, (e, wait) =>
        {
            status.Phase = $"retrying in {wait.TotalSeconds:F0} s: {e.Message}";
            LogFailed(logger, wait.TotalSeconds, e);
        }, TimeSpan.FromSeconds(30), stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    private async Task RunUntilStoppedAsync(Action running, CancellationToken ct)
    {
        var rebuiltForDroppedRecords = false;
        while (!ct.IsCancellationRequested)
        {
            using var run = CancellationTokenSource.CreateLinkedTokenSource(ct);
            _run = run;
            try
            {
                // A run ends by itself only when a partition it was handed lacks records its state needs (the broker
                // dropped them): rebuild from the lake once; if that does not close the gap, go on with a warning.
                rebuiltForDroppedRecords = await RunAsync(running, rebuiltForDroppedRecords, run.Token);
            }
            catch (OperationCanceledException) when (run.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                // Redis reconnected: start over (backfill rewrites every symbol's latest values online).
            }
        }
    }

    /// <returns>Whether it ended to rebuild its state (a partition lacked records); it otherwise runs until cancelled.</returns>
    private async Task<bool> RunAsync(Action running, bool rebuilt, CancellationToken ct)
    {
        using var consumer = consumers.Create();
        try
        {
            status.Phase = "backfill";
            pipeline.Reset();
            await pipeline.EnsureSchemaAsync(ct);
            // Which ticks the lake holds, read before the lake itself: the backfill covers at least these.
            var bootstrap = configuration.GetKafkaBootstrapServers("kafka");
            coverage.Reset(await Task.Run(() => ConsumerLag.Committed(bootstrap, options.Value.LakeWriterGroup, Topics.Ticks, TimeSpan.FromSeconds(10)), ct));
            var started = Stopwatch.StartNew();
            await pipeline.BackfillAsync(lakeBars.ReadAllAsync(ct), ct);
            foreach (var interval in await lakeBars.GetIntradayIntervalsAsync(ct))
                await pipeline.BackfillAsync(lakeBars.ReadAllAsync(interval, ct), ct, interval);
            status.BackfillCompletedAt = DateTime.UtcNow;
            LogBackfill(logger, pipeline.BarsProcessed, started.Elapsed.TotalSeconds);

            status.Phase = "streaming";
            running();
            consumer.Subscribe(Topics.Ticks);
            while (!ct.IsCancellationRequested)
            {
                var batch = consumer.ConsumeBatch(options.Value.MaxBatchRecords, TimeSpan.FromMilliseconds(options.Value.MaxBatchDelayMs), ct);
                if (coverage.Stale)
                {
                    if (!rebuilt)
                    {
                        LogStale(logger);
                        return true;
                    }
                    LogGap(logger);
                    coverage.Accept();
                }
                rebuilt = false;
                if (batch.Count == 0) continue;
                var bars = new List<Bar>(batch.Count);
                var intraday = new Dictionary<BarInterval, List<Bar>>();
                // Only bars (single or batched) feed the price views; trades and quotes share the topic. Invalid
                // records are the lake writer's to dead-letter; here they are just not features (and add nothing).
                foreach (var r in batch)
                {
                    BarMessages.TryRead(r.Message.Value, bars, static (bar, _, _) => bar, out _);
                    if (BarMessages.TryReadIntraday(r.Message.Value, out _) is { Interval: { } interval } minutes)
                        (intraday.TryGetValue(interval, out var list) ? list : intraday[interval] = []).AddRange(minutes.Bars);
                }
                var skippedBefore = pipeline.BarsSkipped;
                var processedBefore = pipeline.BarsProcessed;
                // Linked to each bar's publish span: its trace leads into the batch that wrote its features to both stores.
                using (KafkaTracing.StartBatch(FeatureWriteSpan, batch, options.Value.ConsumerGroup))
                {
                    await pipeline.ProcessAsync(bars, ct);
                    foreach (var (interval, list) in intraday) await pipeline.ProcessAsync(list, interval, ct);
                }
                var next = batch.NextOffsets().ToList();
                consumer.Commit(next);
                coverage.Advance(next);
                status.StreamBarsProcessed += pipeline.BarsProcessed - processedBefore;
                status.StreamBarsSkipped += pipeline.BarsSkipped - skippedBefore;
                status.LastBatchAt = DateTime.UtcNow;
            }
        }
        finally
        {
            consumer.Close();
        }
        return false;
    }

    [LoggerMessage(LogLevel.Information, "Feature backfill from the lake done: {Bars} bars in {Seconds:F1} s; following ticks")]
    private static partial void LogBackfill(ILogger logger, long bars, double seconds);

    [LoggerMessage(LogLevel.Warning, "A ticks partition handed to this replica no longer holds bars its state lacks; rebuilding from the lake")]
    private static partial void LogStale(ILogger logger);

    [LoggerMessage(LogLevel.Error, "Ticks the broker dropped before the lake wrote them are missing from the features of this partition's symbols")]
    private static partial void LogGap(ILogger logger);

    [LoggerMessage(LogLevel.Warning, "The online store reconnected; rebuilding it from the offline history")]
    private static partial void LogRebuilding(ILogger logger);

    [LoggerMessage(LogLevel.Error, "Feature stream failed; starting over in {Seconds} s")]
    private static partial void LogFailed(ILogger logger, double seconds, Exception e);
}
