using Microsoft.Extensions.Options;
using Project01.Monitoring.Drift;
using Project01.ModelRegistry.Registry;
using Project01.ModelTraining.Decay;
using Project01.ModelTraining.Jobs;
using Project01.Training.Extensions;

namespace Project01.Training.Workers;

/// <summary>
/// Scheduled drift checks: every interval, each model's champion is checked once per state of its data (a new
/// champion or new feature rows make a new check), and the report is stored for the API and the dashboard. A state
/// is checked only once it has held for a whole interval, so a replay or backfill in progress is not re-read every tick.
/// Dataset drift in the newest window, or realised performance decay on the newest days (<see cref="PerformanceDecay"/>),
/// queues a retrain on the current data (<see cref="DriftRetraining"/>).
/// </summary>
public sealed partial class DriftMonitorWorker(
    ModelRegistryStore registry, DriftReportStore reports, DriftMonitor monitor, PerformanceDecay decay, DecayChecks decayChecks, DriftRetraining retraining, IOptions<MonitoringOptions> options,
    ILogger<DriftMonitorWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        await registry.EnsureSchemaAsync(stoppingToken);
        await reports.EnsureSchemaAsync(stoppingToken);
        var lastSeen = new Dictionary<string, string>(StringComparer.Ordinal);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.IntervalSeconds));
        do
        {
            IEnumerable<string> names;
            // A Postgres outage must not stop the service: skip this tick and look again at the next.
            try { names = (await registry.ListAsync(null, stoppingToken)).Select(v => v.Name).Distinct().ToList(); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, "(registry)", e);
                continue;
            }
            foreach (var name in names)
            {
                try
                {
                    if (await registry.GetByAliasAsync(name, Aliases.Champion, stoppingToken) is not { } champion) continue;
                    var dataId = await monitor.DataIdAsync(champion, stoppingToken);
                    var settled = lastSeen.GetValueOrDefault(name) == dataId;
                    lastSeen[name] = dataId;
                    if (!settled || await reports.ExistsAsync(name, champion.Version, dataId, stoppingToken)) continue;
                    var report = await monitor.RunAsync(champion, stoppingToken, dataId);
                    var alerts = report.Analysis.Alerts.Select(f => f.Feature).ToList();
                    if (alerts.Count > 0) LogDrift(logger, name, champion.Version, alerts.Count, string.Join(", ", alerts));
                    else LogChecked(logger, name, champion.Version, report.Analysis.Quality.Count);
                    if (report.Analysis.DatasetDrifted)
                    {
                        var decision = await retraining.OnReportAsync(name, report.Analysis, stoppingToken);
                        LogDatasetDrift(logger, name, champion.Version, decision.Job?.Id, decision.Why);
                    }
                    var check = await decay.CheckAsync(champion, stoppingToken);
                    decayChecks.Record(check);
                    if (check.Decayed)
                    {
                        var decision = await retraining.OnDecayAsync(check, stoppingToken);
                        LogDecay(logger, name, champion.Version, decision.Job?.Id, decision.Why);
                    }
                    else LogHoldsUp(logger, name, check.Describe());
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(logger, name, e);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Warning, "Dataset drift for {Model} v{Version}: retrain job {JobId}: {Why}")]
    private static partial void LogDatasetDrift(ILogger logger, string model, int version, long? jobId, string why);

    [LoggerMessage(LogLevel.Warning, "Performance decay of {Model} v{Version}: retrain job {JobId}: {Why}")]
    private static partial void LogDecay(ILogger logger, string model, int version, long? jobId, string why);

    [LoggerMessage(LogLevel.Information, "{Model} {Check}")]
    private static partial void LogHoldsUp(ILogger logger, string model, string check);

    [LoggerMessage(LogLevel.Warning, "Drift alert for {Model} v{Version}: {Count} inputs past the alert level ({Features})")]
    private static partial void LogDrift(ILogger logger, string model, int version, int count, string features);

    [LoggerMessage(LogLevel.Information, "Checked {Model} v{Version} for drift: no alerts, {QualityIssues} data-quality issues")]
    private static partial void LogChecked(ILogger logger, string model, int version, int qualityIssues);

    [LoggerMessage(LogLevel.Warning, "Drift check of {Model} failed; retrying next interval")]
    private static partial void LogFailed(ILogger logger, string model, Exception e);
}
