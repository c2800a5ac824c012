using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Project01.Lake;
using Project01.Lake.Delta;
using Project01.Messaging.Kafka;
using Project01.Messaging.Records;

namespace Project01.Ingestion.LakeWriting;

/// <summary>
/// Consumes <c>ticks</c> into <see cref="TicksTable"/> exactly once. Each lake commit records, per partition, the
/// highest offset it holds (a Delta <c>txn</c> keyed by cluster, topic and partition); records at or below it are
/// skipped on redelivery. Kafka offsets are committed only after the lake commit, so a crash at any point loses
/// nothing and duplicates nothing. Undecodable or invalid records go to <c>ticks.dlq</c>.
/// </summary>
public sealed partial class TicksLakeWriter(
    IConsumer<string, byte[]> consumer,
    IProducer<string, byte[]> producer,
    Lakehouse lake,
    LakeWriterStats stats,
    IOptions<LakeWriterOptions> options,
    ILogger<TicksLakeWriter> logger)
{
    public async Task RunAsync(string clusterId, CancellationToken ct)
    {
        var table = await lake.GetOrCreateTableAsync(TicksTable.Name, TicksTable.Schema, TicksTable.PartitionColumns, ct);
        var topic = Topics.Ticks;
        var o = options.Value;
        consumer.Subscribe(topic);
        LogStarted(logger, topic, TicksTable.Name.ToString(), clusterId);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var batch = consumer.ConsumeBatch(o.MaxBatchRecords, TimeSpan.FromMilliseconds(o.MaxBatchDelayMs), ct);
                if (batch.Count == 0) continue;
                await WriteAsync(table, clusterId, topic, batch, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            consumer.Close(); // leave the group promptly so a restarted writer is assigned at once
        }
    }

    private async Task WriteAsync(DeltaTable table, string clusterId, string topic, List<ConsumeResult<string, byte[]>> batch, CancellationToken ct)
    {
        using var activity = KafkaTracing.Source.StartActivity($"{topic} lake write", ActivityKind.Consumer);
        activity?.SetTag("messaging.batch.message_count", batch.Count);
        var snapshot = await table.RefreshAsync(ct);
        var rows = new List<(BarRecord Record, int Partition, long Offset)>(batch.Count);
        var dead = new List<(string Key, DeadLetterRecord Record)>();
        var maxOffsets = new Dictionary<int, long>();
        long skipped = 0;
        foreach (var r in batch)
        {
            var partition = r.Partition.Value;
            var offset = r.Offset.Value;
            if (offset <= snapshot.TransactionVersion(TicksTable.TransactionId(clusterId, topic, partition)))
            {
                skipped++; // already in the lake: a redelivery after a crash between lake commit and offset commit
                continue;
            }
            maxOffsets[partition] = Math.Max(maxOffsets.GetValueOrDefault(partition, -1), offset);
            var record = RecordJson.TryDeserializeBar(r.Message.Value, out var error);
            if (record is null)
                dead.Add((r.Message.Key ?? "", new DeadLetterRecord
                {
                    Topic = topic, Source = $"kafka:{topic}:{partition}:{offset}", Reason = error ?? "invalid record",
                    Payload = r.Message.Value is null ? "" : System.Text.Encoding.UTF8.GetString(r.Message.Value), RejectedAt = DateTime.UtcNow,
                }));
            else
                rows.Add((record, partition, offset));
        }

        // Dead letters first: if producing them fails, nothing is committed and the batch is redelivered.
        if (dead.Count > 0)
        {
            Error? failure = null;
            foreach (var (key, record) in dead)
            {
                LogDeadLetter(logger, record.Source, record.Reason);
                producer.Produce(Topics.DeadLetter(topic), new Message<string, byte[]> { Key = key, Value = RecordJson.Serialize(record) },
                    report => { if (report.Error.IsError) failure ??= report.Error; });
            }
            await Task.Run(() => producer.Flush(ct), ct);
            if (failure is not null) throw new KafkaException(failure);
        }

        long? version = null;
        if (maxOffsets.Count > 0)
        {
            var transactions = maxOffsets.ToDictionary(kv => TicksTable.TransactionId(clusterId, topic, kv.Key), kv => kv.Value);
            var result = await table.AppendAsync(TicksTable.ToBatch(rows), transactions, ct);
            version = result.AlreadyCommitted ? null : result.Version;
            if (result.AlreadyCommitted) skipped += rows.Count;
        }
        // Only now is it safe to tell Kafka these records are done.
        consumer.Commit(batch.NextOffsets());
        stats.Record(version is null ? 0 : rows.Count, skipped, dead.Count, version);
        if (version is not null) LogCommitted(logger, rows.Count, dead.Count, skipped, version.Value);
    }

    [LoggerMessage(LogLevel.Warning, "Dead-lettered {Source}: {Reason}")]
    private static partial void LogDeadLetter(ILogger logger, string source, string reason);

    [LoggerMessage(LogLevel.Debug, "Lake commit v{Version}: {Rows} rows, {Dead} dead letters, {Skipped} duplicates skipped")]
    private static partial void LogCommitted(ILogger logger, int rows, int dead, long skipped, long version);

    [LoggerMessage(LogLevel.Information, "Lake writer consuming {Topic} into {Table} (cluster {ClusterId})")]
    private static partial void LogStarted(ILogger logger, string topic, string table, string clusterId);
}
