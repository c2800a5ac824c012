using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Project01.Contracts;
using Project01.Core.Market;
using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Registry;
using Project01.Risk;
using Project01.Risk.Backtests;
using Project01.Risk.Garch;
using Project01.Risk.Returns;

namespace Project01.Serving.Risk;

/// <summary>
/// A symbol's tail risk from its daily closes in the offline feature history: GJR-GARCH(1,1) fitted on the last
/// <see cref="RiskServingOptions.Lookback"/> returns, VaR/ES by filtered historical simulation, and the same method
/// backtested out of sample on the last <see cref="RiskServingOptions.BacktestDays"/> days. Computed once per symbol and
/// latest close (a fit and a backtest take about a second), then served from memory until a new bar arrives.
/// </summary>
public sealed class SymbolRisk(OfflineFeatureStore offline, IOptions<RiskServingOptions> options)
{
    private readonly ConcurrentDictionary<string, (DateTime AsOf, Task<RiskDto> Risk)> _latest = new(StringComparer.Ordinal);

    /// <summary>Null when the symbol has no closes; throws <see cref="InsufficientHistoryException"/> when it has too few.</summary>
    public async Task<RiskDto?> GetAsync(string symbol, CancellationToken ct)
    {
        var o = options.Value;
        var close = FeatureView.Price.Features.ToList().IndexOf("close");
        var history = await offline.GetHistoryAsync(FeatureView.Price, symbol, ct: ct);
        var bars = history.Where(r => double.IsFinite(r.Values[close]) && r.Values[close] > 0)
            .Select(r => Bar.FromClose(symbol, r.EventTime, r.Values[close])).TakeLast(o.Lookback + o.BacktestDays + 1).ToList();
        if (bars.Count == 0) return null;
        var needed = GarchEstimator.MinimumObservations + o.BacktestDays + 1;
        if (bars.Count < needed)
            throw new InsufficientHistoryException($"{symbol} has {bars.Count} daily closes; the risk model and its backtest need {needed}");

        var asOf = bars[^1].Time;
        if (_latest.TryGetValue(symbol, out var cached) && cached.AsOf == asOf) return await cached.Risk;
        var task = Task.Run(() => Estimate(symbol, DatedReturns.FromCloses(bars), o), CancellationToken.None);
        _latest[symbol] = (asOf, task);
        return await task.WaitAsync(ct);
    }

    private static RiskDto Estimate(string symbol, DatedReturns returns, RiskServingOptions o)
    {
        var risk = new RiskOptions { Paths = o.Paths };
        var fitted = returns.Values.AsSpan(Math.Max(0, returns.Count - o.Lookback));
        var estimate = RiskModel.Estimate(fitted, risk);
        var firstTest = returns.Count - o.BacktestDays;
        var backtest = VarBacktest.Run(returns.Values, firstTest, new VarBacktestOptions { Risk = risk, RefitEvery = o.RefitEvery, Window = o.Lookback });
        var p = estimate.Fit.Parameters;
        return new RiskDto(symbol, returns.Dates[^1], fitted.Length, estimate.NextVolatility,
            new GarchDto(p.Mu, p.Omega, p.Alpha, p.Beta, p.Persistence, Math.Sqrt(p.UnconditionalVariance),
                risk.Model == VolatilityModel.GjrGarch ? "gjr" : "garch", p.Gamma),
            [.. estimate.Figures.Select(f => new RiskFigureDto(f.Horizon, f.Level, f.ValueAtRisk, f.ExpectedShortfall))],
            new RiskBacktestDto(returns.Dates[firstTest], returns.Dates[^1], o.BacktestDays, o.RefitEvery,
                [.. backtest.Levels.Select(l => new RiskLevelBacktestDto(l.Level, l.Daily.Exceedances, l.Daily.ExpectedExceedances,
                    l.Daily.Kupiec.PValue, l.Daily.Independence.PValue, l.Daily.ConditionalCoverage.PValue, l.Shortfall.MeanShortfallRatio))]));
    }
}

public sealed class InsufficientHistoryException(string message) : Exception(message);
