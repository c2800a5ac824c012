using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Project01.Cli.Console;
using Project01.Core.Data;
using Project01.Core.Features;
using Project01.Core.Forecasting;
using Project01.Core.Market;
using Project01.DeepForecasting;
using Project01.DeepForecasting.Training;
using Project01.Modeling.Datasets;
using Project01.Onnx;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Project01.Cli.Commands;

/// <summary>
/// Measured speed of the deep forecasters on a bundled data set: training samples/s per epoch (TorchSharp), and the
/// latency of scoring one series' window (p50/p99, one row per call) plus batch throughput over every test window,
/// natively in TorchSharp and through the exported ONNX graph in ONNX Runtime, in the same run. JSON on stdout.
/// </summary>
public sealed class BenchDeepCommand : Command<BenchDeepCommand.Settings>
{
    private const int WarmupCalls = 50;
    private const int BatchRepeats = 3;

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--data <NAME>")]
        [Description("dow30 (the bundled Dow 30 closes 1991–2000, a panel; default) or sp500 (the bundled S&P 500 index 2000–2020, one series)")]
        public string Data { get; init; } = "dow30";

        [CommandOption("--target <TARGET>")]
        [Description("ret1 or vol5 (default vol5)")]
        public string Target { get; init; } = "vol5";

        [CommandOption("--model <MODEL>")]
        [Description("tft, deepar or all (default all)")]
        public string Model { get; init; } = "all";

        [CommandOption("--epochs <N>")]
        [Description("training epochs, all of them run (no early stopping; default 2)")]
        public int Epochs { get; init; } = 2;

        [CommandOption("--lookback <BARS>")]
        [Description("bars of history per window (default 20)")]
        public int Lookback { get; init; } = 20;

        [CommandOption("--hidden <N>")]
        [Description("hidden size (default 32)")]
        public int Hidden { get; init; } = 32;

        [CommandOption("--batch <N>")]
        [Description("training mini-batch size (default 256)")]
        public int Batch { get; init; } = 256;

        [CommandOption("--calls <N>")]
        [Description("timed single-series calls per runtime (default 500, after 50 warm-up calls)")]
        public int Calls { get; init; } = 500;

        [CommandOption("--device <DEVICE>")]
        [Description("TorchSharp device: cpu (default), cuda or auto; ONNX Runtime always runs on the CPU")]
        public string Device { get; init; } = "cpu";

        public override ValidationResult Validate()
        {
            if (Epochs < 1 || Lookback < 1 || Hidden < 1 || Batch < 1 || Calls < 1)
                return ValidationResult.Error("--epochs, --lookback, --hidden, --batch and --calls are positive");
            if (Data is not ("dow30" or "sp500")) return ValidationResult.Error($"--data is dow30 or sp500, not '{Data}'");
            if (Model != "all" && !DeepNetworks.IsDeep(Model)) return ValidationResult.Error($"--model is {string.Join(", ", DeepNetworks.Algorithms)} or all, not '{Model}'");
            return ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var target = ForecastTargets.Parse(settings.Target);
        if (target is not (ForecastTarget.Ret1 or ForecastTarget.Vol5)) throw new ArgumentException("the deep forecasters forecast ret1 and vol5");
        var models = settings.Model == "all" ? DeepNetworks.Algorithms : [settings.Model.ToLowerInvariant()];

        Stderr.Info($"building the {settings.Data} windows (lookback {settings.Lookback}, target {target.Name()})");
        var history = settings.Data == "sp500" ? Sp500History() : Dow30History();
        var inputs = SequenceInputs.Window(ModelInputs.Series, settings.Lookback);
        var dataset = DatasetBuilder.Build(history, PriceFeatures.Names, target, inputs);
        var train = dataset.Part(Split.Train).ToList();
        var test = dataset.Part(Split.Test).ToList();
        if (train.Count == 0 || test.Count == 0) throw new InvalidOperationException($"the {settings.Data} data gave no train or no test windows");
        var testRows = test.Select(e => e.Features).ToList();
        // One series: the newest test window of one symbol (the last one in time order).
        var single = test[^1].Features;

        var config = new DeepConfig
        {
            Epochs = settings.Epochs, Lookback = settings.Lookback, Hidden = settings.Hidden, BatchSize = settings.Batch,
            Patience = int.MaxValue, Device = settings.Device,
        };

        var results = new List<ModelResult>();
        foreach (var model in models)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Stderr.Info($"{model}: training {settings.Epochs} epoch(s) on {train.Count} train windows");
            var trainer = DeepForecasters.Trainer(model, target, config);
            trainer.Progress = new SyncProgress(Stderr.Info);
            using var forecaster = trainer.Fit(train, inputs, config);
            var onnxBytes = forecaster.ToOnnx();
            using var onnx = new OnnxRegressor(onnxBytes);

            Stderr.Info($"{model}: {settings.Calls} single-series calls per runtime, then {testRows.Count} test windows in one call");
            var torchLatency = Latency(() => forecaster.Score([single]), settings.Calls);
            var onnxLatency = Latency(() => onnx.PredictWithBand(single), settings.Calls);

            var flat = new float[testRows.Count * forecaster.FeatureCount];
            for (var i = 0; i < testRows.Count; i++) testRows[i].CopyTo(flat, i * forecaster.FeatureCount);
            double[] torchPoints = [];
            float[] onnxPoints = [];
            var torchBatch = BatchSeconds(() => torchPoints = forecaster.Score(testRows).Point);
            var onnxBatch = BatchSeconds(() => onnxPoints = onnx.PredictWithBand(flat).Score);
            var difference = torchPoints.Zip(onnxPoints, (a, b) => Math.Abs(a - b)).DefaultIfEmpty().Max();

            results.Add(new ModelResult(model, forecaster.Report, onnxBytes.Length, torchLatency, onnxLatency,
                testRows.Count / torchBatch, testRows.Count / onnxBatch, difference, onnx.ExecutionProvider));
            var r = results[^1];
            Stderr.Info($"{model}: {SamplesPerSecond(r.Report):F0} samples/s training; p50 {r.Torch.P50:F0} µs TorchSharp, {r.Onnx.P50:F0} µs ONNX Runtime");
        }

        using (var json = new Utf8JsonWriter(System.Console.OpenStandardOutput()))
            Write(json, settings, target, dataset, train.Count, test.Count, results);
        System.Console.Out.WriteLine();
        return 0;
    }

    private sealed record Percentiles(double P50, double P99, double Mean);

    private sealed record ModelResult(string Model, DeepTrainingReport Report, int OnnxBytes, Percentiles Torch, Percentiles Onnx,
        double TorchRowsPerSecond, double OnnxRowsPerSecond, double MaxPointDifference, string OnnxProvider);

    /// <summary>Windows trained on over all epochs, per second of all epochs (each epoch's own rate is in the report).</summary>
    private static double SamplesPerSecond(DeepTrainingReport report) =>
        report.TotalSeconds > 0 ? report.Epochs.Sum(e => e.SamplesPerSecond * e.Seconds) / report.TotalSeconds : 0;

    /// <summary>Microseconds per call after a warm-up: every call timed on its own (Stopwatch ticks).</summary>
    private static Percentiles Latency(Action call, int calls)
    {
        for (var i = 0; i < WarmupCalls; i++) call();
        var micros = new double[calls];
        for (var i = 0; i < calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            call();
            micros[i] = (Stopwatch.GetTimestamp() - start) * 1e6 / Stopwatch.Frequency;
        }
        var mean = micros.Average();
        Array.Sort(micros);
        return new Percentiles(Percentile(micros, 0.50), Percentile(micros, 0.99), mean);
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double q) =>
        sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>Seconds of the fastest of a few timed runs of one batch call, after one warm-up run.</summary>
    private static double BatchSeconds(Action call)
    {
        call();
        var best = double.PositiveInfinity;
        for (var i = 0; i < BatchRepeats; i++)
        {
            var start = Stopwatch.GetTimestamp();
            call();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        return best;
    }

    private static IReadOnlyList<FeatureObservation> Dow30History()
    {
        using var reader = BundledData.OpenText(BundledData.DowJones30Daily);
        return FeatureHistory.FromBars(new MarketCsvReader(BundledData.DowJones30Daily, "?").ReadStrict(reader).ToList());
    }

    private static IReadOnlyList<FeatureObservation> Sp500History()
    {
        var bars = BundledData.Sp500Bars();
        var values = PriceFeatureEngine.ComputeBatch(bars.ToArray());
        var n = PriceFeatures.Count;
        return bars.Select((b, i) => new FeatureObservation(b.Symbol, b.Time, values.AsSpan(i * n, n).ToArray())).ToList();
    }

    private static void Write(Utf8JsonWriter json, Settings settings, ForecastTarget target, SupervisedDataset dataset, int trainCount, int testCount,
        IReadOnlyList<ModelResult> results)
    {
        json.WriteStartObject();
        json.WriteString("measured_at", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"));
        json.WriteStartObject("machine");
        json.WriteNumber("processor_count", Environment.ProcessorCount);
        json.WriteString("os", RuntimeInformation.OSDescription);
        json.WriteString("architecture", RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant());
        json.WriteString("runtime", RuntimeInformation.FrameworkDescription);
        json.WriteString("device", results.Count > 0 ? results[0].Report.Device : settings.Device);
        json.WriteString("onnx_execution_provider", results.Count > 0 ? results[0].OnnxProvider : "CPU");
        json.WriteEndObject();

        json.WriteStartObject("dataset");
        json.WriteString("name", settings.Data);
        json.WriteString("target", target.Name());
        json.WriteNumber("symbols", dataset.Examples.Select(e => e.Symbol).Distinct().Count());
        json.WriteNumber("train_windows", trainCount);
        json.WriteNumber("test_windows", testCount);
        json.WriteNumber("lookback", settings.Lookback);
        json.WriteNumber("inputs", dataset.Inputs.Count);
        json.WriteNumber("features_per_bar", ModelInputs.Series.Count);
        json.WriteString("train_end", dataset.Splits.TrainEnd.ToString("yyyy-MM-dd"));
        json.WriteString("validation_end", dataset.Splits.ValidationEnd.ToString("yyyy-MM-dd"));
        json.WriteEndObject();

        json.WriteStartObject("settings");
        json.WriteNumber("epochs", settings.Epochs);
        json.WriteNumber("hidden", settings.Hidden);
        json.WriteNumber("batch", settings.Batch);
        json.WriteNumber("calls", settings.Calls);
        json.WriteNumber("warmup_calls", WarmupCalls);
        json.WriteEndObject();

        json.WriteStartObject("models");
        foreach (var r in results)
        {
            json.WriteStartObject(r.Model);
            json.WriteStartObject("training");
            json.WriteNumber("epochs", r.Report.Epochs.Count);
            json.WriteNumber("fit_windows", r.Report.Epochs.Count == 0 ? 0 : (long)Math.Round(r.Report.Epochs[0].SamplesPerSecond * r.Report.Epochs[0].Seconds));
            json.WriteNumber("seconds_per_epoch", Math.Round(r.Report.SecondsPerEpoch, 3));
            json.WriteNumber("samples_per_second", Math.Round(SamplesPerSecond(r.Report), 1));
            json.WriteStartArray("samples_per_second_by_epoch");
            foreach (var e in r.Report.Epochs) json.WriteNumberValue(Math.Round(e.SamplesPerSecond, 1));
            json.WriteEndArray();
            json.WriteString("device", r.Report.Device);
            json.WriteEndObject();

            json.WriteStartObject("inference");
            Runtime(json, "torchsharp", r.Torch, r.TorchRowsPerSecond);
            Runtime(json, "onnxruntime", r.Onnx, r.OnnxRowsPerSecond);
            json.WriteNumber("onnx_over_torch_p50", Math.Round(r.Onnx.P50 / r.Torch.P50, 4));
            json.WriteNumber("max_abs_point_difference", r.MaxPointDifference);
            json.WriteNumber("onnx_model_bytes", r.OnnxBytes);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Runtime(Utf8JsonWriter json, string name, Percentiles latency, double rowsPerSecond)
    {
        json.WriteStartObject(name);
        json.WriteNumber("p50_us", Math.Round(latency.P50, 1));
        json.WriteNumber("p99_us", Math.Round(latency.P99, 1));
        json.WriteNumber("mean_us", Math.Round(latency.Mean, 1));
        json.WriteNumber("batch_rows_per_second", Math.Round(rowsPerSecond, 1));
        json.WriteEndObject();
    }
}
