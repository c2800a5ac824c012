using Project01.FeaturePipelines;
using Project01.FeatureStore.Registry;

namespace Project01.Features.Workers;

/// <summary>
/// Applies the code-defined feature views to the registry at start-up (as <c>p01 features apply</c> does), then keeps
/// the macro view in step with the bronze fundamentals table and the sentiment view with the NLP stage's table.
/// </summary>
public sealed partial class FeatureRegistryWorker(
    FeatureRegistry registry, MacroFeaturePipeline macro, SentimentFeaturePipeline sentiment, ILogger<FeatureRegistryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var change in await registry.ApplyAsync(FeatureView.All, "features-service", dryRun: false, stoppingToken))
            LogChange(logger, change.View, change.Kind, string.Join("; ", change.Differences));

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        do
        {
            await RefreshAsync("macro", macro.RefreshAsync, stoppingToken);
            await RefreshAsync("sentiment", sentiment.RefreshAsync, stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Information, "Feature view {View}: {Kind} {Differences}")]
    private static partial void LogChange(ILogger logger, string view, string kind, string differences);

    private async Task RefreshAsync(string view, Func<CancellationToken, Task<int>> refresh, CancellationToken ct)
    {
        try
        {
            await refresh(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRefreshFailed(logger, view, e);
        }
    }

    [LoggerMessage(LogLevel.Warning, "The {View} view's refresh failed; will try again")]
    private static partial void LogRefreshFailed(ILogger logger, string view, Exception e);
}
