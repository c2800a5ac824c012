using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Project01.Core.Market;
using Project01.FeaturePipelines;
using Project01.LakeTables.Queries;
using Project01.Messaging.Kafka;
using Project01.Messaging.Records;

namespace Project01.Features.Workers;

/// <summary>
/// Batch, then stream, with one engine: at start the price view is rebuilt from the lake's bars (the durable record),
/// then the worker follows <c>ticks</c>, computing features as bars arrive, and commits offsets after both stores are
/// written. Bars the backfill already covered are skipped by event time. When Postgres, Redis or the broker fails, the
/// service keeps running: health turns Degraded with the reason, and the worker starts over (fresh consumer, state
/// rebuilt from the lake, uncommitted bars delivered again) with back-off until it gets going.
/// </summary>
public sealed partial class FeatureStreamWorker(
    KafkaConsumerFactory<string, byte[]> consumers,
    PriceFeaturePipeline pipeline,
    BarQueries lakeBars,
    FeatureStreamStatus status,
    WorkerHealth health,
    IOptions<FeatureStreamOptions> options,
    ILogger<FeatureStreamWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => health.RunAsync("feature-stream", RunAsync, (e, wait) =>
        {
            status.Phase = $"retrying in {wait.TotalSeconds:F0} s: {e.Message}";
            LogFailed(logger, wait.TotalSeconds, e);
        }, TimeSpan.FromSeconds(30), stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private async Task RunAsync(Action running, CancellationToken ct)
    {
        using var consumer = consumers.Create();
        try
        {
            status.Phase = "backfill";
            pipeline.Reset();
            await pipeline.EnsureSchemaAsync(ct);
            var started = Stopwatch.StartNew();
            await pipeline.BackfillAsync(lakeBars.ReadAllAsync(ct), ct);
            status.BackfillCompletedAt = DateTime.UtcNow;
            LogBackfill(logger, pipeline.BarsProcessed, started.Elapsed.TotalSeconds);

            status.Phase = "streaming";
            running();
            consumer.Subscribe(Topics.Ticks);
            while (!ct.IsCancellationRequested)
            {
                var batch = consumer.ConsumeBatch(options.Value.MaxBatchRecords, TimeSpan.FromMilliseconds(options.Value.MaxBatchDelayMs), ct);
                if (batch.Count == 0) continue;
                var bars = new List<Bar>(batch.Count);
                // Only bars (single or batched) feed the price view; trades and quotes share the topic. Invalid
                // records are the lake writer's to dead-letter; here they are just not features (and add nothing).
                foreach (var r in batch) BarMessages.TryRead(r.Message.Value, bars, static (bar, _, _) => bar, out _);
                var skippedBefore = pipeline.BarsSkipped;
                var processedBefore = pipeline.BarsProcessed;
                await pipeline.ProcessAsync(bars, ct);
                consumer.Commit(batch.NextOffsets());
                status.StreamBarsProcessed += pipeline.BarsProcessed - processedBefore;
                status.StreamBarsSkipped += pipeline.BarsSkipped - skippedBefore;
                status.LastBatchAt = DateTime.UtcNow;
            }
        }
        finally
        {
            consumer.Close();
        }
    }

    [LoggerMessage(LogLevel.Information, "Feature backfill from the lake done: {Bars} bars in {Seconds:F1} s; following ticks")]
    private static partial void LogBackfill(ILogger logger, long bars, double seconds);

    [LoggerMessage(LogLevel.Error, "Feature stream failed; starting over in {Seconds} s")]
    private static partial void LogFailed(ILogger logger, double seconds, Exception e);
}
