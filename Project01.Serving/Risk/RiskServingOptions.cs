using System.ComponentModel.DataAnnotations;

namespace Project01.Serving.Risk;

/// <summary>How <c>/v1/risk</c> estimates: how much history the GARCH fit sees, how long a span its backtest covers.</summary>
public sealed class RiskServingOptions
{
    public const string Section = "Risk";

    /// <summary>Returns the model is fitted on (about ten years of trading days).</summary>
    [Range(250, 100_000)] public int Lookback { get; set; } = 2520;

    /// <summary>The last days forecast out of sample for the backtest shown next to the figures.</summary>
    [Range(50, 5_000)] public int BacktestDays { get; set; } = 500;

    [Range(1, 250)] public int RefitEvery { get; set; } = 20;

    [Range(1_000, 200_000)] public int Paths { get; set; } = 10_000;
}
