using System.ComponentModel.DataAnnotations;
using Project01.Messaging.Kafka;

namespace Project01.Features.Workers;

public sealed class FeatureStreamOptions
{
    public const string Section = "FeatureStream";

    public string ConsumerGroup { get; set; } = "features";

    /// <summary>The lake writer's group (Ingest): its committed offsets say which ticks the lake holds, so a replica
    /// knows where the stream must take over from its backfill.</summary>
    public string LakeWriterGroup { get; set; } = "lake-writer";

    [Range(1, 1_000_000)]
    public int MaxBatchRecords { get; set; } = 20_000;

    [Range(10, 60_000)]
    public int MaxBatchDelayMs { get; set; } = 200;
}

/// <summary>Where the stream is, for health, the API and metrics: <c>p01_features_freshness_seconds</c> (since the stream
/// last wrote features, or since the backfill finished) and <c>p01_features_bars_total</c> (bars turned into features).</summary>
public sealed class FeatureStreamStatus : IDisposable
{
    private readonly System.Diagnostics.Metrics.Meter _meter = new("Project01.Features");
    private readonly PartitionCoverage _coverage;

    public FeatureStreamStatus(PartitionCoverage coverage)
    {
        _coverage = coverage;
        _meter.CreateObservableGauge("p01.features.freshness", () =>
            (LastBatchAt ?? BackfillCompletedAt) is { } at ? (DateTime.UtcNow - at).TotalSeconds : double.NaN,
            "s", "Seconds since the feature stream last wrote features (or finished its backfill)");
        _meter.CreateObservableCounter("p01.features.bars", () => StreamBarsProcessed, "{bar}", "Bars the stream turned into features");
    }

    public void Dispose() => _meter.Dispose();

    public string Phase { get; set; } = "starting";
    public DateTime? BackfillCompletedAt { get; set; }
    public long StreamBarsProcessed { get; set; }
    public long StreamBarsSkipped { get; set; }
    public DateTime? LastBatchAt { get; set; }

    /// <summary>The ticks partitions this replica holds now (replicas in one consumer group split them).</summary>
    public IReadOnlyList<int> Partitions => _coverage.Assigned;
}
