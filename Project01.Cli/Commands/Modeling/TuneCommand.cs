using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Project01.Cli.Commands.Registry;
using Project01.Cli.Console;
using Project01.Core.Features;
using Project01.Core.Forecasting;
using Project01.ModelRegistry.Tuning;
using Project01.Modeling.Datasets;
using Project01.Modeling.Tuning;
using Project01.ModelTraining.Tuning;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Project01.Cli.Commands.Modeling;

/// <summary>
/// Hyper-parameter search for one algorithm on a bar file: TPE (or random search) over purged walk-forward folds of
/// train + validation, poor trials pruned, trials in parallel up to the core count. Prints one JSON object with the
/// best trial and its setting's test-span loss next to the naive baseline; progress on stderr. Every trial is recorded
/// in the registry when a database is given.
/// </summary>
public sealed class TuneCommand : AsyncCommand<TuneCommand.Settings>
{
    public sealed class Settings : RegistrySettings
    {
        [CommandOption("--input <CSV>")]
        [Description("date,close (plus open,high,low,volume when present) for one series, or date,symbol,close for a panel")]
        public string Input { get; init; } = "";

        [CommandOption("--model <MODEL>")]
        [Description("lightgbm, xgboost or ridge")]
        public string Model { get; init; } = "";

        [CommandOption("--target <TARGET>")]
        [Description("vol5 (minimises QLIKE), ret1 (MSE) or dir1 (Brier)")]
        public string Target { get; init; } = "";

        [CommandOption("--trials <N>")]
        [Description("trials to run (default 30)")]
        public int Trials { get; init; } = 30;

        [CommandOption("--train-end <DATE>")]
        [Description("last label date of the training span (yyyy-MM-dd)")]
        public string TrainEnd { get; init; } = "";

        [CommandOption("--valid-end <DATE>")]
        [Description("last label date of the validation span; folds cut train + validation, the test span is every forecast made after it")]
        public string ValidEnd { get; init; } = "";

        [CommandOption("--folds <N>")]
        [Description("purged walk-forward folds each trial is scored on (default 5)")]
        public int Folds { get; init; } = 5;

        [CommandOption("--sampler <NAME>")]
        [Description("tpe (default) or random")]
        public string Sampler { get; init; } = TpeSampler.SamplerName;

        [CommandOption("--seed <N>")]
        [Description("the sampler's seed (default 1); with --parallel 1 the same seed gives the same study")]
        public int Seed { get; init; } = 1;

        [CommandOption("--parallel <N>")]
        [Description("trials at once (default: the number of cores)")]
        public int? Parallel { get; init; }

        [CommandOption("--no-pruning")]
        [Description("run every trial on every fold (default: stop a trial worse than the median of completed ones after a fold)")]
        public bool NoPruning { get; init; }

        public override ValidationResult Validate()
        {
            foreach (var (value, option) in new[] { (Input, "--input"), (Target, "--target"), (Model, "--model"), (TrainEnd, "--train-end"), (ValidEnd, "--valid-end") })
                if (string.IsNullOrEmpty(value)) return ValidationResult.Error($"{option} is required");
            if (Trials < 1) return ValidationResult.Error($"--trials must be at least 1, not {Trials}");
            if (Folds < 2) return ValidationResult.Error($"--folds must be at least 2 (pruning compares trials fold by fold), not {Folds}");
            if (Parallel < 1) return ValidationResult.Error($"--parallel must be at least 1, not {Parallel}");
            return ValidationResult.Success();
        }

        /// <summary>Whether a registry database is given (<c>--db</c> or the services' variable); tuning runs without one.</summary>
        public bool HasDatabase => !string.IsNullOrWhiteSpace(Db) || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ConnectionVariable));
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var request = new TuningRequest(settings.Model, ForecastTargets.Parse(settings.Target), ParseDate(settings.TrainEnd, "--train-end"),
            ParseDate(settings.ValidEnd, "--valid-end"), settings.Trials, settings.Folds, settings.Sampler, settings.Seed, settings.Parallel, !settings.NoPruning);
        RecordedTuning.Validate(request); // an unknown model or sampler fails before the file is read
        if (!File.Exists(settings.Input))
        {
            Stderr.Error($"input file not found: {settings.Input}");
            return 2;
        }

        var clock = Stopwatch.StartNew();
        var (bars, _) = BarFile.Read(settings.Input);

        await using var db = settings.HasDatabase ? settings.OpenDatabase() : null;
        if (db is null) Stderr.Info($"no registry database (--db or {RegistrySettings.ConnectionVariable}): trials are not recorded");
        string datasetId;
        await using (var content = File.OpenRead(settings.Input)) datasetId = await RecordedTuning.DatasetIdAsync(Path.GetFileName(settings.Input), content, cancellationToken);
        var progress = new TrialProgress(request.Trials, TuningLoss.Name(request.Target));
        var (report, study) = await RecordedTuning.RunAsync(bars, datasetId, request, db is null ? null : new TuningStudyStore(db),
            s => Stderr.Info($"recording trials in the registry as study {s.Id}"), progress.Report, new SyncProgress(Stderr.Info), cancellationToken);
        clock.Stop();

        using (var json = new Utf8JsonWriter(System.Console.OpenStandardOutput()))
            TuningJson.Write(json, report, Path.GetFileName(settings.Input), study?.Id, clock.Elapsed);
        System.Console.Out.WriteLine();
        Stderr.Info(string.Create(CultureInfo.InvariantCulture,
            $"{report.Study.Completed} completed, {report.Study.Pruned} pruned in {clock.Elapsed.TotalSeconds:F1} s; best trial {report.Best.Number}: cv {report.Loss} {report.Best.Value:G5}, test {report.TestLoss:G5} (naive {report.NaiveTestLoss:G5})"));
        return 0;
    }

    private static DateTime ParseDate(string text, string option) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)
            : throw new ArgumentException($"{option}: '{text}' is not a date (yyyy-MM-dd)");

    /// <summary>One stderr line per finished trial with the best so far (trials finish on several threads).</summary>
    private sealed class TrialProgress(int trials, string loss)
    {
        private readonly Lock _lock = new();
        private int _done;
        private TrialRecord? _best;

        public void Report(TrialRecord trial)
        {
            lock (_lock)
            {
                _done++;
                if (trial.State == TrialState.Complete && (_best is null || trial.Value < _best.Value)) _best = trial;
                var folds = string.Join(' ', trial.StepLosses.Select(l => l.ToString("G4", CultureInfo.InvariantCulture)));
                var best = _best is null ? "" : string.Create(CultureInfo.InvariantCulture, $"; best trial {_best.Number} {_best.Value:G5}");
                Stderr.Info(string.Create(CultureInfo.InvariantCulture,
                    $"[{_done}/{trials}] trial {trial.Number} {trial.State.ToString().ToLowerInvariant()}: {loss} {trial.Value:G5} (folds {folds}) {trial.Parameters}{best}"));
            }
        }
    }
}
