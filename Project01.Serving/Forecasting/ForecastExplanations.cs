using Project01.Contracts;
using Project01.Core.Forecasting;
using Project01.Onnx;
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

    /// <summary>Whether the model reports where it looked (a TFT's variable weights and attention).</summary>
    public static bool HasAttention(LoadedModel model) =>
        model.Session.OutputNames.Contains(OnnxModelWriter.VariableWeightsName) && model.Session.OutputNames.Contains(OnnxModelWriter.AttentionName);

    /// <summary>A TFT's weights for one window row (the model's inputs, laid out by <see cref="SequenceInputs.Window"/>).</summary>
    public static ForecastAttentionDto Attention(LoadedModel model, double[] vector)
    {
        var (features, lookback) = SequenceInputs.ShapeOf(model.Version.Inputs);
        var outputs = model.Session.PredictOutputs([.. vector.Select(v => (float)v)], [OnnxModelWriter.VariableWeightsName, OnnxModelWriter.AttentionName]);
        var weights = outputs[OnnxModelWriter.VariableWeightsName];
        var attention = outputs[OnnxModelWriter.AttentionName];
        var current = (lookback - 1) * features.Count; // the lag-0 block: each input's value now
        return new ForecastAttentionDto(
            [.. features.Select((f, i) => new VariableWeightDto(f, vector[current + i], weights[i])).OrderByDescending(w => w.Weight)],
            [.. attention.Select((w, j) => new LookbackWeightDto(lookback - 1 - j, w))]);
    }

    public static string Refusal(LoadedModel model) => $"{model.Version.Name} v{model.Version.Version} cannot explain its forecasts: {model.NotExplainable}";
}
