using System.Runtime.Intrinsics.X86;
using CsCheck;
using Google.Protobuf;
using Project01.Core.Features;
using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;
using Project01.Modeling.Forecasters;
using Project01.Modeling.Forecasters.Trees;
using Project01.Modeling.Onnx;
using Project01.Onnx;
using Project01.Onnx.Explanations;
using Project01.Onnx.Proto;
using Project01.Onnx.Scoring;

namespace Project01.Modeling.Tests.Scoring;

/// <summary>
/// The serving side's tree kernel against ONNX Runtime's TreeEnsembleRegressor on the same ONNX file: random ensembles
/// shallow enough for the complete-tree layout and deep enough for the linked one, every split written in each of the
/// four comparison modes, rows with missing values and values exactly on thresholds; then the GBMs' real exports.
/// </summary>
public sealed class TreeEnsembleScorerTests
{
    private sealed record Case(TreeEnsemble Ensemble, int Features, float[] Rows, int Seed);

    private static readonly Gen<Case> Cases =
        Gen.Select(Gen.Int[1, 6], Gen.Int[1, 12], Gen.Int[1, 11], Gen.Int[1, 300], Gen.Int).Select((features, trees, depth, rows, seed) =>
        {
            var random = new Random(seed);
            // A coarse grid puts many values exactly on thresholds, and some on the float just below one (where the
            // rewritten LEQ/GT splits cut); one value in ten is missing.
            float Grid() => random.Next(0, 9) / 8f;
            float Value() => random.Next(40) switch
            {
                < 4 => float.NaN,
                4 => random.Next(2) == 0 ? float.PositiveInfinity : float.NegativeInfinity,
                < 13 => float.BitDecrement(Grid()),
                _ => Grid(),
            };
            var ensemble = new TreeEnsemble([.. Enumerable.Range(0, trees).Select(_ => RandomTree(random, features, depth, Grid))], (float)random.NextDouble());
            return new Case(ensemble, features, [.. Enumerable.Range(0, rows * features).Select(_ => Value())], seed);
        });

    private static RegressionTree RandomTree(Random random, int features, int maxDepth, Func<float> grid)
    {
        var (feature, threshold, left, right, value) = (new List<int>(), new List<float>(), new List<int>(), new List<int>(), new List<float>());
        int Add(int depth)
        {
            var id = feature.Count;
            feature.Add(0); threshold.Add(0); left.Add(-1); right.Add(-1); value.Add(0);
            if (depth == maxDepth || (depth > 0 && random.NextDouble() < 0.2))
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

    /// <summary>Rewrites each BRANCH_LT split "x &lt; t → T else F" in one of its equivalent forms, chosen at random:
    /// LT, LEQ on the float below t, GTE with the children (and the missing direction) swapped, GT on the float below t
    /// swapped. The model's function is unchanged; only how it is written differs.</summary>
    private static byte[] Rewrite(byte[] onnx, int seed)
    {
        var random = new Random(seed);
        var model = ModelProto.Parser.ParseFrom(onnx);
        var node = model.Graph.Node.Single(n => n.OpType == "TreeEnsembleRegressor");
        AttributeProto A(string name) => node.Attribute.Single(a => a.Name == name);
        var (modes, values, yes, no, missing) = (A("nodes_modes"), A("nodes_values"), A("nodes_truenodeids"), A("nodes_falsenodeids"), A("nodes_missing_value_tracks_true"));
        for (var i = 0; i < modes.Strings.Count; i++)
        {
            if (modes.Strings[i].ToStringUtf8() != "BRANCH_LT") continue;
            var form = random.Next(4);
            var below = form is 1 or 3;
            var swap = form is 2 or 3;
            modes.Strings[i] = ByteString.CopyFromUtf8(form switch { 0 => "BRANCH_LT", 1 => "BRANCH_LEQ", 2 => "BRANCH_GTE", _ => "BRANCH_GT" });
            if (below) values.Floats[i] = float.BitDecrement(values.Floats[i]);
            if (swap)
            {
                (yes.Ints[i], no.Ints[i]) = (no.Ints[i], yes.Ints[i]);
                missing.Ints[i] = 1 - missing.Ints[i];
            }
        }
        return model.ToByteArray();
    }

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6 * Math.Max(1, Math.Abs(expected[i])), $"{what}, row {i}: ONNX Runtime {expected[i]}, kernel {actual[i]}");
    }

    [Fact]
    public void ScoresWhatOnnxRuntimeScoresWhicheverWayTheSplitsAreWritten() =>
        Cases.Sample(c =>
        {
            var onnx = Rewrite(TreeEnsembleOnnx.Write(c.Ensemble, c.Features, new Dictionary<string, string>()), c.Seed);
            using var runtime = new OnnxRegressor(onnx, treeKernel: false);
            var trees = ScoringGraph.TryRead(onnx, out var whyNot)?.Trees ?? throw new InvalidOperationException(whyNot);
            var kernel = TreeEnsembleScorer.TryCreate(trees, c.Features, out whyNot) ?? throw new InvalidOperationException(whyNot);
            AssertClose(runtime.Predict(c.Rows), kernel.Predict(c.Rows), $"{c.Ensemble.Trees.Count} trees");
        }, iter: 200);

    [Fact]
    public void TheServedRegressorUsesTheKernelForTreesAndSaysSo()
    {
        var ensemble = new TreeEnsemble([new RegressionTree([0, 0, 0], [0.5f, 0, 0], [1, -1, -1], [2, -1, -1], [true, false, false], [0, -1, 2])], 0.25f);
        using var served = new OnnxRegressor(TreeEnsembleOnnx.Write(ensemble, 1, new Dictionary<string, string>()));
        Assert.Contains("tree kernel", served.ExecutionProviderNote);
        Assert.Equal([-0.75f, 2.25f, -0.75f], served.Predict([0.1f, 0.9f, float.NaN]));
    }

    [Fact]
    public void AnEqualitySplitIsLeftToOnnxRuntime()
    {
        var ensemble = new TreeEnsemble([new RegressionTree([0, 0, 0], [0.5f, 0, 0], [1, -1, -1], [2, -1, -1], [false, false, false], [0, -1, 2])], 0f);
        var model = ModelProto.Parser.ParseFrom(TreeEnsembleOnnx.Write(ensemble, 1, new Dictionary<string, string>()));
        model.Graph.Node.Single(n => n.OpType == "TreeEnsembleRegressor").Attribute.Single(a => a.Name == "nodes_modes").Strings[0] = ByteString.CopyFromUtf8("BRANCH_EQ");
        var onnx = model.ToByteArray();

        Assert.Null(TreeEnsembleScorer.TryCreate(ScoringGraph.TryRead(onnx, out _)!.Trees!, 1, out var whyNot));
        Assert.Contains("BRANCH_EQ", whyNot);
        using var served = new OnnxRegressor(onnx);
        Assert.DoesNotContain("tree kernel", served.ExecutionProviderNote);
        Assert.Equal([-1f, 2f], served.Predict([0.5f, 0.25f]));
    }

    /// <summary>The ranked-splits path against the node walk on the same trees: the same floats to the last bit, on
    /// ensembles from one to 70 features wide (the byte permute holds 64) and one to eight deep (it takes six).</summary>
    [Fact]
    public void RankedSplitsScoreTheNodeWalksFloatsBitForBit() =>
        Gen.Select(Gen.Int[1, 70], Gen.Int[1, 30], Gen.Int[1, 8], Gen.Int[1, 300], Gen.Int).Sample((features, trees, depth, rows, seed) =>
        {
            var random = new Random(seed);
            float Grid() => random.Next(0, 9) / 8f;
            var ensemble = new TreeEnsemble([.. Enumerable.Range(0, trees).Select(_ => RandomTree(random, features, depth, Grid))], (float)random.NextDouble());
            float[] x = [.. Enumerable.Range(0, rows * features).Select(_ => random.Next(20) switch
            {
                0 => float.NaN,
                1 => float.PositiveInfinity,
                < 6 => float.BitDecrement(Grid()),
                _ => Grid(),
            })];
            var served = ScoringGraph.TryRead(Rewrite(TreeEnsembleOnnx.Write(ensemble, features, new Dictionary<string, string>()), seed), out var whyNot)?.Trees
                ?? throw new InvalidOperationException(whyNot);
            var ranked = TreeEnsembleScorer.TryCreate(served, features, out whyNot) ?? throw new InvalidOperationException(whyNot);
            var walked = TreeEnsembleScorer.TryCreate(served, features, out whyNot, rankSplits: false) ?? throw new InvalidOperationException(whyNot);

            Assert.Equal(Avx512Vbmi.IsSupported && features <= 64 && served.Trees.All(t => t.MaxDepth <= 6), ranked.RanksSplits);
            Assert.False(walked.RanksSplits);
            Assert.Equal(walked.Predict(x), ranked.Predict(x));
        }, iter: 300);

    [Fact]
    public void AFeatureWithMoreThan255ThresholdsWalksTheNodes()
    {
        // 100 stumps on one feature, each at its own threshold: 100 thresholds, then 300.
        TreeEnsemble Stumps(int count) => new([.. Enumerable.Range(0, count).Select(i =>
            new RegressionTree([0, 0, 0], [i / 1000f, 0, 0], [1, -1, -1], [2, -1, -1], [true, false, false], [0, -i, i]))], 0f);
        float[] x = [.. Enumerable.Range(0, 400).Select(i => (i - 50) / 1000f)];
        foreach (var (count, ranks) in new[] { (100, Avx512Vbmi.IsSupported), (300, false) })
        {
            var onnx = TreeEnsembleOnnx.Write(Stumps(count), 1, new Dictionary<string, string>());
            var kernel = TreeEnsembleScorer.TryCreate(ScoringGraph.TryRead(onnx, out _)!.Trees!, 1, out var whyNot) ?? throw new InvalidOperationException(whyNot);
            using var runtime = new OnnxRegressor(onnx, treeKernel: false);
            Assert.Equal(ranks, kernel.RanksSplits);
            AssertClose(runtime.Predict(x), kernel.Predict(x), $"{count} stumps");
        }
    }

    /// <summary>The GBMs' own exports on real rows (the S&P 500's test span): LightGBM's leaf-wise trees take the linked
    /// layout, XGBoost's depth-limited ones the complete one.</summary>
    [Theory]
    [InlineData("xgboost", "vol5")]
    [InlineData("lightgbm", "vol5")]
    [InlineData("lightgbm", "ret1")]
    public void MatchesOnnxRuntimeOnTheGbmsExports(string algorithm, string targetName)
    {
        var dataset = DatasetBuilder.Build(Sp500History.Observations, PriceFeatures.Names, ForecastTargets.Parse(targetName), ModelInputs.Series,
            new DatasetSplits(new DateTime(2013, 12, 31, 0, 0, 0, DateTimeKind.Utc), new DateTime(2016, 12, 30, 0, 0, 0, DateTimeKind.Utc)));
        var trainer = ForecasterCatalog.Create(algorithm);
        var model = trainer.Fit([.. dataset.Part(Split.Train)], dataset.Inputs, trainer.SearchSpace(dataset)[^1]);
        var onnx = model.ToOnnx();
        // Every row of the span, warm-up rows with missing inputs included.
        var rows = dataset.Examples.SelectMany(e => e.Features).ToArray();

        using var runtime = new OnnxRegressor(onnx, treeKernel: false);
        using var served = new OnnxRegressor(onnx);
        Assert.Contains("tree kernel", served.ExecutionProviderNote);
        AssertClose(runtime.Predict(rows), served.Predict(rows), algorithm);
    }
}
