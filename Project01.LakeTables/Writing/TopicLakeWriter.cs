using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Project01.Lake;
using Project01.Lake.Delta;
using Project01.Messaging.Kafka;
using Project01.Messaging.Records;

namespace Project01.LakeTables.Writing;

/// <summary>
/// Consumes the platform's topics into their bronze tables exactly once. Each table's commits record, per (topic,
/// partition), the highest offset the table holds (a Delta <c>txn</c> keyed by cluster, topic and partition); records at
/// or below it are skipped on redelivery. Kafka offsets are committed only after every table of the batch has
/// committed, so a crash at any point loses nothing and duplicates nothing. Records that cannot be decoded or fail
/// validation go to <c>&lt;topic&gt;.dlq</c> with the reason (at least once: a crash may repeat a dead letter). Each run
/// takes a fresh consumer and starts with empty sinks, so starting over after a failure neither reuses a closed consumer
/// nor writes the rows of a batch that failed a second time.
/// </summary>
public sealed partial class TopicLakeWriter(
    KafkaConsumerFactory<string, byte[]> consumers,
    IProducer<string, byte[]>? producer,
    Lakehouse lake,
    LakeSinks sinks,
    LakeWriterStats stats,
    IOptions<LakeWriterOptions> options,
    ILogger<TopicLakeWriter> logger)
{
    public const string LakeWriteSpan = "lake write";

    /// <summary>
    /// Runs until stopped: makes sure the topics exist, learns the cluster id, consumes; after a failure waits briefly
    /// and starts over. The lake and the offsets are consistent at every commit, so starting over is always safe.
    /// </summary>
    public async Task RunUntilStoppedAsync(string bootstrapServers, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await KafkaClusterInfo.EnsureTopicsAsync(bootstrapServers, Topics.All, ct);
                await RunAsync(await KafkaClusterInfo.GetClusterIdAsync(bootstrapServers, ct), ct, c => KafkaClusterInfo.GetClusterIdAsync(bootstrapServers, c));
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, string.Join(", ", sinks.Tables), e);
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }
        }
    }

    /// <param name="currentClusterId">Asks the broker for its id again; when offsets go backwards within a run, a
    /// different id means the broker restarted empty (the embedded one keeps nothing), so the run starts over under the
    /// new id instead of skipping the new incarnation's records as "already in the lake".</param>
    public async Task RunAsync(string clusterId, CancellationToken ct, Func<CancellationToken, Task<string>>? currentClusterId = null)
    {
        // What a failed batch left pending is delivered again from the committed offsets.
        foreach (var sink in sinks.All) sink.Discard();
        var tables = new Dictionary<LakeSink, DeltaTable>();
        foreach (var sink in sinks.All) tables[sink] = await lake.GetOrCreateTableAsync(sink.Table, sink.Schema, sink.PartitionColumns, ct);
        var o = options.Value;
        using var consumer = consumers.Create();
        consumer.Subscribe(sinks.Topics);
        LogStarted(logger, string.Join(", ", sinks.Topics), string.Join(", ", sinks.Tables), clusterId);
        var highest = new Dictionary<TopicPartition, long>();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var batch = consumer.ConsumeBatch(o.MaxBatchRecords, TimeSpan.FromMilliseconds(o.MaxBatchDelayMs), ct, o.MaxBatchBytes);
                if (batch.Count == 0) continue;
                if (Regressed(batch, highest) && currentClusterId is not null && await currentClusterId(ct) is var now && now != clusterId)
                    throw new BrokerRestartedException(clusterId, now);
                await WriteAsync(consumer, tables, clusterId, batch, ct);
                foreach (var r in batch) highest[r.TopicPartition] = Math.Max(highest.GetValueOrDefault(r.TopicPartition, -1), r.Offset.Value);
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

    /// <summary>Whether a partition delivered an offset at or below one this run already wrote (a rewind: a
    /// rebalance that handed back uncommitted records, or a broker that came back empty).</summary>
    private static bool Regressed(List<ConsumeResult<string, byte[]>> batch, Dictionary<TopicPartition, long> highest) =>
        batch.Any(r => highest.TryGetValue(r.TopicPartition, out var seen) && r.Offset.Value <= seen);

    private async Task WriteAsync(IConsumer<string, byte[]> consumer, Dictionary<LakeSink, DeltaTable> tables, string clusterId,
        List<ConsumeResult<string, byte[]>> batch, CancellationToken ct)
    {
        // Linked to each record's publish span: a record's trace leads into the batch that wrote it.
        using var activity = KafkaTracing.StartBatch(LakeWriteSpan, batch, options.Value.ConsumerGroup);
        var snapshots = new Dictionary<LakeSink, DeltaSnapshot>();
        foreach (var (sink, table) in tables) snapshots[sink] = await table.RefreshAsync(ct);

        var dead = new List<(string Topic, string Key, DeadLetterRecord Record)>();
        long skipped = 0;
        foreach (var r in batch)
        {
            var payload = r.Message.Value ?? [];
            var sink = sinks.Route(r.Topic, payload, out var routeError);
            if (sink is not null && r.Offset.Value <= snapshots[sink].TransactionVersion(BronzeColumns.TransactionId(clusterId, r.Topic, r.Partition.Value)))
            {
                skipped++; // already in the lake: a redelivery after a crash between lake commit and offset commit
                continue;
            }
            var error = routeError ?? sink!.Accept(payload, r.Partition.Value, r.Offset.Value);
            if (error is not null)
            {
                // Kept byte for byte: a payload that is not UTF-8 is the likeliest to need a close look.
                var (text, encoding) = DeadLetterRecord.Keep(payload);
                dead.Add((r.Topic, r.Message.Key ?? "", new DeadLetterRecord
                {
                    Topic = r.Topic, Source = $"kafka:{r.Topic}:{r.Partition.Value}:{r.Offset.Value}", Reason = error,
                    Payload = text, PayloadEncoding = encoding, RejectedAt = DateTime.UtcNow,
                }));
            }
        }

        // Dead letters first: if producing them fails, nothing is committed and the batch is redelivered.
        if (dead.Count > 0 && options.Value.DeadLetters) await DeadLetterAsync(dead, ct);

        long written = 0;
        long? version = null;
        foreach (var sink in sinks.All.Where(s => s.Pending > 0))
        {
            var (rows, offsets, messages) = sink.Take();
            var transactions = offsets.ToDictionary(kv => BronzeColumns.TransactionId(clusterId, sink.Topic, kv.Key), kv => kv.Value.Max);
            var starts = offsets.ToDictionary(kv => BronzeColumns.TransactionId(clusterId, sink.Topic, kv.Key), kv => kv.Value.Min);
            // Another writer that committed only part of these offsets makes the table refuse (TransactionOverlapException):
            // the run then starts over from Kafka's committed offsets, and the per-record check keeps exactly the rest.
            var result = await tables[sink].AppendAsync(rows, transactions, ct, starts);
            if (result.AlreadyCommitted) skipped += messages; // another writer committed these offsets first
            else (written, version) = (written + rows.Length, result.Version);
        }
        // Only now is it safe to tell Kafka these records are done.
        consumer.Commit(batch.NextOffsets());
        stats.Record(written, skipped, dead.Count, version);
        LogCommitted(logger, batch.Count, written, dead.Count, skipped);
    }

    private async Task DeadLetterAsync(List<(string Topic, string Key, DeadLetterRecord Record)> dead, CancellationToken ct)
    {
        if (producer is null) throw new InvalidOperationException("dead letters are on but the lake writer has no producer");
        Error? failure = null;
        foreach (var (topic, key, record) in dead)
        {
            LogDeadLetter(logger, record.Source, record.Reason);
            producer.Produce(Topics.DeadLetter(topic), new Message<string, byte[]> { Key = key, Value = RecordJson.Serialize(record) },
                report => { if (report.Error.IsError) failure ??= report.Error; });
        }
        await Task.Run(() => producer.Flush(ct), ct);
        if (failure is not null) throw new KafkaException(failure);
    }

    [LoggerMessage(LogLevel.Error, "Lake writer for {Tables} failed; restarting from the last committed offsets")]
    private static partial void LogFailed(ILogger logger, string tables, Exception e);

    [LoggerMessage(LogLevel.Information, "Lake writer consuming {Topics} into {Tables} (cluster {ClusterId})")]
    private static partial void LogStarted(ILogger logger, string topics, string tables, string clusterId);

    [LoggerMessage(LogLevel.Warning, "Dead-lettered {Source}: {Reason}")]
    private static partial void LogDeadLetter(ILogger logger, string source, string reason);

    [LoggerMessage(LogLevel.Debug, "Lake batch of {Records}: {Written} written, {Dead} dead letters, {Skipped} duplicates skipped")]
    private static partial void LogCommitted(ILogger logger, int records, long written, int dead, long skipped);
}
