using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Project01.Risk.Garch;

/// <summary>A fitted model: its parameters, the maximised Gaussian log-likelihood and the sample it came from.</summary>
public sealed record GarchFit(GarchParameters Parameters, double LogLikelihood, int Observations, int Iterations);

/// <summary>Which variance recursion is fitted.</summary>
public enum VolatilityModel
{
    /// <summary>Bollerslev's GARCH(1,1): a shock's sign does not matter.</summary>
    Garch,

    /// <summary>GJR-GARCH(1,1): a fall adds γ·ε² more to tomorrow's variance than a rise (the leverage effect).</summary>
    GjrGarch,
}

/// <summary>
/// Fits GARCH(1,1) or GJR-GARCH(1,1) by Gaussian quasi-maximum likelihood (consistent for the variance parameters
/// whatever the shocks' distribution; FHS then uses the empirical shocks rather than the normal). Nelder–Mead works on
/// an unconstrained reparametrisation, so every point it tries is a valid model: ω = e^a, persistence = c·logistic(b),
/// and the persistence split between α, β (and γ/2) by a softmax.
/// </summary>
public static class GarchEstimator
{
    /// <summary>α + β stays below this: an integrated model has no long-run variance to revert to.</summary>
    public const double MaxPersistence = 0.9999;

    public const int MinimumObservations = 100;

    private const double Tolerance = 1e-10;
    private const int MaxIterations = 20_000;

    public static GarchFit Fit(ReadOnlySpan<double> returns, VolatilityModel model = VolatilityModel.Garch)
    {
        if (returns.Length < MinimumObservations)
            throw new ArgumentException($"a GARCH(1,1) fit needs at least {MinimumObservations} returns, not {returns.Length}");
        foreach (var r in returns)
            if (!double.IsFinite(r)) throw new ArgumentException("returns must be finite numbers");

        // Fit on returns scaled to unit variance: ω of daily returns is ~1e-6, far from the other parameters' scale,
        // which a simplex searching all four at once handles badly. The scale is undone exactly at the end.
        var scale = Math.Sqrt(Variance(returns));
        // Below 1e-10 (a ten-millionth of a basis point) the spread is rounding, not variance.
        if (scale < 1e-10) throw new ArgumentException("returns are constant: there is no variance to model");
        var scaled = new double[returns.Length];
        for (var t = 0; t < scaled.Length; t++) scaled[t] = returns[t] / scale;

        var leverage = model == VolatilityModel.GjrGarch;
        var objective = ObjectiveFunction.Value(theta => -LogLikelihoodOrWorst(scaled, FromTheta(theta)));
        var start = ToTheta(leverage ? new GarchParameters(scaled.Average(), 0.02, 0.03, 0.88, 0.1) : new GarchParameters(scaled.Average(), 0.02, 0.08, 0.9), leverage);
        var step = Vector<double>.Build.Dense(leverage ? [0.05, 0.5, 0.5, 0.5, 0.5] : [0.05, 0.5, 0.5, 0.5]);
        var simplex = new NelderMeadSimplex(Tolerance, MaxIterations);
        var first = simplex.FindMinimum(objective, start, step);
        // A simplex can collapse early on a curved ridge; one restart from its answer is the usual remedy.
        var result = simplex.FindMinimum(objective, first.MinimizingPoint, step);

        var fitted = FromTheta(result.MinimizingPoint);
        var parameters = fitted with { Mu = fitted.Mu * scale, Omega = fitted.Omega * scale * scale };
        return new GarchFit(parameters, GarchFilter.GaussianLogLikelihood(returns, parameters), returns.Length, first.Iterations + result.Iterations);
    }

    private static double LogLikelihoodOrWorst(double[] returns, GarchParameters p)
    {
        var logLikelihood = GarchFilter.GaussianLogLikelihood(returns, p);
        return double.IsFinite(logLikelihood) ? logLikelihood : -1e300;
    }

    // θ = (μ, ln ω, logit of persistence / max, then the log-weights of α and γ/2 against β's 0).
    private static GarchParameters FromTheta(Vector<double> theta)
    {
        var persistence = MaxPersistence * Logistic(theta[2]);
        var alphaWeight = Math.Exp(theta[3]);
        var gammaWeight = theta.Count > 4 ? Math.Exp(theta[4]) : 0;
        var total = 1 + alphaWeight + gammaWeight;
        return new GarchParameters(theta[0], Math.Exp(theta[1]), persistence * alphaWeight / total, persistence / total,
            2 * persistence * gammaWeight / total);
    }

    private static Vector<double> ToTheta(GarchParameters p, bool leverage)
    {
        double[] head = [p.Mu, Math.Log(p.Omega), Logit(p.Persistence / MaxPersistence), Math.Log(p.Alpha / p.Beta)];
        return Vector<double>.Build.Dense(leverage ? [.. head, Math.Log(p.Gamma / 2 / p.Beta)] : head);
    }

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    private static double Logit(double p) => Math.Log(p / (1 - p));

    private static double Variance(ReadOnlySpan<double> values)
    {
        var mean = 0.0;
        foreach (var v in values) mean += v;
        mean /= values.Length;
        var sum = 0.0;
        foreach (var v in values) sum += (v - mean) * (v - mean);
        return sum / values.Length;
    }
}
