namespace Project01.Onnx.Explanations;

/// <summary>One prediction taken apart: a base value (the model's answer when no input is known) plus one contribution
/// per input, summing to the prediction.</summary>
public sealed record Attribution(double BaseValue, double[] Contributions)
{
    public double Prediction => BaseValue + Contributions.Sum();
}

/// <summary>Explains a served model's predictions from its ONNX file alone.</summary>
public interface IForecastExplainer
{
    /// <summary>How the contributions are defined (<c>tree_shap</c>, <c>linear</c>).</summary>
    string Method { get; }

    Attribution Explain(ReadOnlySpan<float> features);
}

/// <summary>The explainer an ONNX model supports, or why it has none.</summary>
public static class ForecastExplainers
{
    public static IForecastExplainer? Load(byte[] onnx, out string whyNot)
    {
        try
        {
            return Read(onnx, out whyNot);
        }
        catch (System.Text.Json.JsonException e)
        {
            // A model whose explanation metadata is damaged still serves forecasts; only explaining them is refused.
            whyNot = $"the model's explanation metadata cannot be read: {e.Message}";
            return null;
        }
    }

    private static IForecastExplainer? Read(byte[] onnx, out string whyNot)
    {
        var graph = ScoringGraph.TryRead(onnx, out whyNot);
        if (graph?.Trees is { } trees)
        {
            var covers = ExplanationMetadata.Read(graph.Model, ExplanationMetadata.NodeCovers);
            if (covers is null)
            {
                whyNot = "the model was exported without the training rows through each tree node (node covers) that exact SHAP values need; models trained since explanations exist carry them: retrain it";
                return null;
            }
            if (covers.Length != trees.NodeOrder.Count)
            {
                whyNot = $"the model lists {covers.Length} node covers for {trees.NodeOrder.Count} tree nodes";
                return null;
            }
            return new TreeShapExplainer(trees, covers);
        }
        if (graph?.Linear is { } linear)
        {
            var means = ExplanationMetadata.Read(graph.Model, ExplanationMetadata.FeatureMeans);
            if (means is null)
            {
                whyNot = "the linear model was exported without the training means of its inputs that contributions are measured from; models trained since explanations exist carry them: retrain it";
                return null;
            }
            if (means.Length != linear.Weights.Length)
            {
                whyNot = $"the model lists {means.Length} input means for {linear.Weights.Length} weights";
                return null;
            }
            return new LinearExplainer(linear, means);
        }
        return null;
    }
}

/// <summary>TreeSHAP summed over the trees; the base value is the ensemble's base value plus each tree's expected output.</summary>
public sealed class TreeShapExplainer : IForecastExplainer
{
    private readonly ServedTreeEnsemble _trees;
    private readonly double[][] _covers;
    private readonly int _features;
    private readonly int _maxDepth;

    public TreeShapExplainer(ServedTreeEnsemble trees, IReadOnlyList<double> covers)
    {
        _trees = trees;
        _covers = [.. trees.Trees.Select(t => new double[t.NodeCount])];
        for (var k = 0; k < covers.Count; k++)
        {
            var (tree, node) = trees.NodeOrder[k];
            _covers[tree][node] = covers[k];
        }
        _features = trees.Trees.SelectMany(t => t.Feature.Where((_, n) => !t.IsLeaf(n))).DefaultIfEmpty(-1).Max() + 1;
        _maxDepth = trees.Trees.Select(t => t.MaxDepth).DefaultIfEmpty(0).Max();
        BaseValue = trees.BaseValue + trees.Trees.Select((t, i) => TreeShap.ExpectedValue(t, _covers[i])).Sum();
    }

    public string Method => "tree_shap";

    public double BaseValue { get; }

    public Attribution Explain(ReadOnlySpan<float> features)
    {
        if (features.Length < _features) throw new ArgumentException($"the trees split on {_features} inputs, {features.Length} given");
        var phi = new double[features.Length];
        var buffer = TreeShap.PathBuffer(_maxDepth);
        for (var t = 0; t < _trees.Trees.Count; t++) TreeShap.Accumulate(_trees.Trees[t], _covers[t], features, phi, buffer);
        return new Attribution(BaseValue, phi);
    }
}

/// <summary>
/// A linear model's contributions measured from the training mean: <c>w_i (x_i − μ_i)</c>, base value
/// <c>b + Σ w_i μ_i</c> (the prediction at the mean input). These are the model's exact Shapley values when inputs are
/// treated as independent.
/// </summary>
public sealed class LinearExplainer(LinearMap linear, IReadOnlyList<double> means) : IForecastExplainer
{
    public string Method => "linear";

    public double BaseValue { get; } = linear.Bias + linear.Weights.Select((w, i) => w * means[i]).Sum();

    public Attribution Explain(ReadOnlySpan<float> features)
    {
        if (features.Length != linear.Weights.Length) throw new ArgumentException($"the model has {linear.Weights.Length} inputs, {features.Length} given");
        var contributions = new double[features.Length];
        for (var i = 0; i < contributions.Length; i++) contributions[i] = linear.Weights[i] * (features[i] - means[i]);
        return new Attribution(BaseValue, contributions);
    }
}
