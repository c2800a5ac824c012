using System.Diagnostics.Metrics;

namespace Project01.Lake.Delta;

/// <summary>
/// Checkpoint outcomes as a metric: a failed checkpoint never fails its commit, so without this a table whose checkpoints
/// keep failing would only show as opens growing slower. Static because tables are not created through DI; the services'
/// telemetry subscribes to every "Project01.*" meter.
/// </summary>
internal static class CheckpointMetrics
{
    private static readonly Meter Meter = new("Project01.Lake");

    private static readonly Counter<long> Checkpoints = Meter.CreateCounter<long>("p01.lake.checkpoints", "{checkpoint}",
        "Checkpoints attempted after commits, by outcome (written, exists, failed)");

    public static void Record(string outcome) => Checkpoints.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
