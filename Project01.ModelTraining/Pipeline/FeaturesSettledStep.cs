using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Registry;
using Project01.Pipelines.Definitions;

namespace Project01.ModelTraining.Pipeline;

/// <summary>The price features are materialised: the offline store has them and its watermarks have stopped moving
/// (<see cref="SettlePeriod"/>), so what the next steps read is the whole of what was ingested.</summary>
public sealed class FeaturesSettledStep(OfflineFeatureStore offline) : IPipelineStep
{
    public const string StepName = "features";
    public static readonly TimeSpan SettlePeriod = TimeSpan.FromSeconds(5);

    public string Name => StepName;

    public async Task<string> RunAsync(StepContext context, CancellationToken ct)
    {
        var watermarks = await offline.GetWatermarksAsync(FeatureView.Price, ct);
        if (watermarks.Count == 0) throw new InvalidOperationException($"the offline store has no {FeatureView.Price.Key} features yet");
        var still = DateTime.UtcNow - watermarks.Max(w => w.UpdatedAt);
        if (still < SettlePeriod) throw new InvalidOperationException($"{FeatureView.Price.Key} still changing (last change {still.TotalSeconds:F0} s ago)");
        return $"{FeatureView.Price.Key}: {watermarks.Count} symbols, {watermarks.Sum(w => w.Rows):N0} rows, newest {watermarks.Max(w => w.LastEventTime):yyyy-MM-dd}";
    }
}
