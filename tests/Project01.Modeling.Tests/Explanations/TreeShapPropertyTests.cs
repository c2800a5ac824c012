using CsCheck;
using Project01.Modeling.Forecasters.Trees;
using Project01.Modeling.Onnx;
using Project01.Onnx;
using Project01.Onnx.Explanations;

namespace Project01.Modeling.Tests.Explanations;

/// <summary>
/// TreeSHAP on random small ensembles: the values add up to what ONNX Runtime scores, and each equals the Shapley value
/// computed the slow way, by enumerating every coalition of inputs.
/// </summary>
public sealed class TreeShapPropertyTests
{
    /// <summary>A random ensemble over up to 5 inputs, its training rows (values on a coarse grid, so rows land exactly on
    /// thresholds too) and a row to explain.</summary>
    private sealed record Case(TreeEnsemble Ensemble, int Features, float[][] Rows, float[] X);

    private static readonly Gen<Case> Cases =
        Gen.Select(Gen.Int[1, 5], Gen.Int[1, 4], Gen.Int[1, 5], Gen.Int[1, 80], Gen.Int).Select((features, trees, depth, rows, seed) =>
        {
            var random = new Random(seed);
            float Grid() => random.Next(0, 9) / 8f;
            var ensemble = new TreeEnsemble([.. Enumerable.Range(0, trees).Select(_ => RandomTree(random, features, depth, Grid))], (float)random.NextDouble());
            var training = Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, features).Select(_ => Grid()).ToArray()).ToArray();
            return new Case(ensemble, features, training, [.. Enumerable.Range(0, features).Select(_ => Grid())]);
        });

    private static RegressionTree RandomTree(Random random, int features, int maxDepth, Func<float> grid)
    {
        var (feature, threshold, left, right, value) = (new List<int>(), new List<float>(), new List<int>(), new List<int>(), new List<float>());
        int Add(int depth)
        {
            var id = feature.Count;
            feature.Add(0); threshold.Add(0); left.Add(-1); right.Add(-1); value.Add(0);
            if (depth == maxDepth || (depth > 0 && random.NextDouble() < 0.25))
            {
                value[id] = (float)(random.NextDouble() * 2 - 1);
                return id;
            }
            (feature[id], threshold[id]) = (random.Next(features), grid());
            var l = Add(depth + 1);
            var r = Add(depth + 1);
            (left[id], right[id]) = (l, r);
            return id;
        }
        Add(0);
        return new RegressionTree([.. feature], [.. threshold], [.. left], [.. right], [.. feature.Select(_ => random.Next(2) == 0)], [.. value]);
    }

    private static (byte[] Onnx, TreeShapExplainer Explainer) Export(Case c)
    {
        var onnx = ExplanationBaseline.Attach(TreeEnsembleOnnx.Write(c.Ensemble, c.Features, new Dictionary<string, string>()), c.Rows);
        return (onnx, (TreeShapExplainer)(ForecastExplainers.Load(onnx, out var whyNot) ?? throw new InvalidOperationException(whyNot)));
    }

    [Fact]
    public void ContributionsAddUpToTheOnnxRuntimeScore() =>
        Cases.Sample(c =>
        {
            var (onnx, explainer) = Export(c);
            using var session = new OnnxRegressor(onnx);
            var scored = session.Predict(c.X)[0];
            var attribution = explainer.Explain(c.X);
            Assert.True(Math.Abs(attribution.Prediction - scored) <= 1e-6, $"base {attribution.BaseValue} + Σφ = {attribution.Prediction}, ONNX Runtime {scored}");
        }, iter: 300);

    [Fact]
    public void EachContributionIsTheShapleyValueOfTheCoverWeightedGame() =>
        Cases.Sample(c =>
        {
            var (onnx, explainer) = Export(c);
            var trees = ScoringGraph.TryRead(onnx, out _)!.Trees!;
            var covers = PerTree(trees, ExplanationBaseline.Covers(trees, c.Rows));
            var expected = BruteForceShapley(trees, covers, c.X, c.Features);
            var actual = explainer.Explain(c.X);
            Assert.Equal(Value(trees, covers, c.X, 0), actual.BaseValue, 9);
            for (var i = 0; i < c.Features; i++) Assert.True(Math.Abs(expected[i] - actual.Contributions[i]) <= 1e-9, $"feature {i}: brute force {expected[i]}, TreeSHAP {actual.Contributions[i]}");
        }, iter: 300);

    private static double[][] PerTree(ServedTreeEnsemble trees, double[] covers)
    {
        var perTree = trees.Trees.Select(t => new double[t.NodeCount]).ToArray();
        for (var k = 0; k < covers.Length; k++) perTree[trees.NodeOrder[k].Tree][trees.NodeOrder[k].Node] = covers[k];
        return perTree;
    }

    /// <summary>φ_i = Σ over coalitions S without i of |S|!(M−|S|−1)!/M! · (v(S ∪ {i}) − v(S)).</summary>
    private static double[] BruteForceShapley(ServedTreeEnsemble trees, double[][] covers, float[] x, int m)
    {
        var phi = new double[m];
        for (var i = 0; i < m; i++)
            for (var s = 0; s < 1 << m; s++)
            {
                if ((s & (1 << i)) != 0) continue;
                var size = System.Numerics.BitOperations.PopCount((uint)s);
                var weight = Factorial(size) * Factorial(m - size - 1) / Factorial(m);
                phi[i] += weight * (Value(trees, covers, x, s | (1 << i)) - Value(trees, covers, x, s));
            }
        return phi;
    }

    /// <summary>v(S): the ensemble's expected output when the inputs in S are x's and the others follow the training
    /// rows (at a split on an unknown input the mass divides by the children's covers; a node no row reached, evenly).</summary>
    private static double Value(ServedTreeEnsemble trees, double[][] covers, float[] x, int known)
    {
        double Walk(ServedTree tree, double[] cover, int node)
        {
            if (tree.IsLeaf(node)) return tree.LeafValue[node];
            if ((known & (1 << tree.Feature[node])) != 0) return Walk(tree, cover, tree.Next(node, x));
            var (yes, no) = (tree.TrueChild[node], tree.FalseChild[node]);
            var (p, q) = cover[node] > 0 ? (cover[yes] / cover[node], cover[no] / cover[node]) : (0.5, 0.5);
            return p * Walk(tree, cover, yes) + q * Walk(tree, cover, no);
        }
        return trees.BaseValue + trees.Trees.Select((t, k) => Walk(t, covers[k], t.Root)).Sum();
    }

    private static double Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);
}
