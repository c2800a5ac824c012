using System.ComponentModel.DataAnnotations;

namespace Project01.Features.Workers;

public sealed class FeatureStreamOptions
{
    public const string Section = "FeatureStream";

    public string ConsumerGroup { get; set; } = "features";

    [Range(1, 1_000_000)]
    public int MaxBatchRecords { get; set; } = 20_000;

    [Range(10, 60_000)]
    public int MaxBatchDelayMs { get; set; } = 200;
}

/// <summary>Where the stream is, for health and the API.</summary>
public sealed class FeatureStreamStatus
{
    public string Phase { get; set; } = "starting";
    public DateTime? BackfillCompletedAt { get; set; }
    public long StreamBarsProcessed { get; set; }
    public long StreamBarsSkipped { get; set; }
    public DateTime? LastBatchAt { get; set; }
}
