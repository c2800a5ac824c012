using Project01.Onnx;

namespace Project01.Serving.Tests;

/// <summary>A two-tree ONNX model shaped like ML.NET's LightGBM export (BRANCH_LEQ splits, the score passed through an
/// Identity node), over the inputs (close, logret):
/// 0.0001 + (logret ≤ 0 ? −0.002 : 0.003) + (close ≤ 100 ? (logret ≤ 0.01 ? 0.001 : 0.004) : −0.001).</summary>
internal static class TreeModel
{
    public static byte[] Onnx()
    {
        var node = OnnxModelWriter.Node("TreeEnsembleRegressor", [OnnxModelWriter.InputName], ["Raw"], OnnxModelWriter.MlDomain,
            OnnxModelWriter.Attribute("n_targets", 1L),
            OnnxModelWriter.Attribute("aggregate_function", "SUM"),
            OnnxModelWriter.Attribute("post_transform", "NONE"),
            OnnxModelWriter.Attribute("base_values", [0.0001f]),
            OnnxModelWriter.Attribute("nodes_treeids", [0L, 0, 0, 1, 1, 1, 1, 1]),
            OnnxModelWriter.Attribute("nodes_nodeids", [0L, 1, 2, 0, 1, 2, 3, 4]),
            OnnxModelWriter.Attribute("nodes_featureids", [1L, 0, 0, 0, 1, 0, 0, 0]),
            OnnxModelWriter.Attribute("nodes_values", [0f, 0, 0, 100, 0.01f, 0, 0, 0]),
            OnnxModelWriter.Attribute("nodes_modes", ["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LEQ", "BRANCH_LEQ", "LEAF", "LEAF", "LEAF"]),
            OnnxModelWriter.Attribute("nodes_truenodeids", [1L, 0, 0, 1, 3, 0, 0, 0]),
            OnnxModelWriter.Attribute("nodes_falsenodeids", [2L, 0, 0, 2, 4, 0, 0, 0]),
            OnnxModelWriter.Attribute("nodes_missing_value_tracks_true", [0L, 0, 0, 0, 0, 0, 0, 0]),
            OnnxModelWriter.Attribute("target_treeids", [0L, 0, 1, 1, 1]),
            OnnxModelWriter.Attribute("target_nodeids", [1L, 2, 2, 3, 4]),
            OnnxModelWriter.Attribute("target_ids", [0L, 0, 0, 0, 0]),
            OnnxModelWriter.Attribute("target_weights", [-0.002f, 0.003f, -0.001f, 0.001f, 0.004f]));
        return OnnxModelWriter.Write("two_trees", 2, [node, OnnxModelWriter.Node("Identity", ["Raw"], [OnnxModelWriter.OutputName])], [],
            new Dictionary<string, string>());
    }
}
