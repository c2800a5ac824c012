namespace Project01.Onnx.Explanations;

/// <summary>
/// Exact Shapley values of one tree's output (Lundberg, Erion &amp; Lee 2018, "Consistent individualized feature
/// attribution for tree ensembles", Algorithm 2; the same recursion as the shap package and XGBoost's pred_contribs).
/// A feature left out of a coalition is integrated over the training data: at its splits the tree's mass divides in
/// proportion to the children's covers (training rows through each node). So the values sum to
/// <c>f(x) − E[f]</c> with <c>E[f] = <see cref="ExpectedValue"/></c>, in O(leaves × depth²) per tree.
/// </summary>
public static class TreeShap
{
    /// <summary>Adds the tree's contribution of each feature to <paramref name="phi"/>.</summary>
    public static void Accumulate(ServedTree tree, double[] cover, ReadOnlySpan<float> x, double[] phi) =>
        Accumulate(tree, cover, x, phi, PathBuffer(tree.MaxDepth));

    /// <summary>As above, in a buffer from <see cref="PathBuffer"/> for at least the tree's depth (reused across trees).</summary>
    internal static void Accumulate(ServedTree tree, double[] cover, ReadOnlySpan<float> x, double[] phi, PathElement[] buffer) =>
        Recurse(tree, cover, x, phi, tree.Root, buffer, 0, 0, 0, 1, 1, -1);

    /// <summary>Each recursion level copies its parent's path into a fresh slice: (D+1)(D+2)/2 entries in all.</summary>
    internal static PathElement[] PathBuffer(int maxDepth) => new PathElement[(maxDepth + 2) * (maxDepth + 3) / 2];

    /// <summary>The tree's mean output under its covers: the value no feature is known at.</summary>
    public static double ExpectedValue(ServedTree tree, double[] cover) => Expected(tree, cover, tree.Root);

    private static double Expected(ServedTree tree, double[] cover, int node)
    {
        if (tree.IsLeaf(node)) return tree.LeafValue[node];
        var (yes, no) = (tree.TrueChild[node], tree.FalseChild[node]);
        return Fraction(cover, node, yes) * Expected(tree, cover, yes) + Fraction(cover, node, no) * Expected(tree, cover, no);
    }

    /// <summary>The share of a node's training rows that went to a child. A node no row reached (possible when covers
    /// come from other data than the split points) divides evenly; a child no row reached gets nothing.</summary>
    private static double Fraction(double[] cover, int node, int child) => cover[node] > 0 ? cover[child] / cover[node] : 0.5;

    internal struct PathElement
    {
        public int Feature;
        public double ZeroFraction; // share of the mass that follows this path when the feature is unknown
        public double OneFraction;  // 1 when x itself follows this path, else 0
        public double Weight;       // the permutation weight of subsets of each size
    }

    private static void Recurse(ServedTree tree, double[] cover, ReadOnlySpan<float> x, double[] phi, int node, PathElement[] buffer, int parent,
        int offset, int depth, double zeroFraction, double oneFraction, int feature)
    {
        // This level's path is a copy of the parent's first `depth` elements, extended by the edge taken.
        if (depth > 0) Array.Copy(buffer, parent, buffer, offset, depth);
        var path = buffer.AsSpan(offset, depth + 1);
        Extend(path, depth, zeroFraction, oneFraction, feature);

        if (tree.IsLeaf(node))
        {
            for (var i = 1; i <= depth; i++)
            {
                var w = UnwoundSum(path, depth, i);
                phi[path[i].Feature] += w * (path[i].OneFraction - path[i].ZeroFraction) * tree.LeafValue[node];
            }
            return;
        }

        var hot = tree.Next(node, x);
        var cold = hot == tree.TrueChild[node] ? tree.FalseChild[node] : tree.TrueChild[node];
        var split = tree.Feature[node];
        double incomingZero = 1, incomingOne = 1;
        // A feature split on again higher up: undo that edge, so each feature appears once on the path.
        var k = 0;
        while (k <= depth && path[k].Feature != split) k++;
        if (k <= depth)
        {
            (incomingZero, incomingOne) = (path[k].ZeroFraction, path[k].OneFraction);
            Unwind(path, depth, k);
            depth--;
        }
        var next = offset + path.Length;
        var hotZero = Fraction(cover, node, hot) * incomingZero;
        var coldZero = Fraction(cover, node, cold) * incomingZero;
        // A branch that neither x nor the training data reaches adds nothing (and would divide by zero).
        if (hotZero != 0 || incomingOne != 0) Recurse(tree, cover, x, phi, hot, buffer, offset, next, depth + 1, hotZero, incomingOne, split);
        if (coldZero != 0) Recurse(tree, cover, x, phi, cold, buffer, offset, next, depth + 1, coldZero, 0, split);
    }

    private static void Extend(Span<PathElement> path, int depth, double zeroFraction, double oneFraction, int feature)
    {
        path[depth] = new PathElement { Feature = feature, ZeroFraction = zeroFraction, OneFraction = oneFraction, Weight = depth == 0 ? 1 : 0 };
        for (var i = depth - 1; i >= 0; i--)
        {
            path[i + 1].Weight += oneFraction * path[i].Weight * (i + 1) / (depth + 1);
            path[i].Weight = zeroFraction * path[i].Weight * (depth - i) / (depth + 1);
        }
    }

    private static void Unwind(Span<PathElement> path, int depth, int index)
    {
        var (one, zero) = (path[index].OneFraction, path[index].ZeroFraction);
        var nextOne = path[depth].Weight;
        for (var i = depth - 1; i >= 0; i--)
        {
            if (one != 0)
            {
                var previous = path[i].Weight;
                path[i].Weight = nextOne * (depth + 1) / ((i + 1) * one);
                nextOne = previous - path[i].Weight * zero * (depth - i) / (depth + 1);
            }
            else
            {
                path[i].Weight = path[i].Weight * (depth + 1) / (zero * (depth - i));
            }
        }
        for (var i = index; i < depth; i++)
            (path[i].Feature, path[i].ZeroFraction, path[i].OneFraction) = (path[i + 1].Feature, path[i + 1].ZeroFraction, path[i + 1].OneFraction);
    }

    /// <summary>The total permutation weight of the path with element <paramref name="index"/> taken out.</summary>
    private static double UnwoundSum(ReadOnlySpan<PathElement> path, int depth, int index)
    {
        var (one, zero) = (path[index].OneFraction, path[index].ZeroFraction);
        var nextOne = path[depth].Weight;
        double total = 0;
        for (var i = depth - 1; i >= 0; i--)
        {
            if (one != 0)
            {
                var t = nextOne * (depth + 1) / ((i + 1) * one);
                total += t;
                nextOne = path[i].Weight - t * zero * (depth - i) / (depth + 1);
            }
            else
            {
                total += path[i].Weight / zero * (depth + 1) / (depth - i);
            }
        }
        return total;
    }
}
