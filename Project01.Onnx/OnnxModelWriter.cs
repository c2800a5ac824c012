using Google.Protobuf;
using Project01.Onnx.Proto;

namespace Project01.Onnx;

/// <summary>
/// Writes the ONNX files of Project01's own models. Every model has the same signature as the LightGBM export:
/// input <c>Features</c> float [N × k], output <c>Score</c> float [N × 1], so <see cref="OnnxRegressor"/> and the
/// inference service treat all algorithms alike.
/// </summary>
public static class OnnxModelWriter
{
    public const string InputName = "Features";
    public const string OutputName = "Score";
    public const string MlDomain = "ai.onnx.ml";

    // IR 8 / opset 13 / ai.onnx.ml 3: old enough for any ONNX Runtime of the last years, new enough for what we use.
    private const long IrVersion = 8;
    private const long OnnxOpset = 13;
    private const long MlOpset = 3;

    /// <summary>The interval bounds a model that forecasts its own distribution adds beside <c>Score</c> ([N × 1] each).</summary>
    public const string LowerName = "Lower";
    public const string UpperName = "Upper";

    /// <summary>A TFT's interpretable outputs: variable-selection weights [N × features] and attention over the
    /// lookback [N × bars], oldest bar first.</summary>
    public const string VariableWeightsName = "VariableWeights";
    public const string AttentionName = "Attention";

    public static byte[] Write(string graphName, int featureCount, IEnumerable<NodeProto> nodes, IEnumerable<TensorProto> initializers,
        IReadOnlyDictionary<string, string> metadata) => Write(graphName, featureCount, nodes, initializers, metadata, [], OnnxOpset);

    /// <param name="extraOutputs">Outputs beside <c>Score</c> and their widths (e.g. <c>Lower</c>/<c>Upper</c>, or a
    /// network's attention weights).</param>
    /// <param name="opset">The default domain's opset (13 unless a graph needs newer operators, e.g. 17 for LayerNormalization).</param>
    public static byte[] Write(string graphName, int featureCount, IEnumerable<NodeProto> nodes, IEnumerable<TensorProto> initializers,
        IReadOnlyDictionary<string, string> metadata, IReadOnlyList<(string Name, int Width)> extraOutputs, long opset)
    {
        var graph = new GraphProto { Name = graphName };
        graph.Node.AddRange(nodes);
        graph.Initializer.AddRange(initializers);
        graph.Input.Add(FloatMatrix(InputName, featureCount));
        graph.Output.Add(FloatMatrix(OutputName, 1));
        foreach (var (name, width) in extraOutputs) graph.Output.Add(FloatMatrix(name, width));
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "Project01.Modeling",
            ProducerVersion = typeof(OnnxModelWriter).Assembly.GetName().Version?.ToString() ?? "0",
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = MlDomain, Version = MlOpset });
        foreach (var (key, value) in metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model.ToByteArray();
    }

    public static NodeProto Node(string opType, string[] inputs, string[] outputs, string domain = "", params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = $"{opType}_{outputs[0]}", Domain = domain };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        return node;
    }

    public static TensorProto FloatTensor(string name, long[] dims, IEnumerable<float> values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.FloatData.AddRange(values);
        return tensor;
    }

    public static AttributeProto Attribute(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Attribute(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Attribute(string name, IEnumerable<long> values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    public static AttributeProto Attribute(string name, IEnumerable<float> values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Floats };
        a.Floats.AddRange(values);
        return a;
    }

    public static AttributeProto Attribute(string name, IEnumerable<string> values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Strings };
        a.Strings.AddRange(values.Select(ByteString.CopyFromUtf8));
        return a;
    }

    private static ValueInfoProto FloatMatrix(string name, int columns)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "N" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = columns });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
