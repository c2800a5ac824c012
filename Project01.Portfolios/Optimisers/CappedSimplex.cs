namespace Project01.Portfolios.Optimisers;

/// <summary>
/// Euclidean projection onto the capped simplex {w : Σw = 1, 0 ≤ w ≤ cap}: w_i = clip(v_i − τ, 0, cap) with the
/// shift τ found by bisection, since Σ clip(v_i − τ, 0, cap) falls monotonically in τ.
/// </summary>
public static class CappedSimplex
{
    public static double[] Project(ReadOnlySpan<double> v, double cap)
    {
        var n = v.Length;
        if (n == 0) throw new ArgumentException("no assets");
        if (cap * n < 1 - 1e-12) throw new ArgumentException($"a cap of {cap} on {n} assets cannot sum to one");
        double lo = double.MaxValue, hi = double.MinValue;
        foreach (var x in v) { lo = Math.Min(lo, x); hi = Math.Max(hi, x); }
        // At τ = min − cap every weight is at the cap (sum ≥ 1); at τ = max every weight is 0.
        lo -= cap;
        for (var iteration = 0; iteration < 200 && hi - lo > 1e-15 * Math.Max(1, Math.Abs(hi)); iteration++)
        {
            var tau = 0.5 * (lo + hi);
            if (Sum(v, tau, cap) > 1) lo = tau; else hi = tau;
        }
        var w = new double[n];
        var shift = 0.5 * (lo + hi);
        for (var i = 0; i < n; i++) w[i] = Math.Clamp(v[i] - shift, 0, cap);
        // Bisection leaves a residual of order 1e-15 per asset: spread it over the weights strictly inside the bounds.
        var free = w.Count(x => x > 0 && x < cap);
        var gap = 1 - w.Sum();
        if (free > 0) for (var i = 0; i < n; i++) if (w[i] > 0 && w[i] < cap) w[i] = Math.Clamp(w[i] + gap / free, 0, cap);
        return w;
    }

    private static double Sum(ReadOnlySpan<double> v, double tau, double cap)
    {
        var s = 0.0;
        foreach (var x in v) s += Math.Clamp(x - tau, 0, cap);
        return s;
    }
}
