using MathNet.Numerics.LinearAlgebra;

namespace Project01.Portfolios.Optimisers;

/// <summary>
/// Equal risk contribution (long-only, fully invested): w_i (Σw)_i / wᵀΣw = 1/N. Solved through Spinu's (2013) convex
/// problem min ½yᵀΣy − Σ b_i ln y_i (b_i = 1/N), whose optimum satisfies y_i (Σy)_i = b_i, by cyclical coordinate
/// descent (Griveau-Billion, Richard and Roncalli 2013): each coordinate is the positive root of
/// Σ_ii y_i² + c_i y_i − b_i = 0, c_i = Σ_{j≠i} Σ_ij y_j. Then w = y / Σy.
/// </summary>
public static class RiskParity
{
    public static double[] Solve(Matrix<double> sigma, int maxSweeps = 10_000, double tolerance = 1e-14)
    {
        var n = sigma.RowCount;
        var b = 1.0 / n;
        // Start from inverse volatility, the exact answer when correlations are all equal.
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            if (!(sigma[i, i] > 0)) throw new ArgumentException($"asset {i} has no variance");
            y[i] = 1 / Math.Sqrt(sigma[i, i]);
        }
        for (var sweep = 0; sweep < maxSweeps; sweep++)
        {
            var moved = 0.0;
            for (var i = 0; i < n; i++)
            {
                var c = 0.0;
                for (var j = 0; j < n; j++) if (j != i) c += sigma[i, j] * y[j];
                var a = sigma[i, i];
                var root = (-c + Math.Sqrt(c * c + 4 * a * b)) / (2 * a);
                moved = Math.Max(moved, Math.Abs(root - y[i]) / Math.Max(root, 1e-300));
                y[i] = root;
            }
            if (moved < tolerance) break;
        }
        var total = y.Sum();
        return [.. y.Select(v => v / total)];
    }

    /// <summary>Each asset's share of the portfolio variance, w_i (Σw)_i / wᵀΣw.</summary>
    public static double[] RiskContributions(IReadOnlyList<double> w, Matrix<double> sigma)
    {
        var v = Vector<double>.Build.DenseOfEnumerable(w);
        var marginal = sigma * v;
        var total = v.DotProduct(marginal);
        return [.. Enumerable.Range(0, w.Count).Select(i => w[i] * marginal[i] / total)];
    }
}
