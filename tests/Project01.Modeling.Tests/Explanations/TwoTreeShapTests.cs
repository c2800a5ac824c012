using Project01.Modeling.Forecasters.Trees;
using Project01.Modeling.Onnx;
using Project01.Onnx;
using Project01.Onnx.Explanations;

namespace Project01.Modeling.Tests.Explanations;

/// <summary>
/// TreeSHAP on a model small enough to work out by hand, through the whole path a served model takes: trees exported to
/// ONNX, covers recorded from training rows, the explainer loaded from the file alone, ONNX Runtime's own score.
/// </summary>
public sealed class TwoTreeShapTests
{
    // Base score 0.5 plus two trees over inputs x0, x1 (left when x < 0.5, as XGBoost's trees split):
    //   A: x0 < 0.5 ? 1 : 3
    //   B: x1 < 0.5 ? (x0 < 0.5 ? 10 : 20) : −4
    private static readonly TreeEnsemble Model = new(
    [
        new RegressionTree([0, 0, 0], [0.5f, 0, 0], [1, -1, -1], [2, -1, -1], [true, false, false], [0, 1, 3]),
        new RegressionTree([1, 0, 0, 0, 0], [0.5f, 0.5f, 0, 0, 0], [1, 3, -1, -1, -1], [2, 4, -1, -1, -1], [true, true, false, false, false], [0, 0, -4, 10, 20]),
    ], 0.5f);

    // Ten training rows: (0,0) ×4, (1,0) ×2, (0,1) ×1, (1,1) ×3. So half have x0 < 0.5, and 6 of 10 have x1 < 0.5, of
    // which 4 have x0 < 0.5.
    private static readonly float[][] TrainingRows =
    [
        .. Enumerable.Repeat(new float[] { 0, 0 }, 4), .. Enumerable.Repeat(new float[] { 1, 0 }, 2),
        [0, 1], .. Enumerable.Repeat(new float[] { 1, 1 }, 3),
    ];

    private static readonly byte[] Onnx = ExplanationBaseline.Attach(TreeEnsembleOnnx.Write(Model, 2, new Dictionary<string, string>()), TrainingRows);

    private static IForecastExplainer Explainer() =>
        ForecastExplainers.Load(Onnx, out var whyNot) ?? throw new InvalidOperationException(whyNot);

    [Fact]
    public void CoversCountTheTrainingRowsThroughEachNode()
    {
        var graph = ScoringGraph.TryRead(Onnx, out var whyNot) ?? throw new InvalidOperationException(whyNot);
        // Nodes in export order: A's root, leaves 1 and 3; B's root, its x0 split, leaf −4, leaves 10 and 20.
        Assert.Equal([10, 5, 5, 10, 6, 4, 4, 2], ExplanationMetadata.Read(graph.Model, ExplanationMetadata.NodeCovers)!);
    }

    [Fact]
    public void TheBaseValueIsTheMeanPredictionUnderTheCovers()
    {
        // E[A] = ½·1 + ½·3 = 2; E[B] = 0.6·(⅔·10 + ⅓·20) + 0.4·(−4) = 8 − 1.6 = 6.4; plus the base score 0.5.
        Assert.Equal(8.9, Explainer().Explain([1, 0]).BaseValue, 12);
    }

    [Fact]
    public void ShapValuesMatchTheHandComputedOnes()
    {
        // x = (1, 0): A gives 3, B gives 20, so the model says 23.5.
        // A: only x0 matters: φ0 = 3 − E[A] = 1.
        // B: v(∅) = 6.4; v({x0}) = 0.6·20 + 0.4·(−4) = 10.4; v({x1}) = ⅔·10 + ⅓·20 = 40/3; v({x0, x1}) = 20.
        //    φ0 = ½[(10.4 − 6.4) + (20 − 40/3)] = 16/3;  φ1 = ½[(40/3 − 6.4) + (20 − 10.4)] = 124/15.
        var a = Explainer().Explain([1, 0]);
        Assert.Equal(1 + 16.0 / 3, a.Contributions[0], 12);
        Assert.Equal(124.0 / 15, a.Contributions[1], 12);

        // x = (0, 1): A gives 1, B gives −4 (−2.5 in all).
        // A: φ0 = 1 − 2 = −1.  B: v({x0}) = 0.6·10 + 0.4·(−4) = 4.4; v({x1}) = v({x0, x1}) = −4.
        //    φ0 = ½[(4.4 − 6.4) + (−4 − (−4))] = −1;  φ1 = ½[(−4 − 6.4) + (−4 − 4.4)] = −9.4.
        var b = Explainer().Explain([0, 1]);
        Assert.Equal(-2, b.Contributions[0], 12);
        Assert.Equal(-9.4, b.Contributions[1], 12);
    }

    [Fact]
    public void BaseValuePlusContributionsIsWhatOnnxRuntimeScores()
    {
        using var session = new OnnxRegressor(Onnx);
        float[][] rows = [[1, 0], [0, 1], [0, 0], [1, 1], [0.5f, 0.49f], [float.NaN, 0.7f]];
        var scored = session.Predict(rows.SelectMany(r => r).ToArray());
        Assert.Equal([23.5f, -2.5f, 11.5f, -0.5f, 23.5f, -2.5f], scored); // NaN goes left (default_left) in both trees
        for (var i = 0; i < rows.Length; i++) Assert.Equal(scored[i], Explainer().Explain(rows[i]).Prediction, 1e-6);
    }

    [Fact]
    public void AModelExportedWithoutCoversSaysWhyItCannotBeExplained()
    {
        var old = TreeEnsembleOnnx.Write(Model, 2, new Dictionary<string, string>());
        Assert.Null(ForecastExplainers.Load(old, out var whyNot));
        Assert.Contains("node covers", whyNot);
        Assert.Contains("retrain", whyNot);
    }
}
