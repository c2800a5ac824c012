using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;
using Project01.Modeling.Forecasters.Naive;

namespace Project01.Modeling.Forecasters.Linear;

public sealed record HarConfig : ModelConfig
{
    public override IReadOnlyDictionary<string, string> Describe() => new Dictionary<string, string> { ["regressors"] = string.Join(',', ModelInputs.Har) };
}

/// <summary>
/// HAR-RV (Corsi 2009): next-5-day realized volatility by OLS on the realized volatility of the last day, week (5
/// days) and month (22 days), the three horizons of traders the heterogeneous-market hypothesis names. Fitted on
/// volatilities (not variances), on the 5-day scale of the label; it has nothing to tune.
/// </summary>
public sealed class HarTrainer : IForecasterTrainer
{
    public string Algorithm => ForecasterCatalog.Har;

    public IReadOnlyList<ForecastTarget> Targets => [ForecastTarget.Vol5];

    public IReadOnlyList<ModelConfig> SearchSpace(SupervisedDataset dataset) =>
        dataset.Target == ForecastTarget.Vol5 ? [new HarConfig()] : throw ForecasterCatalog.Unsupported(this, dataset.Target);

    public IForecaster Fit(IReadOnlyList<Example> examples, IReadOnlyList<string> inputs, ModelConfig config)
    {
        int[] columns = [.. ModelInputs.Har.Select(h => NaiveTrainer.IndexOfInput(inputs, h))];
        return LinearRegression.Fit(Algorithm, examples, inputs.Count, columns, 0, config.Describe());
    }
}
