using System.Globalization;
using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;

namespace Project01.Modeling.Forecasters.Linear;

/// <summary>The ridge penalty as a share of the example count: λ = Alpha · n on standardised inputs, so one grid suits
/// any dataset size (Alpha = 1 weighs the penalty like one full pass of the data).</summary>
public sealed record RidgeConfig(double Alpha) : ModelConfig
{
    public override IReadOnlyDictionary<string, string> Describe() => new Dictionary<string, string> { ["alpha"] = Alpha.ToString("R", CultureInfo.InvariantCulture) };
}

/// <summary>Ridge regression on every input, λ tuned on the validation span.</summary>
public sealed class RidgeTrainer : IForecasterTrainer
{
    public IReadOnlyList<ForecastTarget> Targets => ForecastTargets.All;

    public string Algorithm => ForecasterCatalog.Ridge;

    public IReadOnlyList<ModelConfig> SearchSpace(SupervisedDataset dataset) =>
        [.. new[] { 1e-4, 1e-3, 1e-2, 1e-1, 1, 10 }.Select(a => new RidgeConfig(a))];

    public IForecaster Fit(IReadOnlyList<Example> examples, IReadOnlyList<string> inputs, ModelConfig config)
    {
        var c = (RidgeConfig)config;
        return LinearRegression.Fit(Algorithm, examples, inputs.Count, [.. Enumerable.Range(0, inputs.Count)], c.Alpha * examples.Count, c.Describe());
    }
}
