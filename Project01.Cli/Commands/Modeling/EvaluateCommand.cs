using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Project01.Cli.Console;
using Project01.Core.Features;
using Project01.Core.Forecasting;
using Project01.Backtesting;
using Project01.DeepForecasting;
using Project01.Modeling.Datasets;
using Project01.Modeling.Forecasters;
using Project01.Modeling.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Project01.Cli.Commands.Modeling;

/// <summary>
/// Trains one algorithm on a bar file with the platform's features and prints one JSON object: the spans, the chosen
/// setting and the test-span measures of the model next to the naive baseline (plus daily cross-sectional rank IC and
/// ICIR for a panel). Progress goes to stderr.
/// </summary>
public sealed class EvaluateCommand : Command<EvaluateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--input <CSV>")]
        [Description("date,close (plus open,high,low,volume when present) for one series, or date,symbol,close for a panel")]
        public string Input { get; init; } = "";

        [CommandOption("--target <TARGET>")]
        [Description("ret1 (next-day log return), vol5 (next-5-day realized volatility) or dir1 (next-day direction)")]
        public string Target { get; init; } = "";

        [CommandOption("--model <MODEL>")]
        [Description("naive, har (vol5 only), ridge, lightgbm, xgboost, auto, or the deep forecasters tft and deepar (ret1, vol5)")]
        public string Model { get; init; } = "";

        [CommandOption("--train-end <DATE>")]
        [Description("last label date of the training span (yyyy-MM-dd)")]
        public string TrainEnd { get; init; } = "";

        [CommandOption("--valid-end <DATE>")]
        [Description("last label date of the validation span; the test span is every forecast made after it")]
        public string ValidEnd { get; init; } = "";

        [CommandOption("--backtest <SPEC>")]
        [Description("also backtest the test-span forecasts (ret1): topk:K:NDROP, longshort:Q or longflat[:THRESHOLD]")]
        public string? Backtest { get; init; }

        [CommandOption("--cost-bps <BPS>")]
        [Description("backtest transaction cost in basis points of traded notional (default 10)")]
        public double CostBps { get; init; } = 10;

        [CommandOption("--interval <LEVEL>")]
        [Description("also report the calibrated interval's coverage and mean width at this level on the test span (e.g. 0.9); 0.8 and 0.9 are always in \"intervals\"")]
        public double? Interval { get; init; }

        [CommandOption("--folds <N>")]
        [Description("also run purged walk-forward validation of the chosen setting on N folds of train + validation (never the test span)")]
        public int Folds { get; init; }

        [CommandOption("--embargo <BARS>")]
        [Description("walk-forward embargo after each test fold, in bars (default: the target's horizon)")]
        public int? Embargo { get; init; }

        [CommandOption("--epochs <N>")]
        [Description("tft/deepar: most training epochs (early stopping usually ends sooner; default 30)")]
        public int? Epochs { get; init; }

        [CommandOption("--lookback <BARS>")]
        [Description("tft/deepar: bars of history each forecast reads (default 20)")]
        public int? Lookback { get; init; }

        [CommandOption("--hidden <N>")]
        [Description("tft/deepar: hidden size (default 32)")]
        public int? Hidden { get; init; }

        [CommandOption("--likelihood <NAME>")]
        [Description("deepar: gaussian or student-t (default)")]
        public string? Likelihood { get; init; }

        [CommandOption("--seed <N>")]
        [Description("tft/deepar: seed of weights and shuffles (same seed, same weights on the CPU; default 7)")]
        public int? Seed { get; init; }

        [CommandOption("--device <DEVICE>")]
        [Description("tft/deepar: auto (CUDA when libtorch has it, default), cpu or cuda")]
        public string? Device { get; init; }

        /// <summary>The deep forecasters' setting from the flags (defaults where a flag is absent).</summary>
        public DeepConfig DeepConfig()
        {
            var d = new DeepConfig();
            return d with
            {
                Epochs = Epochs ?? d.Epochs,
                Lookback = Lookback ?? d.Lookback,
                Hidden = Hidden ?? d.Hidden,
                Likelihood = Likelihood ?? d.Likelihood,
                Seed = Seed ?? d.Seed,
                Device = Device ?? d.Device,
            };
        }

        public override ValidationResult Validate()
        {
            if (Epochs is < 1 || Lookback is < 1 || Hidden is < 1) return ValidationResult.Error("--epochs, --lookback and --hidden are positive");
            if (Folds < 0 || Embargo < 0) return ValidationResult.Error("--folds and --embargo cannot be negative");
            if (Interval is { } level && level is <= 0 or >= 1) return ValidationResult.Error($"--interval is a coverage level between 0 and 1 (e.g. 0.9), not {level}");
            foreach (var (value, option) in new[] { (Input, "--input"), (Target, "--target"), (Model, "--model"), (TrainEnd, "--train-end"), (ValidEnd, "--valid-end") })
                if (string.IsNullOrEmpty(value)) return ValidationResult.Error($"{option} is required");
            return ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var target = ForecastTargets.Parse(settings.Target);
        DeepForecasters.Register(settings.DeepConfig());
        ForecasterCatalog.Create(settings.Model, target); // an unknown model, or one that cannot forecast the target, fails before any work
        if (settings.Interval is not null && target == ForecastTarget.Dir1) throw new ArgumentException("--interval calibrates intervals of ret1 and vol5 forecasts; dir1 forecasts a probability");
        var strategy = settings.Backtest is null ? null : StrategySpec.Parse(settings.Backtest);
        if (strategy is not null && target != ForecastTarget.Ret1) throw new ArgumentException("--backtest trades ret1 forecasts (scores ranked by expected return)");
        var trainEnd = ParseDate(settings.TrainEnd, "--train-end");
        var validEnd = ParseDate(settings.ValidEnd, "--valid-end");
        if (!File.Exists(settings.Input))
        {
            Stderr.Error($"input file not found: {settings.Input}");
            return 2;
        }

        var (bars, _) = BarFile.Read(settings.Input);
        var history = FeatureHistory.FromBars(bars);
        var report = HoldoutEvaluation.Run(history, PriceFeatures.Names, target, settings.Model, trainEnd, validEnd, progress: new SyncProgress(Stderr.Info),
            walkForwardFolds: settings.Folds, embargo: settings.Embargo);

        var backtest = strategy is null ? null : Backtester.Run(
            report.Trained.Predictions.Select(p => Signal.FromLogReturn(p.FeatureTime, p.Symbol, p.Predicted, p.Actual)), strategy.Strategy, new BacktestOptions(settings.CostBps));

        using (var json = new Utf8JsonWriter(System.Console.OpenStandardOutput()))
            EvaluationJson.Write(json, report, Path.GetFileName(settings.Input), strategy, backtest, settings.Interval);
        System.Console.Out.WriteLine();
        Stderr.Info($"{report.Algorithm} on {report.Test.Examples} test examples: {string.Join(", ", report.ModelMetrics.Select(kv => $"{kv.Key} {kv.Value:G4}"))}");
        return 0;
    }

    private static DateTime ParseDate(string text, string option) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)
            : throw new ArgumentException($"{option}: '{text}' is not a date (yyyy-MM-dd)");
}
