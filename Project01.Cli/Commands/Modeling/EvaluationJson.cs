using Project01.Modeling.CrossValidation;
using Project01.Modeling.Evaluation;
using System.Text.Json;
using Project01.Core.Forecasting;
using Project01.Backtesting;
using Project01.Modeling.Datasets;
using Project01.Modeling.Training;

namespace Project01.Cli.Commands.Modeling;

/// <summary>The one JSON object <c>p01 evaluate</c> prints. Undefined measures are null (JSON has no NaN).</summary>
public static class EvaluationJson
{
    private static readonly Dictionary<ForecastTarget, string[]> Reported = new()
    {
        [ForecastTarget.Ret1] = ["ic", "rank_ic", "rmse", "directional_accuracy"],
        [ForecastTarget.Vol5] = ["rmse", "qlike", "r2", "ic", "rank_ic"],
        [ForecastTarget.Dir1] = ["accuracy", "brier", "ic", "rank_ic"],
    };

    public static void Write(Utf8JsonWriter json, HoldoutReport report, string input, StrategySpec? strategy = null, BacktestResult? backtest = null,
        double? intervalLevel = null)
    {
        json.WriteStartObject();
        json.WriteString("target", report.Target.Name());
        json.WriteString("model", report.Algorithm);
        json.WriteString("input", input);
        json.WriteNumber("symbols", report.Symbols);
        Span(json, "train", report.Train);
        Span(json, "validation", report.Validation);
        Span(json, "test", report.Test);
        json.WriteStartObject("parameters");
        foreach (var (key, value) in report.Parameters) json.WriteString(key, value);
        json.WriteEndObject();
        json.WriteString("selected_by", report.SelectionMeasure);
        Number(json, "validation_score", report.ValidationScore);
        Metrics(json, "model_metrics", report, report.ModelMetrics);
        Metrics(json, "naive_metrics", report, report.NaiveMetrics);
        Number(json, "onnx_parity_max_abs", report.OnnxParityMaxAbs);
        Training(json, report);
        Intervals(json, report, intervalLevel);
        if (report.WalkForward.Count > 0) WalkForward(json, report);
        if (strategy is not null && backtest is not null) Backtest(json, strategy, backtest);
        json.WriteEndObject();
    }

    /// <summary>Calibrated (conformal) intervals on the test span: <c>coverage</c> and <c>interval_width</c> at the level asked
    /// for, and <c>intervals</c> at 0.8 and 0.9 (and that level) for every model of a return or volatility target, each
    /// also as adaptive conformal inference (<c>adaptive_*</c>), as DtACI (<c>dynamic_*</c>) and by calendar year (<c>by_year</c>).</summary>
    private static void Intervals(Utf8JsonWriter json, HoldoutReport report, double? level)
    {
        var trained = report.Trained;
        if (trained.ScaledTest.Count == 0) return;
        var levels = ForecasterTraining.ConformalLevels.Concat(level is { } l ? [l] : []).Distinct().Order().ToList();
        var results = levels.Select(l => ConformalIntervals.Evaluate(trained.Calibration, trained.ScaledTest, l)).ToList();
        var adaptive = levels.Select(l => ConformalIntervals.EvaluateAdaptive(trained.Calibration, trained.ScaledTest, l)).ToList();
        var dynamic = levels.Select(l => DynamicConformal.Evaluate(trained.Calibration, trained.ScaledTest, l)).ToList();
        if (level is { } asked)
        {
            var r = results.Single(x => x.Level == asked);
            Number(json, "interval_level", asked);
            Number(json, "coverage", r.Coverage);
            Number(json, "interval_width", r.MeanWidth);
            var a = adaptive.Single(x => x.Level == asked);
            Number(json, "adaptive_coverage", a.Coverage);
            Number(json, "adaptive_interval_width", a.MeanWidth);
            var d = dynamic.Single(x => x.Level == asked);
            Number(json, "dynamic_coverage", d.Coverage);
            Number(json, "dynamic_interval_width", d.MeanWidth);
        }
        json.WriteStartArray("intervals");
        foreach (var (r, a, d) in results.Zip(adaptive, dynamic))
        {
            json.WriteStartObject();
            json.WriteNumber("level", r.Level);
            json.WriteNumber("n", r.Count);
            Number(json, "coverage", r.Coverage);
            Number(json, "interval_width", r.MeanWidth);
            Number(json, "adaptive_coverage", a.Coverage);
            Number(json, "adaptive_interval_width", a.MeanWidth);
            Number(json, "dynamic_coverage", d.Coverage);
            Number(json, "dynamic_interval_width", d.MeanWidth);
            ByYear(json, trained.ScaledTest, ConformalIntervals.Intervals(trained.Calibration, trained.ScaledTest, r.Level),
                ConformalIntervals.AdaptiveIntervals(trained.Calibration, trained.ScaledTest, r.Level),
                DynamicConformal.Intervals(trained.Calibration, trained.ScaledTest, r.Level));
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>Coverage per calendar year of the outcomes: whether the intervals held in a crisis year, not only on average.</summary>
    private static void ByYear(Utf8JsonWriter json, IReadOnlyList<ScaledForecast> test, (double Lower, double Upper)[] split, (double Lower, double Upper)[] adaptive,
        (double Lower, double Upper)[] dynamic)
    {
        static bool Inside(double actual, (double Lower, double Upper) b) => actual >= b.Lower && actual <= b.Upper;
        json.WriteStartArray("by_year");
        foreach (var year in Enumerable.Range(0, test.Count).Where(i => double.IsFinite(split[i].Lower) && double.IsFinite(test[i].Actual))
                     .GroupBy(i => test[i].TargetTime.Year).OrderBy(g => g.Key))
        {
            json.WriteStartObject();
            json.WriteNumber("year", year.Key);
            json.WriteNumber("n", year.Count());
            Number(json, "coverage", year.Average(i => Inside(test[i].Actual, split[i]) ? 1.0 : 0.0));
            Number(json, "adaptive_coverage", year.Average(i => Inside(test[i].Actual, adaptive[i]) ? 1.0 : 0.0));
            Number(json, "dynamic_coverage", year.Average(i => Inside(test[i].Actual, dynamic[i]) ? 1.0 : 0.0));
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WalkForward(Utf8JsonWriter json, HoldoutReport report)
    {
        json.WriteStartArray("walk_forward");
        foreach (var (fold, metrics) in report.WalkForward)
        {
            json.WriteStartObject();
            Fold(json, fold);
            Metrics(json, "metrics", report, metrics);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void Backtest(Utf8JsonWriter json, StrategySpec strategy, BacktestResult result)
    {
        var (p, s) = (result.Performance, result.Signals);
        json.WriteStartObject("backtest");
        json.WriteString("strategy", strategy.Text);
        json.WriteNumber("cost_bps", result.Options.CostBps);
        json.WriteNumber("periods", p.Periods);
        foreach (var (key, value) in new (string, double)[]
        {
            ("annual_return", p.AnnualReturn), ("annual_volatility", p.AnnualVolatility), ("sharpe", p.Sharpe), ("sortino", p.Sortino),
            ("max_drawdown", p.MaxDrawdown), ("calmar", p.Calmar), ("hit_rate", p.HitRate), ("turnover", p.Turnover),
            ("ic", s.Ic), ("rank_ic", s.RankIc), ("icir", s.Icir),
        })
            Number(json, key, value);
        json.WriteEndObject();
    }

    private static void Metrics(Utf8JsonWriter json, string name, HoldoutReport report, IReadOnlyDictionary<string, double> metrics)
    {
        json.WriteStartObject(name);
        IEnumerable<string> keys = Reported[report.Target];
        if (report.Panel) keys = keys.Concat(["daily_rank_ic", "daily_rank_icir", "days"]);
        foreach (var key in keys) Number(json, key, metrics.GetValueOrDefault(key, double.NaN));
        // A model with its own band (tft, deepar): the calibrated band's coverage and width, and the network's raw band's.
        foreach (var key in OwnBand.Where(metrics.ContainsKey)) Number(json, key, metrics[key]);
        json.WriteEndObject();
    }

    private static readonly string[] OwnBand = ["coverage80", "band_width", "raw_coverage80", "raw_band_width"];

    /// <summary>How a deep model's training went (epochs, time, throughput, device), when it was one.</summary>
    private static void Training(Utf8JsonWriter json, HoldoutReport report)
    {
        var metrics = report.Trained.Metrics;
        if (!metrics.ContainsKey("train_seconds")) return;
        json.WriteStartObject("training");
        json.WriteString("device", report.Trained.Parameters.GetValueOrDefault("training_device", "cpu"));
        foreach (var key in new[] { "train_epochs", "train_best_epoch", "train_seconds", "train_seconds_per_epoch", "train_samples_per_second" })
            Number(json, key["train_".Length..], metrics.GetValueOrDefault(key, double.NaN));
        json.WriteEndObject();
    }

    /// <summary>A walk-forward fold's place and sizes (inside an open object): evaluate's and tune's JSON write it alike.</summary>
    internal static void Fold(Utf8JsonWriter json, WalkForwardFold fold)
    {
        json.WriteNumber("fold", fold.Index);
        json.WriteString("test_start", fold.TestStart.ToString("yyyy-MM-dd"));
        json.WriteString("test_end", fold.TestEnd.ToString("yyyy-MM-dd"));
        json.WriteNumber("train_n", fold.Train.Count);
        json.WriteNumber("test_n", fold.Test.Count);
        json.WriteNumber("purged", fold.Purged);
        json.WriteNumber("embargoed", fold.Embargoed);
    }

    /// <summary>A span as {start, end, n}: evaluate's and tune's JSON write it alike.</summary>
    internal static void Span(Utf8JsonWriter json, string name, SpanSummary span)
    {
        json.WriteStartObject(name);
        json.WriteString("start", span.Start.ToString("yyyy-MM-dd"));
        json.WriteString("end", span.End.ToString("yyyy-MM-dd"));
        json.WriteNumber("n", span.Examples);
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value)) json.WriteNumber(name, value);
        else json.WriteNull(name);
    }
}
