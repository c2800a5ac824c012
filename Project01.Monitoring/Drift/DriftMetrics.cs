using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Project01.Monitoring.Drift;

/// <summary>The newest drift check per model as metrics: <c>p01_drift_inputs_in_alert</c>, <c>p01_drift_dataset_drift</c>
/// (1 or 0) and <c>p01_drift_wasserstein_max</c> (the largest normed distance among the inputs in the newest window).</summary>
public sealed class DriftMetrics : IDisposable
{
    private readonly Meter _meter = new("Project01.Monitoring");
    private readonly ConcurrentDictionary<string, (int Alerts, bool Drift, double MaxDistance)> _latest = new(StringComparer.Ordinal);

    public DriftMetrics()
    {
        _meter.CreateObservableGauge("p01.drift.inputs_in_alert", () => Measure(v => v.Alerts), "{input}", "Inputs in alert in the newest window, per model");
        _meter.CreateObservableGauge("p01.drift.dataset_drift", () => Measure(v => v.Drift ? 1 : 0), description: "1 when the newest window is dataset drift");
        _meter.CreateObservableGauge("p01.drift.wasserstein_max", () => _latest.Select(kv => new Measurement<double>(kv.Value.MaxDistance, new KeyValuePair<string, object?>("model", kv.Key))),
            null, "Largest normed Wasserstein distance among the inputs in the newest window, per model");
    }

    public void Report(string model, DriftAnalysis analysis)
    {
        var latest = analysis.Features.Select(f => f.Latest).OfType<WindowDrift>().ToList();
        _latest[model] = (analysis.Alerts.Count(), analysis.DatasetDrifted,
            latest.Select(w => w.WassersteinSd).Where(double.IsFinite).DefaultIfEmpty(0).Max());
    }

    private IEnumerable<Measurement<int>> Measure(Func<(int Alerts, bool Drift, double MaxDistance), int> value) =>
        _latest.Select(kv => new Measurement<int>(value(kv.Value), new KeyValuePair<string, object?>("model", kv.Key)));

    public void Dispose() => _meter.Dispose();
}
