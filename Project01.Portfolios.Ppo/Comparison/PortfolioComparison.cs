using Project01.Portfolios.Allocators;
using Project01.Portfolios.Backtest;
using Project01.Portfolios.Optimisers;

namespace Project01.Portfolios.Ppo.Comparison;

/// <summary>Which methods to compare and their settings: <c>all</c> or one of <see cref="PortfolioComparison.Methods"/>
/// (equal weight bought and held always runs as the benchmark), mean-variance's λ and weight cap, and PPO's settings.</summary>
public sealed record PortfolioComparisonSettings(string Method = PortfolioComparison.All, double RiskAversion = 10, double Cap = 0.2, PpoOptions? Ppo = null)
{
    public PpoOptions PpoOrDefault => Ppo ?? new PpoOptions();
}

/// <summary>
/// The walk-forward comparison of portfolio methods on one panel, as <c>p01 portfolio</c> and the Training service run
/// it: equal weight bought and held (the benchmark) and rebalanced, mean-variance and minimum variance on Ledoit–Wolf
/// covariance, risk parity, and a PPO agent trained on the days before the test span.
/// </summary>
public static class PortfolioComparison
{
    public const string All = "all";

    public static IReadOnlyList<string> Methods { get; } = ["ew-buy-hold", "ew", "mv", "min-var", "rp", "ppo"];

    /// <summary>Why the settings cannot run on a panel of <paramref name="assets"/> (the setting at fault, named as in
    /// <see cref="PortfolioComparisonSettings"/> and <see cref="PortfolioBacktestOptions"/>, and the reason), or null when they can.</summary>
    public static (string Setting, string Reason)? Invalid(PortfolioComparisonSettings settings, PortfolioBacktestOptions options, int? assets = null)
    {
        if (settings.Method != All && !Methods.Contains(settings.Method)) return ("method", $"method is {All} or one of {string.Join(", ", Methods)}, not '{settings.Method}'");
        if (!(options.CostBps >= 0)) return ("costBps", "cost cannot be negative");
        if (options.Window < 20) return ("window", "the window needs at least 20 days");
        if (!(settings.RiskAversion > 0)) return ("riskAversion", "risk aversion must be positive");
        if (settings.Cap is not (> 0 and <= 1)) return ("cap", "the cap is a weight in (0, 1]");
        if (assets is { } n && settings.Cap * n < 1) return ("cap", $"a cap of {settings.Cap} on {n} assets cannot sum to one");
        return null;
    }

    /// <summary>Backtests each wanted method in turn (the benchmark first); <paramref name="log"/> gets a line per method.</summary>
    public static IReadOnlyList<PortfolioRun> Run(ReturnPanel panel, PortfolioBacktestOptions options, PortfolioComparisonSettings settings,
        Action<string>? log = null, CancellationToken ct = default)
    {
        if (Invalid(settings, options, panel.Symbols.Count) is { } problem) throw new ArgumentException(problem.Reason);
        var runs = new List<PortfolioRun>();
        foreach (var allocator in Allocators(settings, panel, options, log, ct))
        {
            try
            {
                ct.ThrowIfCancellationRequested();
                runs.Add(WalkForwardBacktest.Run(panel, allocator, options, log));
            }
            finally
            {
                (allocator as IDisposable)?.Dispose();
            }
            var p = runs[^1].Performance;
            log?.Invoke($"{allocator.Name}: annual return {p.AnnualReturn:P1}, volatility {p.AnnualVolatility:P1}, Sharpe {p.Sharpe:F2}, max drawdown {p.MaxDrawdown:P1}");
        }
        return runs;
    }

    private static IEnumerable<IAllocator> Allocators(PortfolioComparisonSettings settings, ReturnPanel panel, PortfolioBacktestOptions options, Action<string>? log,
        CancellationToken ct)
    {
        bool Wanted(string name) => settings.Method == All || settings.Method == name;
        yield return new EqualWeightBuyAndHold(); // the benchmark, always
        if (Wanted("ew")) yield return new EqualWeight();
        var mv = new MeanVarianceOptions(settings.RiskAversion, settings.Cap);
        if (Wanted("mv")) yield return new MeanVarianceAllocator(mv);
        if (Wanted("min-var")) yield return new MeanVarianceAllocator(mv, minimumVariance: true);
        if (Wanted("rp")) yield return new RiskParityAllocator();
        if (Wanted("ppo")) yield return new PpoAllocator(panel, options.TestStart, options.CostBps, settings.PpoOrDefault, log, ct);
    }
}
