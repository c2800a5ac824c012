using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Project01.Serving.Forecasting;

/// <summary>The inference API's own instruments (besides ASP.NET Core's per-route request durations).</summary>
public sealed class ServingMetrics : IDisposable
{
    public const string MeterName = "Project01.Inference";
    private readonly Meter _meter;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _forecasts;
    private readonly Histogram<double> _shadowDifference;

    public ServingMetrics(IMeterFactory meters, ModelCatalog catalog)
    {
        _meter = meters.Create(MeterName);
        _duration = _meter.CreateHistogram<double>("p01.inference.duration", "ms", "Time to answer a forecast or predict call, by route and model");
        _forecasts = _meter.CreateCounter<long>("p01.inference.forecasts", "{forecast}", "Forecasts and predictions served, by model and outcome");
        _shadowDifference = _meter.CreateHistogram<double>("p01.inference.shadow.abs_difference", "1", "|champion − challenger| per shadow-scored row");
        _meter.CreateObservableGauge("p01.inference.model.version", () => catalog.All.Select(m => new Measurement<long>(m.Version.Version,
            new KeyValuePair<string, object?>("model", m.Version.Name), new KeyValuePair<string, object?>("alias", m.Alias),
            new KeyValuePair<string, object?>("target", m.Version.Target))), "{version}", "Model version served per alias");
    }

    public void Served(string route, LoadedModel model, int rows, string outcome, double milliseconds)
    {
        var tags = new TagList { { "route", route }, { "model", model.Version.Name }, { "version", model.Version.Version } };
        _duration.Record(milliseconds, tags);
        tags.Add("outcome", outcome);
        _forecasts.Add(rows, tags);
    }

    public void Shadowed(string target, double absDifference) => _shadowDifference.Record(absDifference, new KeyValuePair<string, object?>("target", target));

    public void Dispose() => _meter.Dispose();
}
