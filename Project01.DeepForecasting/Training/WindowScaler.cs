using Project01.Core.Forecasting;

namespace Project01.DeepForecasting.Training;

/// <summary>
/// Standardises what a network sees, from the fitted examples only: each observed feature by its mean and standard
/// deviation (taken over the lag-0 block, so every lag of a feature shares them), and the target, in logs when it is a
/// volatility (vol5 is positive and right-skewed; its log is close to normal). The same numbers are written into the
/// ONNX graph, so serving takes raw inputs.
/// </summary>
public sealed record WindowScaler(float[] Mean, float[] Scale, double TargetMean, double TargetScale, bool LogTarget)
{
    /// <summary>The smallest volatility taken to logs (a week of unchanged closes has zero realized volatility).</summary>
    public const double VolatilityFloor = 1e-6;

    public static WindowScaler Fit(IReadOnlyList<float[]> rows, IReadOnlyList<double> labels, int features, int lookback, ForecastTarget target)
    {
        var offset = (lookback - 1) * features;
        var mean = new float[features];
        var scale = new float[features];
        for (var f = 0; f < features; f++)
        {
            double sum = 0, sq = 0;
            foreach (var row in rows) sum += row[offset + f];
            var m = sum / rows.Count;
            foreach (var row in rows) sq += (row[offset + f] - m) * (row[offset + f] - m);
            var sd = Math.Sqrt(sq / Math.Max(1, rows.Count - 1));
            (mean[f], scale[f]) = ((float)m, (float)(sd > 1e-12 ? sd : 1));
        }
        var log = target == ForecastTarget.Vol5;
        var y = labels.Select(v => log ? Math.Log(Math.Max(v, VolatilityFloor)) : v).ToArray();
        var ym = y.Average();
        var ys = Math.Sqrt(y.Sum(v => (v - ym) * (v - ym)) / Math.Max(1, y.Length - 1));
        return new WindowScaler(mean, scale, ym, ys > 1e-12 ? ys : 1, log);
    }

    public float Target(double label) => (float)(((LogTarget ? Math.Log(Math.Max(label, VolatilityFloor)) : label) - TargetMean) / TargetScale);
}
