using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Project01.Onnx.Explanations;

namespace Project01.Onnx.Scoring;

/// <summary>
/// Batch scoring of a served tree ensemble without a general-purpose runtime: every tree is flattened into one array of
/// 16-byte nodes in which each split reads "go left when x &lt; threshold" (LEQ/GT thresholds moved to the next float up,
/// GTE/GT children swapped) and each leaf points at itself, so a row takes exactly the tree's depth in steps with no
/// leaf test and no branch on the data. Rows are scored in blocks that stay in L1 cache, eight at a time per tree, so
/// eight independent node chains are in flight instead of one. Where the CPU has AVX-512 VBMI and the trees are at most
/// six deep, finite rows take the ranked-splits path instead (TreeEnsembleScorer.RankedSplits.cs), which decides a
/// tree's splits at once. Rows holding a NaN or an infinity take the routed path (<see cref="ServedTree.Leaf"/>), which
/// honours each node's missing-value direction.
/// </summary>
public sealed partial class TreeEnsembleScorer
{
    private const int Block = 128;

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Node(float Threshold, int Feature, int Left, int Right);

    /// <summary>Trees this deep or shallower are padded to complete trees (children of i at 2i+1 and 2i+2, no links to
    /// load); deeper ones, which a leaf-wise learner such as LightGBM grows, keep linked nodes.</summary>
    private const int CompleteDepth = 8;

    private readonly Node[] _nodes;
    private readonly int[] _splitFeature;
    private readonly float[] _splitThreshold;
    private readonly float[] _completeLeaves;
    private readonly int[] _splitOffset;
    private readonly int[] _leafOffset;
    private readonly float[] _leafValue;
    private readonly int[] _roots;
    private readonly int[] _depths;
    private readonly ServedTreeEnsemble _trees;

    private TreeEnsembleScorer(ServedTreeEnsemble trees, Node[] nodes, float[] leafValue, int[] roots, int[] depths, int featureCount, bool rankSplits)
    {
        (_trees, _nodes, _leafValue, _roots, _depths, FeatureCount) = (trees, nodes, leafValue, roots, depths, featureCount);
        List<(float Threshold, int Feature)> splits = [];
        List<float> leaves = [];
        _splitOffset = new int[depths.Length];
        _leafOffset = new int[depths.Length];
        for (var t = 0; t < depths.Length; t++)
        {
            if (depths[t] > CompleteDepth) continue;
            (_splitOffset[t], _leafOffset[t]) = (splits.Count, leaves.Count);
            var internals = (1 << depths[t]) - 1;
            splits.AddRange(new (float, int)[internals]);
            leaves.AddRange(new float[internals + 1]);
            Pad(roots[t], 0, 0, depths[t], splits, leaves, _splitOffset[t], _leafOffset[t]);
        }
        // Eight spare entries: a vector load of a level's splits may run past the last tree's last level.
        _splitFeature = [.. splits.Select(x => x.Feature), .. new int[8]];
        _splitThreshold = [.. splits.Select(x => x.Threshold), .. new float[8]];
        _completeLeaves = [.. leaves];
        if (rankSplits && RankedSupported) BuildRankedSplits();
    }

    /// <summary>Places linked node <paramref name="node"/> at position <paramref name="at"/> of a complete tree; a leaf
    /// above the last level becomes splits no finite x fails (x &lt; +∞) over copies of its value.</summary>
    private void Pad(int node, int at, int level, int depth, List<(float Threshold, int Feature)> splits, List<float> leaves, int splitOffset, int leafOffset)
    {
        if (level == depth)
        {
            leaves[leafOffset + at - ((1 << depth) - 1)] = _leafValue[node];
            return;
        }
        var n = _nodes[node];
        var isLeaf = n.Left == node && n.Right == node;
        splits[splitOffset + at] = isLeaf ? (float.PositiveInfinity, 0) : (n.Threshold, n.Feature);
        Pad(isLeaf ? node : n.Left, 2 * at + 1, level + 1, depth, splits, leaves, splitOffset, leafOffset);
        Pad(isLeaf ? node : n.Right, 2 * at + 2, level + 1, depth, splits, leaves, splitOffset, leafOffset);
    }

    public int FeatureCount { get; }

    /// <summary>Whether finite rows take the ranked-splits path (<see cref="BuildRankedSplits"/>): trees at most six deep,
    /// at most 255 thresholds a feature, a CPU with AVX-512 VBMI; otherwise every row walks the nodes.</summary>
    public bool RanksSplits => _splitRank is not null;

    /// <summary>Builds the scorer, or says why these trees keep to ONNX Runtime (an EQ/NEQ split, a feature past the input).</summary>
    /// <param name="rankSplits">Take the ranked-splits path where the trees and the CPU allow it (false: walk the nodes
    /// always, which comparisons and tests use).</param>
    public static TreeEnsembleScorer? TryCreate(ServedTreeEnsemble trees, int featureCount, out string whyNot, bool rankSplits = true)
    {
        List<Node> nodes = [];
        List<float> leafValue = [];
        var roots = new int[trees.Trees.Count];
        var depths = new int[trees.Trees.Count];
        for (var t = 0; t < trees.Trees.Count; t++)
        {
            var tree = trees.Trees[t];
            var offset = nodes.Count;
            roots[t] = offset + tree.Root;
            depths[t] = tree.MaxDepth;
            for (var i = 0; i < tree.NodeCount; i++)
            {
                leafValue.Add((float)tree.LeafValue[i]);
                if (tree.IsLeaf(i))
                {
                    nodes.Add(new Node(float.NaN, 0, offset + i, offset + i)); // absorbing: both ways lead back here
                    continue;
                }
                if (tree.Feature[i] < 0 || tree.Feature[i] >= featureCount)
                    return Fail(out whyNot, $"tree {t} splits on feature {tree.Feature[i]} of {featureCount}");
                var (yes, no, threshold) = (offset + tree.TrueChild[i], offset + tree.FalseChild[i], tree.Threshold[i]);
                nodes.Add(tree.Mode[i] switch
                {
                    "BRANCH_LT" => new Node(threshold, tree.Feature[i], yes, no),
                    "BRANCH_LEQ" => new Node(float.BitIncrement(threshold), tree.Feature[i], yes, no),
                    "BRANCH_GTE" => new Node(threshold, tree.Feature[i], no, yes),
                    "BRANCH_GT" => new Node(float.BitIncrement(threshold), tree.Feature[i], no, yes),
                    _ => default,
                });
                if (tree.Mode[i] is not ("BRANCH_LT" or "BRANCH_LEQ" or "BRANCH_GTE" or "BRANCH_GT"))
                    return Fail(out whyNot, $"tree {t} has a {tree.Mode[i]} split");
            }
        }
        whyNot = "";
        return new TreeEnsembleScorer(trees, [.. nodes], [.. leafValue], roots, depths, featureCount, rankSplits);
    }

    /// <summary>Scores rows stored row-major ([rows × <see cref="FeatureCount"/>]); one float per row, summed in tree
    /// order, then the base value.</summary>
    public float[] Predict(ReadOnlySpan<float> features)
    {
        if (features.Length % FeatureCount != 0) throw new ArgumentException($"expected a multiple of {FeatureCount} values, got {features.Length}");
        var output = new float[features.Length / FeatureCount];
        Predict(features, output);
        return output;
    }

    public void Predict(ReadOnlySpan<float> features, Span<float> output)
    {
        var rows = features.Length / FeatureCount;
        Span<int> clean = stackalloc int[Block];
        for (var start = 0; start < rows; start += Block)
        {
            var count = Math.Min(Block, rows - start);
            var block = features.Slice(start * FeatureCount, count * FeatureCount);
            var sums = output.Slice(start, count);
            sums.Clear();
            // Rows with a NaN route through each node's missing direction (an infinity, rare, takes that path too: the
            // ranked-splits path ranks finite values); the rest take a branch-free path.
            var n = 0;
            for (var r = 0; r < count; r++)
            {
                var row = block.Slice(r * FeatureCount, FeatureCount);
                if (AllFinite(row)) clean[n++] = r;
                else sums[r] = Routed(row);
            }
            if (RanksSplits) ScoreRanked(block, clean[..n], sums);
            else ScoreClean(block, clean[..n], sums);
            // The base value last, as ONNX Runtime adds it: the same float sum to the last bit.
            var baseValue = (float)_trees.BaseValue;
            foreach (ref var s in sums) s += baseValue;
        }
    }

    private static bool AllFinite(ReadOnlySpan<float> row)
    {
        foreach (var v in row)
            if (!float.IsFinite(v)) return false;
        return true;
    }

    private float Routed(ReadOnlySpan<float> row)
    {
        var sum = 0f;
        foreach (var tree in _trees.Trees) sum += (float)tree.LeafValue[tree.Leaf(row)];
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScoreClean(ReadOnlySpan<float> block, ReadOnlySpan<int> rows, Span<float> sums)
    {
        var k = FeatureCount;
        ref var x = ref MemoryMarshal.GetReference(block);
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var leaves = ref MemoryMarshal.GetArrayDataReference(_leafValue);
        var groups = rows.Length / 8 * 8;
        for (var t = 0; t < _roots.Length; t++)
        {
            if (_depths[t] <= CompleteDepth)
            {
                ScoreComplete(ref x, rows, sums, t);
                continue;
            }
            var root = _roots[t];
            var depth = _depths[t];
            for (var g = 0; g < groups; g += 8)
            {
                int o0 = rows[g] * k, o1 = rows[g + 1] * k, o2 = rows[g + 2] * k, o3 = rows[g + 3] * k,
                    o4 = rows[g + 4] * k, o5 = rows[g + 5] * k, o6 = rows[g + 6] * k, o7 = rows[g + 7] * k;
                int n0 = root, n1 = root, n2 = root, n3 = root, n4 = root, n5 = root, n6 = root, n7 = root;
                for (var d = 0; d < depth; d++)
                {
                    int p0 = n0, p1 = n1, p2 = n2, p3 = n3, p4 = n4, p5 = n5, p6 = n6, p7 = n7;
                    n0 = Step(ref nodes, ref x, o0, n0); n1 = Step(ref nodes, ref x, o1, n1);
                    n2 = Step(ref nodes, ref x, o2, n2); n3 = Step(ref nodes, ref x, o3, n3);
                    n4 = Step(ref nodes, ref x, o4, n4); n5 = Step(ref nodes, ref x, o5, n5);
                    n6 = Step(ref nodes, ref x, o6, n6); n7 = Step(ref nodes, ref x, o7, n7);
                    // A leaf-wise tree's deepest leaf is far deeper than most: stop once all eight rows sit on leaves.
                    if (((n0 ^ p0) | (n1 ^ p1) | (n2 ^ p2) | (n3 ^ p3) | (n4 ^ p4) | (n5 ^ p5) | (n6 ^ p6) | (n7 ^ p7)) == 0) break;
                }
                sums[rows[g]] += Unsafe.Add(ref leaves, n0); sums[rows[g + 1]] += Unsafe.Add(ref leaves, n1);
                sums[rows[g + 2]] += Unsafe.Add(ref leaves, n2); sums[rows[g + 3]] += Unsafe.Add(ref leaves, n3);
                sums[rows[g + 4]] += Unsafe.Add(ref leaves, n4); sums[rows[g + 5]] += Unsafe.Add(ref leaves, n5);
                sums[rows[g + 6]] += Unsafe.Add(ref leaves, n6); sums[rows[g + 7]] += Unsafe.Add(ref leaves, n7);
            }
            for (var g = groups; g < rows.Length; g++)
            {
                var o = rows[g] * k;
                var n = root;
                for (var d = 0; d < depth; d++) n = Step(ref nodes, ref x, o, n);
                sums[rows[g]] += Unsafe.Add(ref leaves, n);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ScoreComplete(ref float x, ReadOnlySpan<int> rows, Span<float> sums, int t)
    {
        var k = FeatureCount;
        var depth = _depths[t];
        ref var feature = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_splitFeature), _splitOffset[t]);
        ref var threshold = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_splitThreshold), _splitOffset[t]);
        // Position i on the last level is leaf i − (2^depth − 1).
        ref var leaves = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_completeLeaves), _leafOffset[t] - ((1 << depth) - 1));
        var groups = rows.Length / 8 * 8;
        for (var g = 0; g < groups; g += 8)
        {
            int o0 = rows[g] * k, o1 = rows[g + 1] * k, o2 = rows[g + 2] * k, o3 = rows[g + 3] * k,
                o4 = rows[g + 4] * k, o5 = rows[g + 5] * k, o6 = rows[g + 6] * k, o7 = rows[g + 7] * k;
            int n0 = 0, n1 = 0, n2 = 0, n3 = 0, n4 = 0, n5 = 0, n6 = 0, n7 = 0;
            for (var d = 0; d < depth; d++)
            {
                n0 = Down(ref feature, ref threshold, ref x, o0, n0); n1 = Down(ref feature, ref threshold, ref x, o1, n1);
                n2 = Down(ref feature, ref threshold, ref x, o2, n2); n3 = Down(ref feature, ref threshold, ref x, o3, n3);
                n4 = Down(ref feature, ref threshold, ref x, o4, n4); n5 = Down(ref feature, ref threshold, ref x, o5, n5);
                n6 = Down(ref feature, ref threshold, ref x, o6, n6); n7 = Down(ref feature, ref threshold, ref x, o7, n7);
            }
            sums[rows[g]] += Unsafe.Add(ref leaves, n0); sums[rows[g + 1]] += Unsafe.Add(ref leaves, n1);
            sums[rows[g + 2]] += Unsafe.Add(ref leaves, n2); sums[rows[g + 3]] += Unsafe.Add(ref leaves, n3);
            sums[rows[g + 4]] += Unsafe.Add(ref leaves, n4); sums[rows[g + 5]] += Unsafe.Add(ref leaves, n5);
            sums[rows[g + 6]] += Unsafe.Add(ref leaves, n6); sums[rows[g + 7]] += Unsafe.Add(ref leaves, n7);
        }
        for (var g = groups; g < rows.Length; g++)
        {
            var n = 0;
            for (var d = 0; d < depth; d++) n = Down(ref feature, ref threshold, ref x, rows[g] * k, n);
            sums[rows[g]] += Unsafe.Add(ref leaves, n);
        }
    }

    /// <summary>One level down a complete tree: left child 2i+1 when x &lt; threshold, else right child 2i+2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Down(ref int feature, ref float threshold, ref float x, int row, int at)
    {
        var right = !(Unsafe.Add(ref x, row + Unsafe.Add(ref feature, at)) < Unsafe.Add(ref threshold, at));
        return 2 * at + 1 + Unsafe.As<bool, byte>(ref right);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step(ref Node nodes, ref float x, int row, int node)
    {
        ref readonly var n = ref Unsafe.Add(ref nodes, node);
        // Arithmetic select, not a branch: which way a row goes is data, and a mispredicted branch costs more than the step.
        var left = Unsafe.Add(ref x, row + n.Feature) < n.Threshold;
        return n.Right + ((n.Left - n.Right) & -Unsafe.As<bool, byte>(ref left));
    }

    private static TreeEnsembleScorer? Fail(out string whyNot, string reason)
    {
        whyNot = reason;
        return null;
    }
}
