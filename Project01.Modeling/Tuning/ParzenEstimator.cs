using MathNet.Numerics.Distributions;

namespace Project01.Modeling.Tuning;

/// <summary>
/// TPE's density of one parameter over a group of trials (Bergstra et al. 2011; Optuna's univariate
/// <c>_ParzenEstimator</c>): a mixture with one Gaussian per observed coordinate plus a wide prior component, each
/// truncated to the parameter's range. A component's bandwidth adapts to its neighbours: the larger gap to the
/// observation on either side (the range's bounds count as neighbours only in the middle), clipped to
/// [range / min(100, kernels + 1), range], so dense regions get sharp kernels and lone points wide ones. A categorical
/// parameter gets a smoothed histogram: each choice's weighted count plus the prior spread evenly.
/// </summary>
public sealed class ParzenEstimator
{
    public const double PriorWeight = 1.0;

    private readonly SearchParameter _parameter;
    private readonly double[] _mus = [], _sigmas = [], _weights = [], _mass = [];
    private readonly double[] _choiceProbabilities = [];
    private readonly double _low, _high;

    /// <param name="values">The parameter's values in the group (not coordinates).</param>
    /// <param name="weights">One weight per value (TPE weighs older trials less once there are many).</param>
    public ParzenEstimator(SearchParameter parameter, IReadOnlyList<double> values, IReadOnlyList<double> weights)
    {
        if (values.Count != weights.Count) throw new ArgumentException($"{weights.Count} weights for {values.Count} values");
        _parameter = parameter;
        (_low, _high) = parameter.CoordinateRange;
        if (parameter is CategoricalParameter c)
        {
            var choices = c.Choices.Count;
            _choiceProbabilities = Enumerable.Repeat(PriorWeight / choices, choices).ToArray();
            for (var i = 0; i < values.Count; i++) _choiceProbabilities[(int)values[i]] += weights[i];
            var total = _choiceProbabilities.Sum();
            for (var k = 0; k < choices; k++) _choiceProbabilities[k] /= total;
            return;
        }

        var mus = values.Select(parameter.ToCoordinate).ToArray();
        var sigmas = Bandwidths(mus, _low, _high);
        _mus = [.. mus, 0.5 * (_low + _high)];
        _sigmas = [.. sigmas, _high - _low];
        _weights = [.. weights, PriorWeight];
        var sum = _weights.Sum();
        for (var k = 0; k < _weights.Length; k++) _weights[k] /= sum;
        // Each truncated component's probability mass inside the range, to renormalise it.
        _mass = [.. _mus.Select((mu, k) => Normal.CDF(mu, _sigmas[k], _high) - Normal.CDF(mu, _sigmas[k], _low))];
    }

    /// <summary>A value drawn from the mixture (a valid value of the parameter: rounded for integers).</summary>
    public double Sample(Random random)
    {
        if (_parameter is CategoricalParameter) return Pick(_choiceProbabilities, random);
        var k = Pick(_weights, random);
        var (mu, sigma) = (_mus[k], _sigmas[k]);
        // Inverse CDF between the bounds: the component's mean lies inside the range, so the mass there is not tiny.
        var (a, b) = (Normal.CDF(mu, sigma, _low), Normal.CDF(mu, sigma, _high));
        var u = a + random.NextDouble() * (b - a);
        var x = Normal.InvCDF(mu, sigma, Math.Clamp(u, 1e-300, 1 - 1e-16));
        return _parameter.FromCoordinate(Math.Clamp(x, _low, _high));
    }

    /// <summary>The log density of a value of the parameter (log probability for a categorical one).</summary>
    public double LogDensity(double value)
    {
        if (_parameter is CategoricalParameter) return Math.Log(_choiceProbabilities[(int)value]);
        var x = _parameter.ToCoordinate(value);
        // log Σ w·φ((x−μ)/σ)/(σ·mass), by log-sum-exp.
        var terms = new double[_mus.Length];
        for (var k = 0; k < _mus.Length; k++)
        {
            var z = (x - _mus[k]) / _sigmas[k];
            terms[k] = Math.Log(_weights[k]) - 0.5 * z * z - Math.Log(_sigmas[k] * Math.Sqrt(2 * Math.PI) * _mass[k]);
        }
        var max = terms.Max();
        return max + Math.Log(terms.Sum(t => Math.Exp(t - max)));
    }

    /// <summary>Optuna's bandwidths for observations <paramref name="mus"/> (the prior's is the whole range).</summary>
    public static double[] Bandwidths(double[] mus, double low, double high)
    {
        var n = mus.Length;
        if (n == 0) return [];
        var order = Enumerable.Range(0, n).OrderBy(i => mus[i]).ToArray();
        var sorted = new double[n + 2];
        sorted[0] = low;
        sorted[n + 1] = high;
        for (var i = 0; i < n; i++) sorted[i + 1] = mus[order[i]];
        var sortedSigmas = new double[n];
        for (var i = 0; i < n; i++) sortedSigmas[i] = Math.Max(sorted[i + 1] - sorted[i], sorted[i + 2] - sorted[i + 1]);
        if (n >= 2)
        {
            // The outermost observations take the gap to their inner neighbour, not to the range's bound.
            sortedSigmas[0] = sorted[2] - sorted[1];
            sortedSigmas[n - 1] = sorted[n] - sorted[n - 1];
        }
        var (min, max) = ((high - low) / Math.Min(100.0, n + 2), high - low);
        var sigmas = new double[n];
        for (var i = 0; i < n; i++) sigmas[order[i]] = Math.Clamp(sortedSigmas[i], min, max);
        return sigmas;
    }

    private static int Pick(double[] probabilities, Random random)
    {
        var u = random.NextDouble();
        for (var k = 0; k < probabilities.Length - 1; k++)
        {
            u -= probabilities[k];
            if (u < 0) return k;
        }
        return probabilities.Length - 1;
    }
}
