using System.Buffers.Binary;
using Google.Protobuf;
using Project01.Onnx.Proto;

namespace Project01.Tests.Onnx;

/// <summary>
/// A FinBERT-shaped sentiment classifier small enough to check by hand. Same signature as an exported FinBERT
/// (int64 input_ids, attention_mask, token_type_ids [batch, seq] → float logits [batch, classes]); the body is
/// <c>logits = mean over unmasked positions of (E[input_ids] + T[token_type_ids]) · W + b</c>, which
/// <see cref="Logits"/> recomputes in double precision for the expectations.
/// </summary>
internal sealed class TinySentimentModel
{
    private readonly float[,] _words;   // [vocabulary, dims]
    private readonly float[,] _types;   // [2, dims]
    private readonly float[,] _weights; // [dims, classes]
    private readonly float[] _bias;     // [classes]

    private TinySentimentModel(float[,] words, float[,] types, float[,] weights, float[] bias) =>
        (_words, _types, _weights, _bias) = (words, types, weights, bias);

    public int Classes => _bias.Length;

    /// <summary>Four dimensions: positive, negative and neutral evidence plus noise; classes in FinBERT's order
    /// (positive, negative, neutral). Sentiment words push their class hard, every other token gets seeded noise.</summary>
    public static TinySentimentModel ForVocabulary(IReadOnlyList<string> vocabulary, int seed = 7)
    {
        const int dims = 4;
        var random = new Random(seed);
        float Noise() => (float)(random.NextDouble() - 0.5);
        var words = new float[vocabulary.Count, dims];
        for (var v = 0; v < vocabulary.Count; v++)
        {
            for (var d = 0; d < dims; d++) words[v, d] = 0.3f * Noise();
            var boost = vocabulary[v] switch
            {
                "good" or "strong" or "gain" or "rose" or "profit" => 0,
                "bad" or "weak" or "loss" or "fell" => 1,
                "the" or "a" or "company" or "oil" or "price" or "shares" or "quarter" => 2,
                _ => -1,
            };
            if (boost >= 0) words[v, boost] += 3f;
        }
        var types = new float[2, dims];
        for (var t = 0; t < 2; t++)
            for (var d = 0; d < dims; d++) types[t, d] = 0.2f * Noise();
        float[,] weights = { { 2f, 0f, 0f }, { 0f, 2f, 0f }, { 0f, 0f, 1f }, { 0.3f, -0.2f, 0.1f } };
        return new TinySentimentModel(words, types, weights, [0.1f, -0.1f, 0.2f]);
    }

    /// <summary>The same model with its output columns reordered: new column j is old column <paramref name="order"/>[j].</summary>
    public TinySentimentModel WithClassOrder(params int[] order)
    {
        var weights = new float[_weights.GetLength(0), order.Length];
        for (var d = 0; d < weights.GetLength(0); d++)
            for (var j = 0; j < order.Length; j++) weights[d, j] = _weights[d, order[j]];
        return new TinySentimentModel(_words, _types, weights, [.. order.Select(o => _bias[o])]);
    }

    /// <summary>The expected logits for one unpadded sequence (token type 0 throughout).</summary>
    public double[] Logits(IReadOnlyList<int> ids)
    {
        var dims = _words.GetLength(1);
        var pooled = new double[dims];
        foreach (var id in ids)
            for (var d = 0; d < dims; d++) pooled[d] += ((double)_words[id, d] + _types[0, d]) / ids.Count;
        var logits = new double[Classes];
        for (var k = 0; k < Classes; k++)
        {
            logits[k] = _bias[k];
            for (var d = 0; d < dims; d++) logits[k] += pooled[d] * _weights[d, k];
        }
        return logits;
    }

    public byte[] ToOnnx(bool withTokenTypeIds = true, string outputName = "logits")
    {
        var graph = new GraphProto { Name = "tiny-finbert" };
        graph.Input.Add(Int64Input("input_ids"));
        graph.Input.Add(Int64Input("attention_mask"));
        if (withTokenTypeIds) graph.Input.Add(Int64Input("token_type_ids"));
        graph.Output.Add(FloatValue(outputName, new() { DimParam = "batch" }, new() { DimValue = Classes }));

        graph.Initializer.Add(FloatTensor("word_embeddings", _words));
        graph.Initializer.Add(FloatTensor("classifier_weight", _weights));
        graph.Initializer.Add(FloatTensor("classifier_bias", [Classes], _bias));
        graph.Initializer.Add(Int64Tensor("axis_1", 1));
        graph.Initializer.Add(Int64Tensor("axis_2", 2));

        if (withTokenTypeIds)
        {
            graph.Initializer.Add(FloatTensor("type_embeddings", _types));
            graph.Node.Add(Node("Gather", ["word_embeddings", "input_ids"], ["word"]));
            graph.Node.Add(Node("Gather", ["type_embeddings", "token_type_ids"], ["type"]));
            graph.Node.Add(Node("Add", ["word", "type"], ["embedded"]));
        }
        else
        {
            // Without the input, type 0's row is folded in as a constant, so Logits() holds for both variants.
            graph.Initializer.Add(FloatTensor("type_0", [_types.GetLength(1)], [.. Enumerable.Range(0, _types.GetLength(1)).Select(d => _types[0, d])]));
            graph.Node.Add(Node("Gather", ["word_embeddings", "input_ids"], ["word"]));
            graph.Node.Add(Node("Add", ["word", "type_0"], ["embedded"]));
        }
        graph.Node.Add(Node("Cast", ["attention_mask"], ["mask"], new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (long)TensorProto.Types.DataType.Float }));
        graph.Node.Add(Node("Unsqueeze", ["mask", "axis_2"], ["mask_3d"]));
        graph.Node.Add(Node("Mul", ["embedded", "mask_3d"], ["masked"]));
        graph.Node.Add(Node("ReduceSum", ["masked", "axis_1"], ["summed"], KeepDims(0)));
        graph.Node.Add(Node("ReduceSum", ["mask", "axis_1"], ["count"], KeepDims(1)));
        graph.Node.Add(Node("Div", ["summed", "count"], ["pooled"]));
        graph.Node.Add(Node("MatMul", ["pooled", "classifier_weight"], ["projected"]));
        graph.Node.Add(Node("Add", ["projected", "classifier_bias"], [outputName]));

        var model = new ModelProto { IrVersion = 8, ProducerName = "Project01.Nlp.Tests", ProducerVersion = "1", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 13 });
        return model.ToByteArray();
    }

    private static AttributeProto KeepDims(long value) => new() { Name = "keepdims", Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static NodeProto Node(string op, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = $"{op}_{outputs[0]}" };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        return node;
    }

    private static ValueInfoProto Int64Input(string name) =>
        Value(name, TensorProto.Types.DataType.Int64, new() { DimParam = "batch" }, new() { DimParam = "sequence" });

    private static ValueInfoProto FloatValue(string name, params TensorShapeProto.Types.Dimension[] dims) =>
        Value(name, TensorProto.Types.DataType.Float, dims);

    private static ValueInfoProto Value(string name, TensorProto.Types.DataType type, params TensorShapeProto.Types.Dimension[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.AddRange(dims);
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } };
    }

    private static TensorProto FloatTensor(string name, float[,] matrix) =>
        FloatTensor(name, [matrix.GetLength(0), matrix.GetLength(1)], [.. matrix.Cast<float>()]);

    private static TensorProto FloatTensor(string name, long[] dims, float[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        var bytes = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        tensor.RawData = ByteString.CopyFrom(bytes);
        return tensor;
    }

    private static TensorProto Int64Tensor(string name, long value)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(1);
        var bytes = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        tensor.RawData = ByteString.CopyFrom(bytes);
        return tensor;
    }
}
