using Project01.Modeling.Datasets;

namespace Project01.Modeling.Forecasters.Linear;

/// <summary>
/// Closed-form (ridge) least squares on standardised columns: β = (ZᵀZ + λI)⁻¹ Zᵀ(y − ȳ), solved by Cholesky in double
/// precision. λ = 0 is ordinary least squares. A constant column gets β = 0 (it carries no information).
/// </summary>
public static class LinearRegression
{
    public static LinearForecaster Fit(string algorithm, IReadOnlyList<Example> examples, int featureCount, int[] columns, double lambda,
        IReadOnlyDictionary<string, string> parameters)
    {
        if (examples.Count <= columns.Length) throw new InvalidOperationException($"{examples.Count} examples cannot fit {columns.Length} coefficients");
        var n = examples.Count;
        var k = columns.Length;
        var mean = new double[k];
        var scale = new double[k];
        double yMean = 0;
        foreach (var e in examples)
        {
            yMean += e.Label;
            for (var j = 0; j < k; j++) mean[j] += e.Features[columns[j]];
        }
        yMean /= n;
        for (var j = 0; j < k; j++) mean[j] /= n;
        foreach (var e in examples)
            for (var j = 0; j < k; j++) scale[j] += (e.Features[columns[j]] - mean[j]) * (e.Features[columns[j]] - mean[j]);
        var constant = new bool[k];
        for (var j = 0; j < k; j++)
        {
            scale[j] = Math.Sqrt(scale[j] / n);
            constant[j] = scale[j] == 0;
            if (constant[j]) scale[j] = 1;
        }

        var a = new double[k, k];
        var b = new double[k];
        var z = new double[k];
        foreach (var e in examples)
        {
            for (var j = 0; j < k; j++) z[j] = constant[j] ? 0 : (e.Features[columns[j]] - mean[j]) / scale[j];
            var y = e.Label - yMean;
            for (var i = 0; i < k; i++)
            {
                b[i] += z[i] * y;
                for (var j = 0; j <= i; j++) a[i, j] += z[i] * z[j];
            }
        }
        for (var i = 0; i < k; i++)
        {
            // A constant column's equation is β_i = 0.
            a[i, i] = constant[i] ? 1 : a[i, i] + lambda;
            for (var j = 0; j < i; j++) a[j, i] = a[i, j];
        }
        var beta = Cholesky.Solve(a, b);
        return new LinearForecaster(algorithm, featureCount, columns, mean, scale, beta, yMean, parameters);
    }
}

/// <summary>Solves A x = b for a symmetric positive-definite A.</summary>
public static class Cholesky
{
    public static double[] Solve(double[,] a, double[] b)
    {
        var k = b.Length;
        var l = new double[k, k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[i, j];
                for (var m = 0; m < j; m++) sum -= l[i, m] * l[j, m];
                if (i == j)
                {
                    if (!(sum > 1e-12 * Math.Max(1, Math.Abs(a[i, i]))))
                        throw new InvalidOperationException($"the normal equations are singular at column {i} (collinear inputs); use a ridge penalty");
                    l[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    l[i, j] = sum / l[j, j];
                }
            }
        }
        var y = new double[k];
        for (var i = 0; i < k; i++)
        {
            var sum = b[i];
            for (var m = 0; m < i; m++) sum -= l[i, m] * y[m];
            y[i] = sum / l[i, i];
        }
        var x = new double[k];
        for (var i = k - 1; i >= 0; i--)
        {
            var sum = y[i];
            for (var m = i + 1; m < k; m++) sum -= l[m, i] * x[m];
            x[i] = sum / l[i, i];
        }
        return x;
    }
}
