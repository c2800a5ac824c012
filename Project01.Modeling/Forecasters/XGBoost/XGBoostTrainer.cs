using System.Globalization;
using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;
using Project01.Modeling.Forecasters.Trees;
using Project01.Modeling.Onnx;

namespace Project01.Modeling.Forecasters.XGBoost;

/// <summary>Hyper-parameters of one XGBoost regression fit (squared error, histogram trees, one thread, fixed seed).</summary>
public sealed record XGBoostConfig(int Rounds, int MaxDepth, double LearningRate, double MinChildWeight, double Lambda = 1, double Subsample = 1, int Seed = 0)
    : ModelConfig
{
    public override IReadOnlyDictionary<string, string> Describe() => new Dictionary<string, string>
    {
        ["rounds"] = Rounds.ToString(CultureInfo.InvariantCulture),
        ["max_depth"] = MaxDepth.ToString(CultureInfo.InvariantCulture),
        ["eta"] = XGBoostBooster.Format(LearningRate),
        ["min_child_weight"] = XGBoostBooster.Format(MinChildWeight),
        ["lambda"] = XGBoostBooster.Format(Lambda),
        ["subsample"] = XGBoostBooster.Format(Subsample),
        ["seed"] = Seed.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>What XGBoost is told: <see cref="Describe"/> plus the fixed settings and the base score.</summary>
    internal IReadOnlyDictionary<string, string> NativeParameters(double baseScore) => new Dictionary<string, string>
    {
        ["objective"] = "reg:squarederror",
        ["tree_method"] = "hist",
        ["nthread"] = "1",
        ["verbosity"] = "0",
        ["seed"] = Seed.ToString(CultureInfo.InvariantCulture),
        ["max_depth"] = MaxDepth.ToString(CultureInfo.InvariantCulture),
        ["eta"] = XGBoostBooster.Format(LearningRate),
        ["min_child_weight"] = XGBoostBooster.Format(MinChildWeight),
        ["lambda"] = XGBoostBooster.Format(Lambda),
        ["subsample"] = XGBoostBooster.Format(Subsample),
        ["base_score"] = XGBoostBooster.Format(baseScore),
    };
}

/// <summary>A fitted XGBoost model: native predictions from the booster, ONNX from its JSON trees.</summary>
public sealed class XGBoostForecaster : IForecaster, IDisposable
{
    private readonly XGBoostBooster _booster;

    internal XGBoostForecaster(XGBoostBooster booster, int featureCount, IReadOnlyDictionary<string, string> parameters)
    {
        _booster = booster;
        FeatureCount = featureCount;
        Parameters = parameters;
        Trees = XGBoostModelJson.Parse(booster.SaveJson());
    }

    public string Algorithm => ForecasterCatalog.XGBoost;
    public int FeatureCount { get; }
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>The trees as read back from XGBoost's JSON: what the ONNX file holds.</summary>
    public TreeEnsemble Trees { get; }

    public double[] Predict(IReadOnlyList<float[]> rows)
    {
        var data = new float[rows.Count * FeatureCount];
        for (var n = 0; n < rows.Count; n++) rows[n].CopyTo(data, n * FeatureCount);
        return [.. _booster.Predict(data, rows.Count, FeatureCount).Select(v => (double)v)];
    }

    /// <summary>XGBoost's own SHAP values per row: one per input, then the bias (the reference served explanations are
    /// checked against).</summary>
    public double[][] Contributions(IReadOnlyList<float[]> rows)
    {
        var data = new float[rows.Count * FeatureCount];
        for (var n = 0; n < rows.Count; n++) rows[n].CopyTo(data, n * FeatureCount);
        var flat = _booster.Contributions(data, rows.Count, FeatureCount);
        return [.. Enumerable.Range(0, rows.Count).Select(n => flat.AsSpan(n * (FeatureCount + 1), FeatureCount + 1).ToArray().Select(v => (double)v).ToArray())];
    }

    public byte[] ToOnnx() =>
        TreeEnsembleOnnx.Write(Trees, FeatureCount, new Dictionary<string, string>(Parameters) { ["algorithm"] = Algorithm });

    public void Dispose() => _booster.Dispose();
}

/// <summary>
/// XGBoost through its C API (Debian <c>libxgboost0</c>). The base score is set to the mean training label: XGBoost
/// 1.7 would otherwise start every margin at 0.5, far from any return or volatility.
/// </summary>
public sealed class XGBoostTrainer : IForecasterTrainer
{
    public IReadOnlyList<ForecastTarget> Targets => ForecastTargets.All;

    public string Algorithm => ForecasterCatalog.XGBoost;

    public IReadOnlyList<ModelConfig> SearchSpace(SupervisedDataset dataset) =>
    [
        .. from rounds in new[] { 100, 300 }
           from depth in new[] { 3, 5 }
           select new XGBoostConfig(rounds, depth, 0.03, 50),
    ];

    public IForecaster Fit(IReadOnlyList<Example> examples, IReadOnlyList<string> inputs, ModelConfig config)
    {
        if (examples.Count == 0) throw new InvalidOperationException("no examples to train on");
        var c = (XGBoostConfig)config;
        var k = inputs.Count;
        var data = new float[examples.Count * k];
        var labels = new float[examples.Count];
        for (var n = 0; n < examples.Count; n++)
        {
            examples[n].Features.CopyTo(data, n * k);
            labels[n] = (float)examples[n].Label;
        }
        var booster = XGBoostBooster.Train(data, examples.Count, k, labels, c.NativeParameters(examples.Average(e => e.Label)), c.Rounds);
        return new XGBoostForecaster(booster, k, c.Describe());
    }
}
