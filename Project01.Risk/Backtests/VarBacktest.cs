using Project01.Risk.Garch;

namespace Project01.Risk.Backtests;

/// <summary>
/// Out-of-sample VaR/ES backtest of GARCH + FHS: for each day from the first test day on, forecast from the returns
/// strictly before it (refitting the parameters every few days, filtering volatility daily), then compare with what
/// happened. The long horizon is checked on non-overlapping windows from the first test day.
/// </summary>
public static class VarBacktest
{
    /// <param name="logReturns">daily log returns, oldest first.</param>
    /// <param name="firstTestIndex">the first day forecast; the days before it are the first fit's history.</param>
    public static VarBacktestReport Run(ReadOnlySpan<double> logReturns, int firstTestIndex, VarBacktestOptions options, IProgress<string>? progress = null)
    {
        if (options.Validate() is { } problem) throw new ArgumentException(problem);
        if (firstTestIndex < GarchEstimator.MinimumObservations)
            throw new ArgumentException($"the test span must start after at least {GarchEstimator.MinimumObservations} returns of history, not {firstTestIndex}");
        if (firstTestIndex >= logReturns.Length) throw new ArgumentException("the test span is empty: no return on or after its start");

        var levels = options.Risk.Levels;
        var daily = options.Risk with { Horizons = [1] };
        var both = options.Risk with { Horizons = [1, options.LongHorizon] };
        var random = new Random(options.Risk.Seed);
        var days = new List<VarForecastDay>(logReturns.Length - firstTestIndex);
        var windows = new List<LongHorizonWindow>();
        GarchFit? fit = null;
        var refits = 0;
        for (var t = firstTestIndex; t < logReturns.Length; t++)
        {
            var start = options.Window is { } w ? Math.Max(0, t - w) : 0;
            var history = logReturns[start..t];
            if ((t - firstTestIndex) % options.RefitEvery == 0)
            {
                fit = GarchEstimator.Fit(history, options.Risk.Model);
                refits++;
                progress?.Report($"refit {refits} before test day {t - firstTestIndex + 1} on {history.Length} returns: α {fit.Parameters.Alpha:F3}, β {fit.Parameters.Beta:F3}, γ {fit.Parameters.Gamma:F3}");
            }
            // A long window starts here when the day is on the grid and all its days are observed.
            var offset = t - firstTestIndex;
            var windowStarts = offset % options.LongHorizon == 0 && t + options.LongHorizon <= logReturns.Length;
            var estimate = RiskModel.Forecast(history, fit!, windowStarts ? both : daily, random);

            days.Add(new VarForecastDay(t, logReturns[t], estimate.NextVolatility,
                [.. levels.Select(l => estimate.Figure(1, l).ValueAtRisk)], [.. levels.Select(l => estimate.Figure(1, l).ExpectedShortfall)]));
            if (windowStarts)
            {
                var realised = 0.0;
                foreach (var r in logReturns.Slice(t, options.LongHorizon)) realised += r;
                windows.Add(new LongHorizonWindow(t, realised, [.. levels.Select(l => estimate.Figure(options.LongHorizon, l).ValueAtRisk)]));
            }
        }

        var report = levels.Select((level, k) => Evaluate(days, windows, level, k)).ToList();
        return new VarBacktestReport(firstTestIndex, refits, options.LongHorizon, fit!, days, windows, report);
    }

    private static LevelBacktest Evaluate(List<VarForecastDay> days, List<LongHorizonWindow> windows, double level, int k)
    {
        var losses = days.Select(d => -d.Return).ToArray();
        var valueAtRisk = days.Select(d => d.ValueAtRisk[k]).ToArray();
        var shortfall = days.Select(d => d.ExpectedShortfall[k]).ToArray();
        var exceeded = losses.Select((loss, t) => loss > valueAtRisk[t]).ToArray();
        var longExceeded = windows.Select(w => -w.Return > w.ValueAtRisk[k]).ToArray();
        return new LevelBacktest(level, CoverageReport.Of(exceeded, level), ShortfallBacktest.Of(losses, valueAtRisk, shortfall, level),
            CoverageReport.Of(longExceeded, level));
    }
}
