using System.Globalization;
using Project01.Core.Forecasting;
using Project01.Core.Market;
using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Registry;
using Project01.ModelRegistry.Registry;
using Project01.Modeling.Datasets;
using Project01.ModelTraining.Promotion;
using Project01.Onnx;

namespace Project01.ModelTraining.Decay;

/// <summary>What the decay check found: whether the champion decayed, and the evidence (the policy's test with the
/// naive forecast in the challenger's seat).</summary>
public sealed record DecayCheck(string Model, int Version, bool Decayed, PromotionDecision Evidence)
{
    public string Describe()
    {
        var window = string.Create(CultureInfo.InvariantCulture, $"{Evidence.WindowStart:yyyy-MM-dd}..{Evidence.WindowEnd:yyyy-MM-dd}");
        if (Evidence.Test is not { } t) return $"v{Version}: no decay judged: {Evidence.Why.Replace("kept the champion: ", "", StringComparison.Ordinal)}";
        var evidence = string.Create(CultureInfo.InvariantCulture,
            $"{Evidence.Metric} {Evidence.ChampionLoss:G4} vs naive {Evidence.ChallengerLoss:G4} on {window}, DM p={t.PValue:F4} ({t.Periods} days)");
        return Decayed ? $"realised performance decay: the naive forecast beats v{Version}: {evidence}" : $"v{Version} holds up against the naive forecast: {evidence}";
    }
}

/// <summary>
/// Realised performance decay: the champion's own forecasts over the newest days after its validation span (data it
/// never saw), scored against what happened and against the naive forecast of the same days. It has decayed when the
/// naive forecast beats it there with the promotion policy's one-sided Diebold–Mariano test at 5 % on the target's
/// loss (QLIKE for vol5, squared error for ret1, Brier for dir1). Judged against the naive forecast rather than against
/// its own test-span loss, so a loss that only rose with the market's volatility is not decay: the naive one rose too.
/// The gap must matter as well as be significant (<see cref="MaterialExcess"/>): on 126 days the test alone would call
/// float rounding between a model and the naive forecast it reproduces a difference (p = 0.05 on the S&amp;P 500).
/// </summary>
public sealed class PerformanceDecay(OfflineFeatureStore offline, ModelRegistryStore registry)
{
    /// <summary>The newest days judged: half a year of daily bars, long enough for the test (it needs
    /// <see cref="ChallengerPolicy.MinDays"/>) and short enough to be about now.</summary>
    public const int WindowDays = 126;

    /// <summary>How much higher than the naive forecast's the champion's loss must be to count: 5 %.</summary>
    public const double MaterialExcess = 0.05;

    public async Task<DecayCheck> CheckAsync(ModelVersion champion, CancellationToken ct)
    {
        var target = ForecastTargets.Parse(champion.Target);
        var view = champion.Parameters.TryGetValue("feature_view", out var key) ? FeatureView.Find(key) : FeatureView.Price;
        var interval = champion.Parameters.TryGetValue("bar_interval", out var bars) ? BarInterval.Parse(bars) : BarInterval.Daily;
        if (!champion.Parameters.TryGetValue("validation_end", out var text)
            || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var seenUntil))
            return new DecayCheck(champion.Name, champion.Version, false, new PromotionDecision(false, ChallengerPolicy.MetricOf(target), double.NaN, double.NaN,
                null, default, default, "no validation_end recorded, so no span it has not seen"));

        var history = new List<FeatureObservation>();
        await foreach (var row in offline.ReadAsync(view, null, null, null, ct)) history.Add(new FeatureObservation(row.Symbol, row.EventTime, row.Values));
        var unseen = history.Count == 0 ? [] : DatasetBuilder.Build(history, view.Features, target, champion.Inputs, interval: interval)
            .Examples.Where(e => e.FeatureTime > seenUntil).ToList();
        var days = unseen.Select(e => e.FeatureTime.Date).Distinct().Order().ToList();
        var from = days.Count > WindowDays ? days[^WindowDays] : DateTime.MinValue;
        var window = unseen.Where(e => e.FeatureTime.Date >= from).ToList();

        var predicted = window.Count == 0 ? [] : await ScoreAsync(champion, window, ct);
        var evidence = ChallengerPolicy.Decide(target, [.. window.Select((e, i) => new PairedForecast(e.FeatureTime, predicted[i], e.Naive, e.Label))]);
        var decayed = evidence.Promote && evidence.ChampionLoss >= (1 + MaterialExcess) * evidence.ChallengerLoss;
        return new DecayCheck(champion.Name, champion.Version, decayed, evidence);
    }

    private async Task<float[]> ScoreAsync(ModelVersion champion, IReadOnlyList<Example> rows, CancellationToken ct)
    {
        using var onnx = new OnnxRegressor(await registry.ReadOnnxAsync(champion, ct));
        return onnx.Predict(rows.SelectMany(e => e.Features).ToArray());
    }
}
