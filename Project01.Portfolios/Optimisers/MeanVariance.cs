using MathNet.Numerics.LinearAlgebra;

namespace Project01.Portfolios.Optimisers;

/// <summary>Risk aversion λ (0 with zero expected returns gives minimum variance), the per-asset cap, and when to stop.</summary>
public sealed record MeanVarianceOptions(double RiskAversion = 1, double Cap = 1, int MaxIterations = 20_000, double Tolerance = 1e-12);

/// <summary>
/// Long-only mean-variance: maximise μᵀw − (λ/2)·wᵀΣw subject to Σw = 1 and 0 ≤ w ≤ cap, by accelerated projected
/// gradient (FISTA, Beck and Teboulle 2009) with step 1/L, L = λ·λ_max(Σ), projecting onto the capped simplex. The
/// problem is convex, so the fixed point is the optimum; it stops when an iteration moves no weight by more than the
/// tolerance.
/// </summary>
public static class MeanVariance
{
    public static double[] Solve(Vector<double> mu, Matrix<double> sigma, MeanVarianceOptions options)
    {
        var n = mu.Count;
        if (sigma.RowCount != n || sigma.ColumnCount != n) throw new ArgumentException("μ and Σ disagree on the number of assets");
        var lambda = Math.Max(options.RiskAversion, 1e-12);
        var lipschitz = lambda * sigma.Evd(Symmetricity.Symmetric).EigenValues.Real().Maximum();
        var step = 1 / Math.Max(lipschitz, 1e-300);

        var w = Vector<double>.Build.DenseOfArray(CappedSimplex.Project(Enumerable.Repeat(1.0 / n, n).ToArray(), options.Cap));
        var y = w.Clone();
        var t = 1.0;
        for (var iteration = 0; iteration < options.MaxIterations; iteration++)
        {
            var gradient = mu - lambda * (sigma * y); // ascent direction of the objective
            var next = Vector<double>.Build.DenseOfArray(CappedSimplex.Project((y + step * gradient).AsArray() ?? (y + step * gradient).ToArray(), options.Cap));
            var moved = (next - w).InfinityNorm();
            var tNext = (1 + Math.Sqrt(1 + 4 * t * t)) / 2;
            y = next + (t - 1) / tNext * (next - w);
            (w, t) = (next, tNext);
            if (moved < options.Tolerance) break;
        }
        return w.ToArray();
    }

    /// <summary>wᵀΣw.</summary>
    public static double Variance(IReadOnlyList<double> w, Matrix<double> sigma)
    {
        var v = Vector<double>.Build.DenseOfEnumerable(w);
        return v.DotProduct(sigma * v);
    }
}
