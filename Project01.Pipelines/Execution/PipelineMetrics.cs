using System.Diagnostics.Metrics;

namespace Project01.Pipelines.Execution;

/// <summary>Step durations and outcomes, run outcomes and alerts, on the "Project01.Pipelines" meter (Prometheus:
/// <c>p01_pipeline_step_duration_seconds</c>, <c>p01_pipeline_runs_total</c>, <c>p01_pipeline_alerts_total</c>).</summary>
public sealed class PipelineMetrics : IDisposable
{
    public const string MeterName = "Project01.Pipelines";

    private readonly Meter _meter = new(MeterName);
    private readonly Histogram<double> _stepDuration;
    private readonly Counter<long> _runs;
    private readonly Counter<long> _alerts;

    public PipelineMetrics()
    {
        _stepDuration = _meter.CreateHistogram<double>("p01.pipeline.step.duration", "s", "Duration of one step attempt");
        _runs = _meter.CreateCounter<long>("p01.pipeline.runs", description: "Finished pipeline runs by outcome");
        _alerts = _meter.CreateCounter<long>("p01.pipeline.alerts", description: "Pipeline alerts by kind");
    }

    /// <summary>Zero-valued run and alert series for a pipeline, so "no alerts yet" is a 0 on the dashboard, not a gap.</summary>
    public void Register(string pipeline)
    {
        foreach (var state in new[] { "succeeded", "failed" }) _runs.Add(0, new("pipeline", pipeline), new("state", state));
        foreach (var kind in new[] { "failed", "sla" }) _alerts.Add(0, new("pipeline", pipeline), new("kind", kind));
    }

    public void StepAttempt(string pipeline, string step, string outcome, TimeSpan duration) =>
        _stepDuration.Record(duration.TotalSeconds, new("pipeline", pipeline), new("step", step), new("outcome", outcome));

    public void RunFinished(string pipeline, string state) => _runs.Add(1, new("pipeline", pipeline), new("state", state));

    public void Alert(string pipeline, string step, string kind) => _alerts.Add(1, new("pipeline", pipeline), new("step", step), new("kind", kind));

    public void Dispose() => _meter.Dispose();
}
