using System.Globalization;
using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;
using Project01.Modeling.Onnx;
using Project01.Onnx;

namespace Project01.Modeling.Forecasters.Naive;

public enum NaiveKind
{
    /// <summary>Tomorrow equals today: the value of one input (ret1: logret; vol5: rvol5, the last realized volatility).</summary>
    Persistence,

    /// <summary>Today's direction: 1 when the input (logret) is positive, else 0 (dir1).</summary>
    Direction,

    /// <summary>Always 0 (ret1: no change expected).</summary>
    Zero,
}

public sealed record NaiveConfig(NaiveKind Kind, string Input) : ModelConfig
{
    public override IReadOnlyDictionary<string, string> Describe() => new Dictionary<string, string> { ["kind"] = Kind.ToString().ToLowerInvariant(), ["input"] = Input };

    /// <summary>The naive forecast of a target, as <see cref="TargetLabels.Naive"/> defines it.</summary>
    public static NaiveConfig For(ForecastTarget target) => target switch
    {
        ForecastTarget.Ret1 => new(NaiveKind.Persistence, "logret"),
        ForecastTarget.Dir1 => new(NaiveKind.Direction, "logret"),
        ForecastTarget.Vol5 => new(NaiveKind.Persistence, "rvol5"),
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };
}

/// <summary>A rule, not a fit: the baseline every model must beat, exported to ONNX like the others.</summary>
public sealed class NaiveForecaster(NaiveConfig config, int column, int featureCount) : IForecaster
{
    public string Algorithm => ForecasterCatalog.Naive;
    public int FeatureCount => featureCount;

    public double[] Predict(IReadOnlyList<float[]> rows) => [.. rows.Select(r => config.Kind switch
    {
        NaiveKind.Persistence => r[column],
        NaiveKind.Direction => r[column] > 0 ? 1.0 : 0.0,
        _ => 0.0,
    })];

    public byte[] ToOnnx()
    {
        // Picking a column is a MatMul with a one-hot vector (x·1 + 0 elsewhere is exact in float).
        var select = new double[featureCount];
        if (config.Kind != NaiveKind.Zero) select[column] = 1;
        var metadata = new Dictionary<string, string> { ["algorithm"] = Algorithm, ["kind"] = config.Kind.ToString().ToLowerInvariant() };
        if (config.Kind != NaiveKind.Direction) return LinearOnnx.Write(select, 0, metadata);
        return OnnxModelWriter.Write("naive_direction", featureCount,
            [
                OnnxModelWriter.Node("MatMul", [OnnxModelWriter.InputName, "W"], ["x"]),
                OnnxModelWriter.Node("Greater", ["x", "Zero"], ["up"]),
                OnnxModelWriter.Node("Cast", ["up"], [OnnxModelWriter.OutputName], "", OnnxModelWriter.Attribute("to", 1L)),
            ],
            [
                OnnxModelWriter.FloatTensor("W", [featureCount, 1], select.Select(v => (float)v)),
                OnnxModelWriter.FloatTensor("Zero", [1], [0f]),
            ], metadata);
    }
}

public sealed class NaiveTrainer : IForecasterTrainer
{
    public IReadOnlyList<ForecastTarget> Targets => ForecastTargets.All;

    public string Algorithm => ForecasterCatalog.Naive;

    public IReadOnlyList<ModelConfig> SearchSpace(SupervisedDataset dataset) => [NaiveConfig.For(dataset.Target)];

    public IForecaster Fit(IReadOnlyList<Example> examples, IReadOnlyList<string> inputs, ModelConfig config)
    {
        var c = (NaiveConfig)config;
        var column = c.Kind == NaiveKind.Zero ? 0 : IndexOfInput(inputs, c.Input);
        return new NaiveForecaster(c, column, inputs.Count);
    }

    internal static int IndexOfInput(IReadOnlyList<string> inputs, string name)
    {
        for (var i = 0; i < inputs.Count; i++) if (inputs[i] == name) return i;
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"the model needs input '{name}', which the dataset does not have ({string.Join(", ", inputs)})"));
    }
}
