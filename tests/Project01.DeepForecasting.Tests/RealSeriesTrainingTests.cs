using Project01.Core.Data;
using Project01.Core.Features;
using Project01.Core.Forecasting;
using Project01.Core.Market;
using Project01.Modeling.Datasets;
using Project01.Modeling.Training;

namespace Project01.DeepForecasting.Tests;

/// <summary>
/// CPU training smoke runs on real series (five Dow 30 stocks, 1991–2000) through the platform's one training recipe:
/// a few epochs, small networks, inside CI time. They check the whole path (windows from the feature history, scaling,
/// the loop, ONNX export and its parity, the calibrated band), not forecast quality, which <c>p01 evaluate</c> measures.
/// </summary>
public sealed class RealSeriesTrainingTests
{
    private static readonly Lazy<IReadOnlyList<FeatureObservation>> FiveStocks = new(() =>
    {
        using var reader = BundledData.OpenText(BundledData.DowJones30Daily);
        var bars = new MarketCsvReader(BundledData.DowJones30Daily, "?").ReadStrict(reader).ToList();
        var symbols = bars.Select(b => b.Symbol).Distinct().Order(StringComparer.Ordinal).Take(5).ToHashSet();
        return FeatureHistory.FromBars([.. bars.Where(b => symbols.Contains(b.Symbol))]);
    });

    private static readonly DatasetSplits Splits = new(new DateTime(1996, 12, 31, 0, 0, 0, DateTimeKind.Utc), new DateTime(1998, 12, 31, 0, 0, 0, DateTimeKind.Utc));

    private static DeepConfig Small(int seed = 3) => new() { Lookback = 10, Hidden = 8, Heads = 2, SymbolEmbedding = 4, Epochs = 2, Patience = 5, Seed = seed, Device = "cpu" };

    private static (SupervisedDataset Dataset, DeepForecasterTrainer Trainer) Setup(string algorithm, ForecastTarget target, DeepConfig config)
    {
        var trainer = DeepForecasters.Trainer(algorithm, target, config);
        var dataset = DatasetBuilder.Build(FiveStocks.Value, PriceFeatures.Names, target, trainer.InputsFor(target, panel: true), Splits);
        return (dataset, trainer);
    }

    [Theory]
    [InlineData(DeepNetworks.DeepAr, ForecastTarget.Vol5)]
    [InlineData(DeepNetworks.DeepAr, ForecastTarget.Ret1)]
    [InlineData(DeepNetworks.Tft, ForecastTarget.Vol5)]
    public void TrainsOnRealSeriesAndExportsWhatItComputes(string algorithm, ForecastTarget target)
    {
        var (dataset, trainer) = Setup(algorithm, target, Small());
        var progress = new List<string>();
        var trained = ForecasterTraining.Train(dataset, trainer, new SynchronousProgress(progress.Add));

        Assert.Equal(algorithm, trained.Algorithm);
        Assert.InRange(trained.Metrics["onnx_parity_max_abs"], 0, ForecasterTraining.ParityTolerance);
        Assert.InRange(trained.Metrics["train_epochs"], 1, 2); // the refit runs the best epoch count of the validation-stopped fit
        Assert.Equal("cpu", trained.Parameters["training_device"]);
        Assert.Contains(progress, line => line.StartsWith("epoch 2:", StringComparison.Ordinal));
        // The band: the network's own, then calibrated; both cover something and neither everything on 1999–2000.
        Assert.InRange(trained.Metrics["test_raw_coverage80"], 0.2, 0.99);
        Assert.InRange(trained.Metrics["test_coverage80"], 0.5, 0.99);
        Assert.True(double.IsFinite(trained.Metrics[Core.Forecasting.ModelBand.Margin]));
        Assert.True(trained.Predictions.All(p => double.IsFinite(p.Predicted)));
        if (target == ForecastTarget.Vol5) Assert.True(trained.Predictions.All(p => p.Predicted > 0), "a volatility forecast is positive");
        // Importances are per input, all lags of one reported together.
        Assert.Contains("logret", trained.Importances.Keys);
        Assert.DoesNotContain(trained.Importances.Keys, k => k.Contains("_lag", StringComparison.Ordinal));
    }

    [Fact]
    public void TheSameSeedTrainsTheSameModelOnTheCpu()
    {
        var (dataset, _) = Setup(DeepNetworks.DeepAr, ForecastTarget.Vol5, Small());
        var train = dataset.Part(Split.Train).ToList();
        var test = dataset.Part(Split.Test).Select(e => e.Features).Take(200).ToList();
        double[] Fit(int seed)
        {
            var trainer = DeepForecasters.Trainer(DeepNetworks.DeepAr, ForecastTarget.Vol5, Small(seed));
            using var model = trainer.Fit(train, dataset.Inputs, trainer.Config);
            return model.Predict(test);
        }
        Assert.Equal(Fit(5), Fit(5));
        Assert.NotEqual(Fit(5), Fit(6));
    }

    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
