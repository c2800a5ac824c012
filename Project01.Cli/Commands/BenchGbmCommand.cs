using System.ComponentModel;
using System.Text.Json;
using Project01.Modeling.Benchmarking;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Project01.Cli.Commands;

/// <summary><c>p01 bench gbm --input PANEL.csv [--dataset DIR]</c>: XGBoost and LightGBM fit and batch-scoring times on
/// the panel's price features and vol5 labels; JSON on stdout, progress on stderr.</summary>
public sealed class BenchGbmCommand : Command<BenchGbmCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--input <CSV>")]
        [Description("a panel: date,symbol,open,high,low,close,volume (p01 bench panel writes one)")]
        public string Input { get; init; } = "";

        [CommandOption("--dataset <DIR>")]
        [Description("also write train.csv and test.csv here (23 features, label) for the Python peer")]
        public string? Dataset { get; init; }

        [CommandOption("--rounds <N>")]
        [DefaultValue(100)]
        public int Rounds { get; init; } = 100;

        [CommandOption("--depth <N>")]
        [DefaultValue(6)]
        public int Depth { get; init; } = 6;

        [CommandOption("--eta <X>")]
        [DefaultValue(0.1)]
        public double Eta { get; init; } = 0.1;

        [CommandOption("--min-child-weight <X>")]
        [DefaultValue(50.0)]
        public double MinChildWeight { get; init; } = 50;

        public override ValidationResult Validate() =>
            string.IsNullOrEmpty(Input) ? ValidationResult.Error("--input is required")
            : Rounds < 1 || Depth < 1 || Depth > 16 ? ValidationResult.Error("--rounds must be ≥ 1 and --depth 1–16")
            : Eta <= 0 ? ValidationResult.Error("--eta must be > 0")
            : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        System.Console.Error.WriteLine($"features and vol5 labels from {settings.Input}…");
        var data = GradientBoostingDataset.FromPanel(settings.Input);
        if (settings.Dataset is { } dir)
        {
            Directory.CreateDirectory(dir);
            GradientBoostingDataset.Write(Path.Combine(dir, "train.csv"), data.Inputs, data.Train);
            GradientBoostingDataset.Write(Path.Combine(dir, "test.csv"), data.Inputs, data.Test);
        }
        var s = new GradientBoostingSettings(settings.Rounds, settings.Depth, settings.Eta, settings.MinChildWeight);
        var r = GradientBoostingBenchmark.Run(data, s, System.Console.Error);
        System.Console.Out.WriteLine(JsonSerializer.Serialize(new
        {
            tool = "project01", train_rows = r.TrainRows, test_rows = r.TestRows, features = r.Features,
            rounds = s.Rounds, max_depth = s.MaxDepth, eta = s.LearningRate, min_child_weight = s.MinChildWeight,
            models = r.Models.Select(m => new
            {
                model = m.Model, fit_seconds = Math.Round(m.FitSeconds, 3), test_rmse = m.TestRmse,
                predict_rows_per_second = m.PredictRowsPerSecond.ToDictionary(p => p.Key, p => Math.Round(p.Value)),
            }),
            max_onnx_difference = r.MaxOnnxDifference, peak_rss_mib = r.PeakRssBytes / (1024 * 1024),
        }));
        return 0;
    }
}
