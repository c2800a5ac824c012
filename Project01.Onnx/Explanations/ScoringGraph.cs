using Project01.Onnx.Proto;

namespace Project01.Onnx.Explanations;

/// <summary>
/// The part of a served graph that computes the score, with pass-through Identity nodes looked through (ML.NET's
/// LightGBM export ends in one): either one TreeEnsembleRegressor on the input, or a linear map
/// <c>Features · W (+ B)</c> with W and B as initializers. Anything else is reported, not guessed at.
/// </summary>
public sealed record ScoringGraph(ModelProto Model, ServedTreeEnsemble? Trees, LinearMap? Linear)
{
    /// <summary>The output <see cref="OnnxRegressor"/> scores with: the first named Score…, else the first.</summary>
    public static string OutputName(GraphProto graph) =>
        graph.Output.Select(o => o.Name).FirstOrDefault(n => n.StartsWith(OnnxModelWriter.OutputName, StringComparison.Ordinal)) ?? graph.Output[0].Name;

    public static ScoringGraph? TryRead(byte[] onnx, out string whyNot)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(onnx);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException e)
        {
            whyNot = $"the file is not an ONNX model ({e.Message})";
            return null;
        }
        var graph = model.Graph;
        if (graph is null || graph.Input.Count == 0 || graph.Output.Count == 0)
        {
            whyNot = "the ONNX file has no graph with an input and an output";
            return null;
        }
        var producers = new Dictionary<string, NodeProto>(StringComparer.Ordinal);
        foreach (var node in graph.Node)
            foreach (var output in node.Output) producers[output] = node;
        var input = graph.Input[0].Name;
        var scoring = Through(producers, OutputName(graph));
        if (scoring is null)
        {
            whyNot = "no node computes the score";
            return null;
        }

        if (scoring.OpType == "TreeEnsembleRegressor" && scoring.Domain == OnnxModelWriter.MlDomain && IsInput(producers, scoring.Input[0], input))
        {
            var trees = ServedTreeEnsemble.TryRead(scoring, out whyNot);
            return trees is null ? null : new ScoringGraph(model, trees, null);
        }
        if (LinearMap.TryRead(graph, producers, scoring, input) is { } linear)
        {
            whyNot = "";
            return new ScoringGraph(model, null, linear);
        }
        whyNot = $"the score comes from a {scoring.OpType} node; exact explanations exist for tree ensembles and linear models";
        return null;
    }

    /// <summary>The node that produced a value, looking through Identity nodes.</summary>
    internal static NodeProto? Through(Dictionary<string, NodeProto> producers, string value)
    {
        while (producers.TryGetValue(value, out var node))
        {
            if (node.OpType != "Identity") return node;
            value = node.Input[0];
        }
        return null;
    }

    /// <summary>Whether a value is the graph input, possibly through Identity nodes.</summary>
    internal static bool IsInput(Dictionary<string, NodeProto> producers, string value, string input)
    {
        while (value != input && producers.TryGetValue(value, out var node) && node.OpType == "Identity") value = node.Input[0];
        return value == input;
    }
}

/// <summary>A linear score <c>Σ W_i x_i + Bias</c>, read from a MatMul with a [k × 1] weight initializer and an
/// optional Add of a one-element bias initializer.</summary>
public sealed record LinearMap(double[] Weights, double Bias)
{
    internal static LinearMap? TryRead(GraphProto graph, Dictionary<string, NodeProto> producers, NodeProto scoring, string input)
    {
        var initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var (matMul, bias) = (scoring, 0.0);
        if (scoring.OpType == "Add" && scoring.Input.Count == 2)
        {
            // Either operand order: MatMul + B or B + MatMul.
            var biasIndex = initializers.ContainsKey(scoring.Input[1]) ? 1 : initializers.ContainsKey(scoring.Input[0]) ? 0 : -1;
            if (biasIndex < 0 || Floats(initializers[scoring.Input[biasIndex]]) is not [var b]) return null;
            bias = b;
            matMul = ScoringGraph.Through(producers, scoring.Input[1 - biasIndex]);
        }
        if (matMul is not { OpType: "MatMul", Input.Count: 2 } || !ScoringGraph.IsInput(producers, matMul.Input[0], input)
            || !initializers.TryGetValue(matMul.Input[1], out var w) || w.Dims.Count != 2 || w.Dims[1] != 1)
            return null;
        var weights = Floats(w);
        return weights is null || weights.Length != w.Dims[0] ? null : new LinearMap([.. weights.Select(v => (double)v)], bias);
    }

    private static float[]? Floats(TensorProto t)
    {
        if (t.DataType != (int)TensorProto.Types.DataType.Float) return null;
        if (t.FloatData.Count > 0) return [.. t.FloatData];
        // ONNX stores raw_data little-endian, as .NET on every platform we run.
        return t.RawData.IsEmpty ? [] : System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(t.RawData.Span).ToArray();
    }
}
