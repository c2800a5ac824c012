using Microsoft.ML.OnnxRuntime;
using Project01.Onnx.Proto;

namespace Project01.Onnx.Tests;

public sealed class OnnxRoundTripTests
{
    private static readonly float[] Weights = [0.5f, -2f, 3f];
    private const float Bias = 0.25f;

    /// <summary>Score = Features · W + b, the graph the linear models export.</summary>
    private static byte[] Linear(IReadOnlyDictionary<string, string>? metadata = null) =>
        OnnxModelWriter.Write("linear", Weights.Length,
            [
                OnnxModelWriter.Node("MatMul", [OnnxModelWriter.InputName, "W"], ["XW"]),
                OnnxModelWriter.Node("Add", ["XW", "B"], [OnnxModelWriter.OutputName]),
            ],
            [OnnxModelWriter.FloatTensor("W", [Weights.Length, 1], Weights), OnnxModelWriter.FloatTensor("B", [1], [Bias])],
            metadata ?? new Dictionary<string, string>());

    [Fact]
    public void AWrittenLinearGraphScoresEveryRowAsComputedByHand()
    {
        using var model = new OnnxRegressor(Linear());
        Assert.Equal(3, model.FeatureCount);
        float[] rows = [1, 2, 3, 0, 0, 0, -1, 0.5f, 4];
        var scores = model.Predict(rows);
        Assert.Equal(3, scores.Length);
        Assert.Equal(0.5f * 1 - 2f * 2 + 3f * 3 + Bias, scores[0], 5);
        Assert.Equal(Bias, scores[1], 6);
        Assert.Equal(0.5f * -1 - 2f * 0.5f + 3f * 4 + Bias, scores[2], 5);
    }

    [Fact]
    public void TheFileIsOrdinaryOnnxWithTheDeclaredSignatureOpsetsAndMetadata()
    {
        var bytes = Linear(new Dictionary<string, string> { ["target"] = "ret1", ["algorithm"] = "ridge" });
        var proto = ModelProto.Parser.ParseFrom(bytes);
        Assert.Equal(8, proto.IrVersion);
        Assert.Equal(["", OnnxModelWriter.MlDomain], proto.OpsetImport.Select(o => o.Domain));
        Assert.Equal([OnnxModelWriter.InputName], proto.Graph.Input.Select(i => i.Name));
        Assert.Equal([OnnxModelWriter.OutputName], proto.Graph.Output.Select(o => o.Name));

        using var session = new InferenceSession(bytes);
        Assert.Equal("ret1", session.ModelMetadata.CustomMetadataMap["target"]);
        Assert.Equal("ridge", session.ModelMetadata.CustomMetadataMap["algorithm"]);
        Assert.Equal([-1, 3], session.InputMetadata[OnnxModelWriter.InputName].Dimensions);
    }

    [Fact]
    public void RowsThatDoNotFillTheFeatureWidthAreRefused()
    {
        using var model = new OnnxRegressor(Linear());
        var e = Assert.Throws<ArgumentException>(() => model.Predict([1f, 2f, 3f, 4f]));
        Assert.Contains("multiple of 3", e.Message);
    }

    [Fact]
    public void CudaRequestedWithoutCudaFallsBackToCpuAndSaysWhy()
    {
        using var model = new OnnxRegressor(Linear(), preferCuda: true);
        // This machine has no CUDA: the session still answers, on the CPU, and the reason is kept for /v1/models.
        Assert.Equal("CPU", model.ExecutionProvider);
        Assert.StartsWith("CUDA unavailable, using CPU:", model.ExecutionProviderNote);
        Assert.Equal(Bias, model.Predict([0f, 0f, 0f])[0], 6);
    }

    [Fact]
    public void ACpuSessionSaysCudaWasNotRequested()
    {
        using var model = new OnnxRegressor(Linear());
        Assert.Equal(("CPU", "CPU execution provider (CUDA not requested)"), (model.ExecutionProvider, model.ExecutionProviderNote));
    }
}
