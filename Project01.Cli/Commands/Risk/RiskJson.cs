using System.Text.Json;
using Project01.Risk;
using Project01.Risk.Backtests;
using Project01.Risk.Garch;
using Project01.Risk.Returns;

namespace Project01.Cli.Commands.Risk;

/// <summary>
/// The one JSON object <c>p01 risk</c> prints. VaR and ES are positive losses of the cumulative log return (0.03 = a
/// 3 % log-return fall); undefined measures are null (JSON has no NaN).
/// </summary>
public static class RiskJson
{
    public static void Write(Utf8JsonWriter json, string input, DatedReturns returns, RiskEstimate latest, VarBacktestReport backtest, VarBacktestOptions options)
    {
        json.WriteStartObject();
        json.WriteString("input", input);
        json.WriteString("method", "GARCH(1,1) with constant mean, Gaussian QMLE; filtered historical simulation");
        json.WriteString("loss_convention", "positive loss of the cumulative log return");
        json.WriteStartObject("returns");
        json.WriteNumber("n", returns.Count);
        json.WriteString("start", Date(returns.Dates[0]));
        json.WriteString("end", Date(returns.Dates[^1]));
        json.WriteEndObject();
        json.WriteNumber("paths", options.Risk.Paths);
        json.WriteNumber("seed", options.Risk.Seed);
        json.WriteNumber("refit_every", options.RefitEvery);
        json.WriteString("model", options.Risk.Model == Project01.Risk.Garch.VolatilityModel.GjrGarch ? "gjr" : "garch");

        json.WriteStartObject("latest");
        json.WriteString("as_of", Date(returns.Dates[^1]));
        Garch(json, "garch", latest.Fit);
        json.WriteNumber("next_day_volatility", latest.NextVolatility);
        json.WriteStartArray("risk");
        foreach (var f in latest.Figures)
        {
            json.WriteStartObject();
            json.WriteNumber("horizon_days", f.Horizon);
            json.WriteNumber("level", f.Level);
            json.WriteNumber("var", f.ValueAtRisk);
            json.WriteNumber("es", f.ExpectedShortfall);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteStartObject("backtest");
        json.WriteString("start", Date(returns.Dates[backtest.FirstIndex]));
        json.WriteString("end", Date(returns.Dates[backtest.Days[^1].Index]));
        json.WriteNumber("days", backtest.Days.Count);
        json.WriteNumber("refits", backtest.Refits);
        json.WriteStartArray("levels");
        foreach (var level in backtest.Levels) Level(json, level, backtest.LongHorizon);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Level(Utf8JsonWriter json, LevelBacktest level, int longHorizon)
    {
        var daily = level.Daily;
        json.WriteStartObject();
        json.WriteNumber("level", level.Level);
        Coverage(json, daily);
        Number(json, "christoffersen_ind_lr", daily.Independence.Statistic);
        Number(json, "ind_p", daily.Independence.PValue);
        Number(json, "cc_lr", daily.ConditionalCoverage.Statistic);
        Number(json, "cc_p", daily.ConditionalCoverage.PValue);
        json.WriteStartObject("transitions");
        json.WriteNumber("n00", daily.Transitions.N00);
        json.WriteNumber("n01", daily.Transitions.N01);
        json.WriteNumber("n10", daily.Transitions.N10);
        json.WriteNumber("n11", daily.Transitions.N11);
        json.WriteEndObject();
        Number(json, "mean_shortfall_ratio", level.Shortfall.MeanShortfallRatio);
        Number(json, "es_z2", level.Shortfall.AcerbiSzekelyZ2);
        // Non-overlapping windows: few observations (a tenth of the days), so only gross failures show.
        json.WriteStartObject("long_horizon");
        json.WriteNumber("horizon_days", longHorizon);
        Coverage(json, level.LongHorizon);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Coverage(Utf8JsonWriter json, CoverageReport report)
    {
        json.WriteNumber("observations", report.Observations);
        json.WriteNumber("exceptions", report.Exceedances);
        json.WriteNumber("expected", report.ExpectedExceedances);
        Number(json, "exception_rate", report.ExceedanceRate);
        Number(json, "kupiec_lr", report.Kupiec.Statistic);
        Number(json, "kupiec_p", report.Kupiec.PValue);
    }

    private static void Garch(Utf8JsonWriter json, string name, GarchFit fit)
    {
        var p = fit.Parameters;
        json.WriteStartObject(name);
        json.WriteNumber("mu", p.Mu);
        json.WriteNumber("omega", p.Omega);
        json.WriteNumber("alpha", p.Alpha);
        json.WriteNumber("beta", p.Beta);
        json.WriteNumber("gamma", p.Gamma);
        json.WriteNumber("persistence", p.Persistence);
        json.WriteNumber("long_run_volatility", Math.Sqrt(p.UnconditionalVariance));
        json.WriteNumber("log_likelihood", fit.LogLikelihood);
        json.WriteNumber("observations", fit.Observations);
        json.WriteEndObject();
    }

    private static string Date(DateTime date) => date.ToString("yyyy-MM-dd");

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value)) json.WriteNumber(name, value);
        else json.WriteNull(name);
    }
}
