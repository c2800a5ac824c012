using System.Text.Json;
using Project01.Portfolios.Backtest;

namespace Project01.Cli.Commands.Portfolios;

/// <summary>The one JSON object <c>p01 portfolio</c> prints; undefined ratios are null (JSON has no NaN).</summary>
public static class PortfolioJson
{
    public static void Write(Utf8JsonWriter json, string input, ReturnPanel panel, PortfolioBacktestOptions options, IReadOnlyList<PortfolioRun> runs)
    {
        json.WriteStartObject();
        json.WriteString("input", input);
        json.WriteNumber("assets", panel.Symbols.Count);
        json.WriteString("test_start", runs[0].Periods[0].Date.ToString("yyyy-MM-dd"));
        json.WriteString("test_end", runs[0].Periods[^1].Date.ToString("yyyy-MM-dd"));
        json.WriteNumber("test_days", runs[0].Periods.Count);
        json.WriteNumber("window_days", options.Window);
        json.WriteNumber("cost_bps", options.CostBps);
        json.WriteString("rebalance", options.Rebalance.ToString().ToLowerInvariant());
        json.WriteStartObject("methods");
        foreach (var run in runs)
        {
            json.WriteStartObject(run.Method);
            var p = run.Performance;
            Number(json, "total_return", p.TotalReturn);
            Number(json, "annual_return", p.AnnualReturn);
            Number(json, "annual_volatility", p.AnnualVolatility);
            Number(json, "sharpe", p.Sharpe);
            Number(json, "sortino", p.Sortino);
            Number(json, "max_drawdown", p.MaxDrawdown);
            Number(json, "calmar", p.Calmar);
            Number(json, "turnover_per_day", p.Turnover);
            Number(json, "turnover_per_year", p.Turnover * 252);
            Number(json, "total_cost", run.TotalCost);
            json.WriteNumber("rebalances", run.Rebalances);
            Number(json, "cash", 1 - run.FinalWeights.Sum());
            json.WriteStartObject("final_weights");
            for (var i = 0; i < panel.Symbols.Count; i++) Number(json, panel.Symbols[i], run.FinalWeights[i]);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value)) json.WriteNumber(name, Math.Round(value, 10));
        else json.WriteNull(name);
    }
}
