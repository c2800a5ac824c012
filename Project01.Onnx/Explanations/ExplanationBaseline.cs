using Google.Protobuf;

namespace Project01.Onnx.Explanations;

/// <summary>
/// Training's half of explanations: records, in the exported model itself, the training data summary its explanations
/// are measured against. A tree ensemble gets each node's cover (how many training rows the served trees route through
/// it, the same count as LightGBM's internal_count/leaf_count and, for squared error, XGBoost's sum_hessian); a linear
/// model gets the training mean of each input. Other graphs are returned unchanged.
/// </summary>
public static class ExplanationBaseline
{
    public static byte[] Attach(byte[] onnx, IReadOnlyList<float[]> trainingRows)
    {
        if (trainingRows.Count == 0) throw new ArgumentException("no training rows to summarise", nameof(trainingRows));
        var graph = ScoringGraph.TryRead(onnx, out _);
        if (graph is null) return onnx;
        if (graph.Trees is { } trees)
            ExplanationMetadata.Write(graph.Model, trainingRows.Count, ExplanationMetadata.NodeCovers, Covers(trees, trainingRows));
        else if (graph.Linear is { } linear)
            ExplanationMetadata.Write(graph.Model, trainingRows.Count, ExplanationMetadata.FeatureMeans, Means(linear.Weights.Length, trainingRows));
        return graph.Model.ToByteArray();
    }

    /// <summary>Rows through each node, listed in the order of the ensemble's node attributes.</summary>
    public static double[] Covers(ServedTreeEnsemble trees, IReadOnlyList<float[]> rows)
    {
        var perTree = trees.Trees.Select(t => new double[t.NodeCount]).ToArray();
        foreach (var row in rows)
            for (var t = 0; t < trees.Trees.Count; t++)
            {
                var tree = trees.Trees[t];
                var node = tree.Root;
                perTree[t][node]++;
                while (!tree.IsLeaf(node))
                {
                    node = tree.Next(node, row);
                    perTree[t][node]++;
                }
            }
        return [.. trees.NodeOrder.Select(n => perTree[n.Tree][n.Node])];
    }

    public static double[] Means(int features, IReadOnlyList<float[]> rows)
    {
        var sum = new double[features];
        foreach (var row in rows)
            for (var i = 0; i < features; i++) sum[i] += row[i];
        return [.. sum.Select(s => s / rows.Count)];
    }
}
