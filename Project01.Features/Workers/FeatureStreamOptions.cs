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

/// <summary>Where the stream is, for health, the API and metrics: <c>p01_features_freshness_seconds</c> (since the stream
/// last wrote features, or since the backfill finished) and <c>p01_features_bars_total</c> (bars turned into features).</summary>
public sealed class FeatureStreamStatus : IDisposable
{
    private readonly System.Diagnostics.Metrics.Meter _meter = new("Project01.Features");

    public FeatureStreamStatus()
    {
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
}
