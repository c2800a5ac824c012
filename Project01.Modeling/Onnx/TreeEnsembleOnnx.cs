using Project01.Modeling.Forecasters.Trees;
using Project01.Onnx;

namespace Project01.Modeling.Onnx;

/// <summary>
/// A <see cref="TreeEnsemble"/> as one <c>ai.onnx.ml.TreeEnsembleRegressor</c> node: BRANCH_LT (true = x &lt;
/// threshold = the left child), the missing-value direction per node, float thresholds as the trees hold them, leaf
/// values as target weights summed, and the base score as the base value.
/// </summary>
public static class TreeEnsembleOnnx
{
    public static byte[] Write(TreeEnsemble ensemble, int featureCount, IReadOnlyDictionary<string, string> metadata)
    {
        var (treeIds, nodeIds, featureIds, values, modes, trueIds, falseIds, missingTrue) =
            (new List<long>(), new List<long>(), new List<long>(), new List<float>(), new List<string>(), new List<long>(), new List<long>(), new List<long>());
        var (targetTree, targetNode, targetWeight) = (new List<long>(), new List<long>(), new List<float>());
        for (var t = 0; t < ensemble.Trees.Count; t++)
        {
            var tree = ensemble.Trees[t];
            for (var n = 0; n < tree.NodeCount; n++)
            {
                var leaf = tree.IsLeaf(n);
                treeIds.Add(t);
                nodeIds.Add(n);
                featureIds.Add(leaf ? 0 : tree.Feature[n]);
                values.Add(leaf ? 0 : tree.Threshold[n]);
                modes.Add(leaf ? "LEAF" : "BRANCH_LT");
                trueIds.Add(leaf ? 0 : tree.Left[n]);
                falseIds.Add(leaf ? 0 : tree.Right[n]);
                missingTrue.Add(!leaf && tree.DefaultLeft[n] ? 1 : 0);
                if (!leaf) continue;
                targetTree.Add(t);
                targetNode.Add(n);
                targetWeight.Add(tree.Value[n]);
            }
        }
        var node = OnnxModelWriter.Node("TreeEnsembleRegressor", [OnnxModelWriter.InputName], [OnnxModelWriter.OutputName], OnnxModelWriter.MlDomain,
            OnnxModelWriter.Attribute("n_targets", 1L),
            OnnxModelWriter.Attribute("aggregate_function", "SUM"),
            OnnxModelWriter.Attribute("post_transform", "NONE"),
            OnnxModelWriter.Attribute("base_values", [ensemble.BaseScore]),
            OnnxModelWriter.Attribute("nodes_treeids", treeIds),
            OnnxModelWriter.Attribute("nodes_nodeids", nodeIds),
            OnnxModelWriter.Attribute("nodes_featureids", featureIds),
            OnnxModelWriter.Attribute("nodes_values", values),
            OnnxModelWriter.Attribute("nodes_modes", modes),
            OnnxModelWriter.Attribute("nodes_truenodeids", trueIds),
            OnnxModelWriter.Attribute("nodes_falsenodeids", falseIds),
            OnnxModelWriter.Attribute("nodes_missing_value_tracks_true", missingTrue),
            OnnxModelWriter.Attribute("target_treeids", targetTree),
            OnnxModelWriter.Attribute("target_nodeids", targetNode),
            OnnxModelWriter.Attribute("target_ids", targetTree.Select(_ => 0L)),
            OnnxModelWriter.Attribute("target_weights", targetWeight));
        return OnnxModelWriter.Write("tree_ensemble", featureCount, [node], [], metadata);
    }
}
