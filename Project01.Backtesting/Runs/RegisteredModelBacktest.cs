using Project01.Core.Forecasting;
using Project01.ModelRegistry.Registry;
using Project01.Backtesting;
using Project01.Modeling.Datasets;

namespace Project01.Backtesting.Runs;

/// <summary>
/// Backtests a registered ret1 model on the test predictions stored with it (out of sample by construction): each
/// prediction is a signal at its feature date, and its realised log return r the period's simple return e^r − 1.
/// </summary>
public sealed class RegisteredModelBacktest(ModelRegistryStore registry, BacktestStore store)
{
    public async Task<(BacktestRun Run, bool Stored)> RunAsync(string name, int version, StrategySpec spec, BacktestOptions options, CancellationToken ct)
    {
        var model = await registry.GetVersionAsync(name, version, ct) ?? throw new KeyNotFoundException($"model {name} has no version {version}");
        if (ForecastTargets.Parse(model.Target) != ForecastTarget.Ret1)
            throw new ArgumentException($"{name} forecasts {model.Target}; backtests trade ret1 forecasts (scores ranked by expected return)");
        var predictions = await registry.GetPredictionsAsync(name, version, ct);
        var signals = predictions.Where(p => p.Actual is not null).Select(p => Signal.FromLogReturn(p.FeatureTime, p.Symbol, p.Predicted, p.Actual!.Value)).ToList();
        if (signals.Count == 0) throw new InvalidOperationException($"{name} v{version} has no test predictions with outcomes to backtest");
        var run = BacktestRun.From(name, version, model.DatasetId, spec, Backtester.Run(signals, spec.Strategy, options));
        var stored = await store.SaveAsync(run, ct);
        return (await store.GetAsync(run.RunId, ct) ?? run, stored); // as stored: with its creation time
    }
}
