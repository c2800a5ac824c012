using Project01.ModelRegistry.Registry;
using Project01.Onnx;
using Project01.Serving.Forecasting;

namespace Project01.Serving.Tests;

/// <summary>Real ONNX models small enough to check by hand: <c>Score = Features · W + b</c> (MatMul + Add), written
/// here with Project01.Onnx so the serving tests need no training library.</summary>
internal static class LinearModel
{
    public static byte[] Onnx(float[] weights, float bias) =>
        OnnxModelWriter.Write("linear", weights.Length,
            [
                OnnxModelWriter.Node("MatMul", [OnnxModelWriter.InputName, "W"], ["XW"]),
                OnnxModelWriter.Node("Add", ["XW", "B"], [OnnxModelWriter.OutputName]),
            ],
            [
                OnnxModelWriter.FloatTensor("W", [weights.Length, 1], weights),
                OnnxModelWriter.FloatTensor("B", [1], [bias]),
            ], new Dictionary<string, string>());

    public static ModelVersion Version(string target, int version, string algorithm = "ridge", IReadOnlyList<string>? inputs = null) =>
        new($"{target}-{algorithm}", version, target, algorithm, new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc),
            inputs ?? ["close", "logret"], new Dictionary<string, double>(), new Dictionary<string, string>(), "dataset",
            $"artifacts/models/{target}-{algorithm}/v{version}/model.onnx", "sha", null, null, null);

    /// <summary>A served model whose score is <c>bias</c> plus the sum of its two inputs.</summary>
    public static LoadedModel Loaded(string target, string alias, int version, float bias) =>
        new(Version(target, version), alias, new OnnxRegressor(Onnx([1f, 1f], bias)), new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc));
}
