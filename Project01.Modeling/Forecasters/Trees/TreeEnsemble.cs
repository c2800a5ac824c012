namespace Project01.Modeling.Forecasters.Trees;

/// <summary>
/// One binary regression tree in arrays indexed by node id (XGBoost's layout). An internal node sends x to
/// <see cref="Left"/> when x[feature] &lt; threshold (strictly), to <see cref="Right"/> otherwise, and a missing (NaN)
/// value to the left when <see cref="DefaultLeft"/>; a leaf (Left = −1) holds its value in <see cref="Value"/>.
/// </summary>
public sealed record RegressionTree(int[] Feature, float[] Threshold, int[] Left, int[] Right, bool[] DefaultLeft, float[] Value)
{
    public int NodeCount => Left.Length;

    public bool IsLeaf(int node) => Left[node] < 0;

    public float Evaluate(ReadOnlySpan<float> x)
    {
        var node = 0;
        while (!IsLeaf(node))
        {
            var v = x[Feature[node]];
            node = float.IsNaN(v) ? (DefaultLeft[node] ? Left[node] : Right[node]) : v < Threshold[node] ? Left[node] : Right[node];
        }
        return Value[node];
    }
}

/// <summary>A sum of trees plus a base score (XGBoost's margin for squared error).</summary>
public sealed record TreeEnsemble(IReadOnlyList<RegressionTree> Trees, float BaseScore)
{
    /// <summary>Managed evaluation, summing in float in tree order like XGBoost's CPU predictor.</summary>
    public float Predict(ReadOnlySpan<float> x)
    {
        var sum = BaseScore;
        foreach (var tree in Trees) sum += tree.Evaluate(x);
        return sum;
    }
}
