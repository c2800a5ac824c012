using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Project01.Backtesting;

namespace Project01.Backtesting.Runs;

/// <summary>
/// A stored backtest of a registered model version's test predictions. <see cref="RunId"/> is a hash of everything
/// that determines the result (dataset id, model name and version, strategy, costs, periods a year), so the same run
/// id always means the same numbers, and running it again reproduces them.
/// </summary>
public sealed record BacktestRun(
    string RunId,
    string Name,
    int Version,
    string DatasetId,
    string Strategy,
    double CostBps,
    int PeriodsPerYear,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<DateTime> Dates,
    IReadOnlyList<double> Equity,
    IReadOnlyList<double> Drawdown,
    IReadOnlyList<double> Turnover,
    DateTime? CreatedAt)
{
    public static string ComputeRunId(string datasetId, string name, int version, string strategy, double costBps, int periodsPerYear)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{datasetId}|{name}|v{version}|{strategy}|{costBps:R}bps|{periodsPerYear}");
        return "bt-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
    }

    public static BacktestRun From(string name, int version, string datasetId, StrategySpec spec, BacktestResult result)
    {
        var p = result.Performance;
        var s = result.Signals;
        var metrics = new Dictionary<string, double>
        {
            ["annual_return"] = p.AnnualReturn,
            ["annual_volatility"] = p.AnnualVolatility,
            ["sharpe"] = p.Sharpe,
            ["sortino"] = p.Sortino,
            ["max_drawdown"] = p.MaxDrawdown,
            ["calmar"] = p.Calmar,
            ["hit_rate"] = p.HitRate,
            ["turnover"] = p.Turnover,
            ["total_return"] = p.TotalReturn,
            ["periods"] = p.Periods,
            ["ic"] = s.Ic,
            ["rank_ic"] = s.RankIc,
            ["icir"] = s.Icir,
        };
        return new BacktestRun(ComputeRunId(datasetId, name, version, spec.Text, result.Options.CostBps, result.Options.PeriodsPerYear),
            name, version, datasetId, spec.Text, result.Options.CostBps, result.Options.PeriodsPerYear, metrics,
            [.. result.Periods.Select(x => x.Date)], [.. result.Periods.Select(x => x.Equity)], [.. result.Periods.Select(x => x.Drawdown)],
            [.. result.Periods.Select(x => x.Turnover)], null);
    }
}
