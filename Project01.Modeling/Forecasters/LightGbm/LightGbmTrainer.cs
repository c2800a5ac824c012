using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using Project01.Modeling.Datasets;
using Project01.Modeling.Forecasters;

namespace Project01.Modeling.Forecasters.LightGbm;

/// <summary>Hyper-parameters of one LightGBM regression fit.</summary>
public sealed record LightGbmParameters(int Iterations, int Leaves, int MinLeafExamples, double LearningRate, int Seed = 42) : ModelConfig
{
    public static IReadOnlyList<LightGbmParameters> SearchSpace { get; } =
    [
        .. from iterations in new[] { 50, 150, 400 }
           from leaves in new[] { 7, 15 }
           select new LightGbmParameters(iterations, leaves, 50, 0.03),
    ];

    public override IReadOnlyDictionary<string, string> Describe() => ToDictionary();

    public IReadOnlyDictionary<string, string> ToDictionary() => new Dictionary<string, string>
    {
        ["iterations"] = Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["leaves"] = Leaves.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["min_leaf_examples"] = MinLeafExamples.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["learning_rate"] = LearningRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["seed"] = Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>A fitted LightGBM model: native predictions and its ONNX export.</summary>
public sealed class LightGbmModel(MLContext ml, ITransformer model, int featureCount)
{
    public int FeatureCount { get; } = featureCount;

    public double[] Predict(IEnumerable<float[]> rows)
    {
        var view = ml.Data.LoadFromEnumerable(rows.Select(r => new FeaturesOnly { Features = r }), LightGbmTrainer.Schema<FeaturesOnly>(FeatureCount));
        return model.Transform(view).GetColumn<float>("Score").Select(v => (double)v).ToArray();
    }

    /// <summary>ONNX bytes with one input <c>Features</c> [N × k] and output <c>Score</c>. Exported from a view that holds
    /// only the features, else the graph would demand a Label input too.</summary>
    public byte[] ToOnnx()
    {
        var view = ml.Data.LoadFromEnumerable(Array.Empty<FeaturesOnly>(), LightGbmTrainer.Schema<FeaturesOnly>(FeatureCount));
        using var stream = new MemoryStream();
        ml.Model.ConvertToOnnx(model, view, stream, "Score");
        return stream.ToArray();
    }

    internal sealed class FeaturesOnly
    {
        public float[] Features { get; set; } = [];
    }
}

/// <summary>Fits LightGBM regressors (ML.NET). Single-threaded: on two cores it trains faster than with threads.</summary>
public static class LightGbmTrainer
{
    public static LightGbmModel Fit(IReadOnlyList<Example> examples, LightGbmParameters p, int featureCount)
    {
        if (examples.Count == 0) throw new InvalidOperationException("no examples to train on");
        var ml = new MLContext(p.Seed);
        var data = ml.Data.LoadFromEnumerable(examples.Select(e => new Labelled { Features = e.Features, Label = (float)e.Label }), Schema<Labelled>(featureCount));
        var trainer = ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
        {
            LabelColumnName = nameof(Labelled.Label),
            FeatureColumnName = nameof(Labelled.Features),
            NumberOfIterations = p.Iterations,
            NumberOfLeaves = p.Leaves,
            MinimumExampleCountPerLeaf = p.MinLeafExamples,
            LearningRate = p.LearningRate,
            NumberOfThreads = 1,
            Seed = p.Seed,
            Silent = true,
        });
        return new LightGbmModel(ml, trainer.Fit(data), featureCount);
    }

    internal static SchemaDefinition Schema<T>(int featureCount)
    {
        var schema = SchemaDefinition.Create(typeof(T));
        schema["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return schema;
    }

    private sealed class Labelled
    {
        public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }
}
