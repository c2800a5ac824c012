using Project01.Risk.Garch;

namespace Project01.Risk.Backtests;

/// <summary>One forecast day: the realised log return, the model's volatility σ_t for the day and, per level (in the
/// options' order), the VaR and ES forecast before the return was known.</summary>
public sealed record VarForecastDay(int Index, double Return, double Volatility, double[] ValueAtRisk, double[] ExpectedShortfall);

/// <summary>One non-overlapping long-horizon window: its first day, the realised cumulative log return and, per level, the VaR
/// forecast the day before it began.</summary>
public sealed record LongHorizonWindow(int Index, double Return, double[] ValueAtRisk);

/// <summary>The backtest of one confidence level: 1-day coverage and shortfall, and the non-overlapping long-horizon coverage.</summary>
public sealed record LevelBacktest(double Level, CoverageReport Daily, ShortfallBacktest Shortfall, CoverageReport LongHorizon);

/// <summary>
/// The out-of-sample record: every day's forecast, per level the tests, and the last fitted model.
/// </summary>
/// <param name="FirstIndex">index (in the returns given) of the first forecast day.</param>
public sealed record VarBacktestReport(
    int FirstIndex,
    int Refits,
    int LongHorizon,
    GarchFit LastFit,
    IReadOnlyList<VarForecastDay> Days,
    IReadOnlyList<LongHorizonWindow> Windows,
    IReadOnlyList<LevelBacktest> Levels);
