namespace Project01.Risk.Backtests;

/// <summary>How the out-of-sample backtest refits and what it forecasts.</summary>
public sealed record VarBacktestOptions
{
    /// <summary>Levels, paths and seed of every day's forecast. Its horizons are ignored: the backtest forecasts 1 day
    /// daily and <see cref="LongHorizon"/> days on non-overlapping windows.</summary>
    public RiskOptions Risk { get; init; } = new();

    /// <summary>Refit the GARCH parameters every this many forecast days (1 = daily); volatilities update daily regardless.</summary>
    public int RefitEvery { get; init; } = 20;

    /// <summary>Fit on at most this many past returns (a rolling window); null fits on all of them (expanding).</summary>
    public int? Window { get; init; }

    /// <summary>The multi-day horizon checked on non-overlapping windows (overlapping ones would share exceedances).</summary>
    public int LongHorizon { get; init; } = 10;

    public string? Validate()
    {
        if (Risk.Validate() is { } problem) return problem;
        if (RefitEvery < 1) return $"refit every 1 or more days, not {RefitEvery}";
        if (Window is { } w && w < Garch.GarchEstimator.MinimumObservations) return $"the fit window needs at least {Garch.GarchEstimator.MinimumObservations} returns, not {w}";
        if (LongHorizon < 2) return $"the long horizon is 2 or more days, not {LongHorizon}";
        return null;
    }
}
