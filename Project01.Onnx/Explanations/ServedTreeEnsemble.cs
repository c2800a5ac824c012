using Project01.Onnx.Proto;

namespace Project01.Onnx.Explanations;

/// <summary>
/// One tree of an <c>ai.onnx.ml.TreeEnsembleRegressor</c>, routed the way ONNX Runtime routes it: an internal node sends
/// x to <see cref="TrueChild"/> when <c>x[feature] MODE threshold</c> holds (compared in float), or when x is NaN and
/// the node's missing value tracks true; a leaf (TrueChild = −1) holds the sum of its target weights.
/// </summary>
public sealed class ServedTree
{
    internal ServedTree(int root, int[] feature, float[] threshold, string[] mode, int[] trueChild, int[] falseChild, bool[] missingTracksTrue, double[] leafValue)
    {
        (Root, Feature, Threshold, Mode, TrueChild, FalseChild, MissingTracksTrue, LeafValue) =
            (root, feature, threshold, mode, trueChild, falseChild, missingTracksTrue, leafValue);
        MaxDepth = Depth(root);
    }

    public int Root { get; }
    public int[] Feature { get; }
    public float[] Threshold { get; }
    public string[] Mode { get; }
    public int[] TrueChild { get; }
    public int[] FalseChild { get; }
    public bool[] MissingTracksTrue { get; }
    public double[] LeafValue { get; }

    /// <summary>Edges from the root to the deepest leaf.</summary>
    public int MaxDepth { get; }

    public int NodeCount => TrueChild.Length;

    public bool IsLeaf(int node) => TrueChild[node] < 0;

    /// <summary>The child x goes to from an internal node.</summary>
    public int Next(int node, ReadOnlySpan<float> x)
    {
        var v = x[Feature[node]];
        var t = Threshold[node];
        var holds = Mode[node] switch
        {
            "BRANCH_LEQ" => v <= t,
            "BRANCH_LT" => v < t,
            "BRANCH_GTE" => v >= t,
            "BRANCH_GT" => v > t,
            "BRANCH_EQ" => v == t,
            _ => v != t, // BRANCH_NEQ; the reader admits no other mode
        };
        return holds || (MissingTracksTrue[node] && float.IsNaN(v)) ? TrueChild[node] : FalseChild[node];
    }

    public int Leaf(ReadOnlySpan<float> x)
    {
        var node = Root;
        while (!IsLeaf(node)) node = Next(node, x);
        return node;
    }

    private int Depth(int node) => IsLeaf(node) ? 0 : 1 + Math.Max(Depth(TrueChild[node]), Depth(FalseChild[node]));
}

/// <summary>
/// The trees of a served TreeEnsembleRegressor (one target, SUM, no post transform) plus its base value. Each tree's
/// nodes are numbered locally; <see cref="NodeOrder"/> maps the node attributes' order (how covers are stored) to
/// (tree, local node).
/// </summary>
public sealed class ServedTreeEnsemble
{
    private static readonly HashSet<string> Modes = ["BRANCH_LEQ", "BRANCH_LT", "BRANCH_GTE", "BRANCH_GT", "BRANCH_EQ", "BRANCH_NEQ"];

    private ServedTreeEnsemble(IReadOnlyList<ServedTree> trees, double baseValue, IReadOnlyList<(int Tree, int Node)> nodeOrder) =>
        (Trees, BaseValue, NodeOrder) = (trees, baseValue, nodeOrder);

    public IReadOnlyList<ServedTree> Trees { get; }
    public double BaseValue { get; }
    public IReadOnlyList<(int Tree, int Node)> NodeOrder { get; }

    /// <summary>The model's output for x, summed in double (ONNX Runtime sums in float: they differ by rounding).</summary>
    public double Predict(ReadOnlySpan<float> x)
    {
        var sum = BaseValue;
        foreach (var tree in Trees) sum += tree.LeafValue[tree.Leaf(x)];
        return sum;
    }

    /// <summary>Reads the node's attributes, or says why this node is not an ensemble that can be explained exactly.</summary>
    public static ServedTreeEnsemble? TryRead(NodeProto node, out string whyNot)
    {
        var a = node.Attribute.ToDictionary(x => x.Name, StringComparer.Ordinal);
        string Text(string name, string fallback) => a.TryGetValue(name, out var v) ? v.S.ToStringUtf8() : fallback;
        if (Text("post_transform", "NONE") != "NONE" || Text("aggregate_function", "SUM") != "SUM")
            return Fail(out whyNot, $"the tree ensemble applies {Text("aggregate_function", "SUM")} and post_transform {Text("post_transform", "NONE")}; only a plain sum of trees is explained");
        if (a.TryGetValue("n_targets", out var targets) && targets.I != 1)
            return Fail(out whyNot, $"the tree ensemble has {targets.I} targets; one is explained");
        if (a.ContainsKey("nodes_values_as_tensor") || a.ContainsKey("target_weights_as_tensor") || a.ContainsKey("base_values_as_tensor"))
            return Fail(out whyNot, "the tree ensemble stores its values as tensors (double precision), which this reader does not take");

        long[] Ints(string name) => a.TryGetValue(name, out var v) ? [.. v.Ints] : [];
        var treeIds = Ints("nodes_treeids");
        var nodeIds = Ints("nodes_nodeids");
        var featureIds = Ints("nodes_featureids");
        var trueIds = Ints("nodes_truenodeids");
        var falseIds = Ints("nodes_falsenodeids");
        var missing = Ints("nodes_missing_value_tracks_true");
        var values = a.TryGetValue("nodes_values", out var nv) ? nv.Floats.ToArray() : [];
        var modes = a.TryGetValue("nodes_modes", out var m) ? m.Strings.Select(s => s.ToStringUtf8()).ToArray() : [];
        var n = treeIds.Length;
        if (nodeIds.Length != n || featureIds.Length != n || modes.Length != n || values.Length != n || trueIds.Length != n || falseIds.Length != n)
            return Fail(out whyNot, "the tree ensemble's node attributes differ in length");
        if (modes.FirstOrDefault(mode => mode != "LEAF" && !Modes.Contains(mode)) is { } unknown)
            return Fail(out whyNot, $"the tree ensemble has a node mode '{unknown}'");

        // Local numbering per tree, in the order the attributes list the nodes.
        var local = new Dictionary<(long Tree, long Node), (int Tree, int Index)>();
        var treeIndex = new Dictionary<long, int>();
        var counts = new List<int>();
        var order = new (int Tree, int Node)[n];
        for (var k = 0; k < n; k++)
        {
            if (!treeIndex.TryGetValue(treeIds[k], out var t)) { t = treeIndex[treeIds[k]] = counts.Count; counts.Add(0); }
            order[k] = (t, counts[t]++);
            if (!local.TryAdd((treeIds[k], nodeIds[k]), order[k])) return Fail(out whyNot, $"tree {treeIds[k]} lists node {nodeIds[k]} twice");
        }

        var trees = new List<ServedTree>(counts.Count);
        var feature = counts.Select(c => new int[c]).ToArray();
        var threshold = counts.Select(c => new float[c]).ToArray();
        var mode = counts.Select(c => new string[c]).ToArray();
        var trueChild = counts.Select(c => new int[c]).ToArray();
        var falseChild = counts.Select(c => new int[c]).ToArray();
        var tracksTrue = counts.Select(c => new bool[c]).ToArray();
        var leafValue = counts.Select(c => new double[c]).ToArray();
        var isChild = counts.Select(c => new bool[c]).ToArray();
        for (var k = 0; k < n; k++)
        {
            var (t, i) = order[k];
            mode[t][i] = modes[k];
            if (modes[k] == "LEAF")
            {
                (trueChild[t][i], falseChild[t][i]) = (-1, -1);
                continue;
            }
            if (!local.TryGetValue((treeIds[k], trueIds[k]), out var yes) || !local.TryGetValue((treeIds[k], falseIds[k]), out var no))
                return Fail(out whyNot, $"tree {treeIds[k]} node {nodeIds[k]} points at a node it does not list");
            (feature[t][i], threshold[t][i], trueChild[t][i], falseChild[t][i]) = ((int)featureIds[k], values[k], yes.Index, no.Index);
            tracksTrue[t][i] = k < missing.Length && missing[k] != 0;
            isChild[t][yes.Index] = isChild[t][no.Index] = true;
        }

        var targetTrees = Ints("target_treeids");
        var targetNodes = Ints("target_nodeids");
        var weights = a.TryGetValue("target_weights", out var w) ? w.Floats.ToArray() : [];
        if (targetTrees.Length != weights.Length || targetNodes.Length != weights.Length)
            return Fail(out whyNot, "the tree ensemble's target attributes differ in length");
        for (var k = 0; k < weights.Length; k++)
        {
            if (!local.TryGetValue((targetTrees[k], targetNodes[k]), out var leaf)) return Fail(out whyNot, $"a target weight names tree {targetTrees[k]} node {targetNodes[k]}, which is not listed");
            leafValue[leaf.Tree][leaf.Index] += weights[k];
        }

        for (var t = 0; t < counts.Count; t++)
        {
            var roots = Enumerable.Range(0, counts[t]).Where(i => !isChild[t][i]).ToList();
            if (roots.Count != 1) return Fail(out whyNot, $"tree {t} has {roots.Count} roots");
            trees.Add(new ServedTree(roots[0], feature[t], threshold[t], mode[t], trueChild[t], falseChild[t], tracksTrue[t], leafValue[t]));
        }
        var baseValue = a.TryGetValue("base_values", out var b) ? b.Floats.Sum(v => (double)v) : 0;
        whyNot = "";
        return new ServedTreeEnsemble(trees, baseValue, order);
    }

    private static ServedTreeEnsemble? Fail(out string whyNot, string reason)
    {
        whyNot = reason;
        return null;
    }
}
