using Project01.Contracts;
using Project01.Onnx.Explanations;

namespace Project01.Serving.Forecasting;

/// <summary>A served point forecast taken apart by input, from the same float vector the ONNX session scores.</summary>
public static class ForecastExplanations
{
    public const string NotExplainableTitle = "Not explainable";

    public static ForecastExplanationDto Explain(IForecastExplainer explainer, IReadOnlyList<string> inputs, double[] vector)
    {
        var x = vector.Select(v => (float)v).ToArray();
        var attribution = explainer.Explain(x);
        var contributions = inputs
            .Select((name, i) => new FeatureContributionDto(name, vector[i], attribution.Contributions[i]))
            .OrderByDescending(c => Math.Abs(c.Contribution)).ThenBy(c => c.Feature, StringComparer.Ordinal)
            .ToList();
        return new ForecastExplanationDto(explainer.Method, attribution.BaseValue, contributions);
    }

    public static string Refusal(LoadedModel model) => $"{model.Version.Name} v{model.Version.Version} cannot explain its forecasts: {model.NotExplainable}";
}
