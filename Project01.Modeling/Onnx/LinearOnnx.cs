using Project01.Onnx;

namespace Project01.Modeling.Onnx;

/// <summary>A linear model as ONNX: <c>Score = Features · W + b</c> (MatMul + Add). Standardisation is folded into W and
/// b by the caller, so the graph needs nothing else.</summary>
public static class LinearOnnx
{
    public static byte[] Write(IReadOnlyList<double> weights, double bias, IReadOnlyDictionary<string, string> metadata)
    {
        var k = weights.Count;
        return OnnxModelWriter.Write("linear", k,
            [
                OnnxModelWriter.Node("MatMul", [OnnxModelWriter.InputName, "W"], ["XW"]),
                OnnxModelWriter.Node("Add", ["XW", "B"], [OnnxModelWriter.OutputName]),
            ],
            [
                OnnxModelWriter.FloatTensor("W", [k, 1], weights.Select(w => (float)w)),
                OnnxModelWriter.FloatTensor("B", [1], [(float)bias]),
            ], metadata);
    }
}
