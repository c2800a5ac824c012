using System.Globalization;
using Project01.Modeling.Onnx;

namespace Project01.Modeling.Forecasters.Linear;

/// <summary>
/// A linear model fitted on standardised inputs: ŷ = ȳ + Σ β_j (x_j − μ_j) / σ_j over the columns it uses. Native
/// predictions use that form in double precision; the ONNX export folds the standardisation into one weight vector
/// and a bias (w_j = β_j/σ_j, b = ȳ − Σ β_j μ_j/σ_j), so the parity check also checks the folding.
/// </summary>
public sealed class LinearForecaster(string algorithm, int featureCount, int[] columns, double[] mean, double[] scale, double[] beta, double intercept,
    IReadOnlyDictionary<string, string> parameters) : IForecaster
{
    public string Algorithm => algorithm;
    public int FeatureCount => featureCount;
    public IReadOnlyList<int> Columns => columns;
    public IReadOnlyList<double> StandardisedCoefficients => beta;
    public double Intercept => intercept;
    public IReadOnlyDictionary<string, string> Parameters => parameters;

    public double[] Predict(IReadOnlyList<float[]> rows)
    {
        var result = new double[rows.Count];
        for (var n = 0; n < rows.Count; n++)
        {
            var y = intercept;
            for (var j = 0; j < columns.Length; j++) y += beta[j] * (rows[n][columns[j]] - mean[j]) / scale[j];
            result[n] = y;
        }
        return result;
    }

    /// <summary>The folded weights over all <see cref="FeatureCount"/> inputs (zero for unused ones) and the bias.</summary>
    public (double[] Weights, double Bias) Folded()
    {
        var weights = new double[featureCount];
        var bias = intercept;
        for (var j = 0; j < columns.Length; j++)
        {
            weights[columns[j]] = beta[j] / scale[j];
            bias -= beta[j] * mean[j] / scale[j];
        }
        return (weights, bias);
    }

    public byte[] ToOnnx()
    {
        var (weights, bias) = Folded();
        var metadata = new Dictionary<string, string>(parameters) { ["algorithm"] = algorithm, ["intercept"] = intercept.ToString("R", CultureInfo.InvariantCulture) };
        return LinearOnnx.Write(weights, bias, metadata);
    }
}
