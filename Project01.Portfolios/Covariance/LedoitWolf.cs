using MathNet.Numerics.LinearAlgebra;

namespace Project01.Portfolios.Covariance;

/// <summary>A shrunk covariance Σ̂ = δ·μI + (1 − δ)·S and the intensity δ ∈ [0, 1] that produced it.</summary>
public sealed record ShrunkCovariance(Matrix<double> Matrix, double Shrinkage, double Target);

/// <summary>
/// Ledoit and Wolf (2004), "A well-conditioned estimator for large-dimensional covariance matrices" (J. Multivariate
/// Analysis 88): shrinks the sample covariance S (divisor T, means removed) toward the scaled identity μI, μ = tr(S)/N,
/// with the intensity δ = min(b̄², d²)/d², where d² = ‖S − μI‖² and b̄² = T⁻² Σ_t ‖x_t x_tᵀ − S‖² (Frobenius norms).
/// The identity target keeps every eigenvalue at least δμ, so the estimate is invertible even when T &lt; N.
/// </summary>
public static class LedoitWolf
{
    /// <param name="returns">T rows (observations) by N columns (assets).</param>
    public static ShrunkCovariance Estimate(Matrix<double> returns)
    {
        var (t, n) = (returns.RowCount, returns.ColumnCount);
        if (t < 2) throw new ArgumentException($"need at least 2 observations, got {t}");
        var means = returns.ColumnSums() / t;
        var x = returns.Clone();
        for (var i = 0; i < t; i++) x.SetRow(i, x.Row(i) - means);
        var s = x.TransposeThisAndMultiply(x) / t;

        var mu = s.Trace() / n;
        var d2 = 0.0;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                var e = s[i, j] - (i == j ? mu : 0);
                d2 += e * e;
            }

        // ‖x xᵀ − S‖² = ‖x‖⁴ − 2 xᵀSx + ‖S‖², summed without forming the N×N outer products.
        var sNorm2 = s.FrobeniusNorm() * s.FrobeniusNorm();
        var b2 = 0.0;
        for (var k = 0; k < t; k++)
        {
            var row = x.Row(k);
            var sq = row.DotProduct(row);
            b2 += sq * sq - 2 * row.DotProduct(s * row) + sNorm2;
        }
        b2 /= (double)t * t;

        var delta = d2 > 0 ? Math.Min(b2, d2) / d2 : 1;
        var shrunk = s * (1 - delta);
        for (var i = 0; i < n; i++) shrunk[i, i] += delta * mu;
        return new ShrunkCovariance(shrunk, delta, mu);
    }
}
