namespace Project01.Risk.Garch;

/// <summary>
/// Runs the GARCH recursion over observed returns. The recursion starts from the sample variance of the shocks
/// (the "backcast" of R's rugarch and Python's arch), so the likelihood, the residuals and the forecasts all see the same
/// start.
/// </summary>
public static class GarchFilter
{
    /// <summary>Fills <paramref name="variances"/> with σ²_t for every return and gives σ²_{T+1}, the next day's variance.</summary>
    public static double Variances(ReadOnlySpan<double> returns, GarchParameters p, Span<double> variances)
    {
        if (variances.Length != returns.Length) throw new ArgumentException("one variance per return");
        if (returns.IsEmpty) throw new ArgumentException("the filter needs at least one return");
        var variance = StartingVariance(returns, p.Mu);
        for (var t = 0; t < returns.Length; t++)
        {
            variances[t] = variance;
            variance = p.NextVariance(returns[t] - p.Mu, variance);
        }
        return variance;
    }

    /// <summary>z_t = (r_t − μ) / σ_t, the shocks FHS resamples; gives σ²_{T+1}.</summary>
    public static double StandardisedResiduals(ReadOnlySpan<double> returns, GarchParameters p, Span<double> residuals)
    {
        var next = Variances(returns, p, residuals);
        for (var t = 0; t < returns.Length; t++) residuals[t] = (returns[t] - p.Mu) / Math.Sqrt(residuals[t]);
        return next;
    }

    /// <summary>Gaussian log-likelihood −½ Σ (ln 2π + ln σ²_t + ε²_t / σ²_t), without storing the variances.</summary>
    public static double GaussianLogLikelihood(ReadOnlySpan<double> returns, GarchParameters p)
    {
        var variance = StartingVariance(returns, p.Mu);
        var sum = 0.0;
        foreach (var r in returns)
        {
            var shock = r - p.Mu;
            sum += Math.Log(variance) + shock * shock / variance;
            variance = p.NextVariance(shock, variance);
        }
        return -0.5 * (returns.Length * Math.Log(2 * Math.PI) + sum);
    }

    private static double StartingVariance(ReadOnlySpan<double> returns, double mu)
    {
        var sum = 0.0;
        foreach (var r in returns) sum += (r - mu) * (r - mu);
        return sum / returns.Length;
    }
}
