using System.Buffers.Binary;
using Google.Protobuf;
using Project01.Onnx.Proto;

namespace Project01.Tests.Onnx;

/// <summary>
/// A BERT encoder with a sequence-classification head, FinBERT's exact signature and (by default) bert-base's shape:
/// 12 layers, hidden 768, 12 heads, feed-forward 3072, 512 positions, post-layer-norm, erf GELU, [CLS] pooler with
/// tanh, then a 3-way classifier. Weights are seeded random (N(0, 0.02) like BERT's initialiser), so the outputs mean
/// nothing: it exists to measure what a FinBERT-sized model costs per document, and to check that masking and padding
/// behave in a real attention stack.
/// </summary>
internal sealed record BertShapedModel(int VocabularySize, int Layers = 12, int Hidden = 768, int Heads = 12, int FeedForward = 3072, int MaxPositions = 512, int Classes = 3, int Seed = 11)
{
    private sealed class Builder(int seed)
    {
        private readonly Random _random = new(seed);
        public GraphProto Graph { get; } = new() { Name = "bert-shaped" };

        public string Weight(string name, params long[] dims)
        {
            var count = dims.Aggregate(1L, (a, d) => a * d);
            var bytes = new byte[count * sizeof(float)];
            for (var i = 0; i < count; i++)
            {
                // Box–Muller; 0.02 is BERT's initializer_range.
                var u = 1 - _random.NextDouble();
                var g = Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * _random.NextDouble());
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), (float)(0.02 * g));
            }
            return Tensor(name, TensorProto.Types.DataType.Float, dims, bytes);
        }

        public string Floats(string name, float value, params long[] dims)
        {
            var count = dims.Aggregate(1L, (a, d) => a * d);
            var bytes = new byte[count * sizeof(float)];
            for (var i = 0; i < count; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), value);
            return Tensor(name, TensorProto.Types.DataType.Float, dims, bytes);
        }

        public string Longs(string name, long[] values, params long[] dims)
        {
            var bytes = new byte[values.Length * sizeof(long)];
            for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * sizeof(long)), values[i]);
            return Tensor(name, TensorProto.Types.DataType.Int64, dims, bytes);
        }

        private string Tensor(string name, TensorProto.Types.DataType type, long[] dims, byte[] bytes)
        {
            var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(bytes) };
            tensor.Dims.AddRange(dims);
            Graph.Initializer.Add(tensor);
            return name;
        }

        public string Op(string op, string output, string[] inputs, params AttributeProto[] attributes)
        {
            var node = new NodeProto { OpType = op, Name = output };
            node.Input.AddRange(inputs);
            node.Output.Add(output);
            node.Attribute.AddRange(attributes);
            Graph.Node.Add(node);
            return output;
        }

        public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

        public static AttributeProto Ints(string name, params long[] values)
        {
            var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
            a.Ints.AddRange(values);
            return a;
        }

        public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };
    }

    public byte[] ToOnnx()
    {
        if (Hidden % Heads != 0) throw new ArgumentException("hidden size must divide into heads");
        var b = new Builder(Seed);
        var g = b.Graph;
        foreach (var input in new[] { "input_ids", "attention_mask", "token_type_ids" }) g.Input.Add(Value(input, TensorProto.Types.DataType.Int64, Dim("batch"), Dim("sequence")));
        g.Output.Add(Value("logits", TensorProto.Types.DataType.Float, Dim("batch"), new() { DimValue = Classes }));

        // Embeddings: word + position + token type, then layer norm.
        var shape = b.Op("Shape", "ids_shape", ["input_ids"]);
        var seq = b.Op("Gather", "seq_len", [shape, b.Longs("one", [1])], Builder.Int("axis", 0));
        var positions = b.Op("Range", "positions", [b.Longs("zero", [0]), seq, b.Longs("step", [1])]);
        var words = b.Op("Gather", "word_embedded", [b.Weight("word_embeddings", VocabularySize, Hidden), "input_ids"]);
        var place = b.Op("Gather", "position_embedded", [b.Weight("position_embeddings", MaxPositions, Hidden), positions]);
        var types = b.Op("Gather", "type_embedded", [b.Weight("token_type_embeddings", 2, Hidden), "token_type_ids"]);
        var x = b.Op("Add", "embedded", [b.Op("Add", "word_position", [words, place]), types]);
        x = LayerNorm(b, "embeddings", x);

        // Additive attention mask: 0 where attended, −10000 on padding, shaped [batch, 1, 1, sequence].
        var mask = b.Op("Cast", "mask_float", ["attention_mask"], Builder.Int("to", (int)TensorProto.Types.DataType.Float));
        var inverted = b.Op("Sub", "mask_inverted", [b.Floats("one_f", 1f), mask]);
        var additive = b.Op("Mul", "mask_additive", [inverted, b.Floats("minus_10000", -10000f)]);
        var bias = b.Op("Unsqueeze", "attention_bias", [additive, b.Longs("axes_1_2", [1, 2], 2)]);

        var headSize = Hidden / Heads;
        var split = b.Longs("split_heads", [0, 0, Heads, headSize], 4);
        var merge = b.Longs("merge_heads", [0, 0, Hidden], 3);
        var scale = b.Floats("attention_scale", (float)(1 / Math.Sqrt(headSize)));
        for (var l = 0; l < Layers; l++)
        {
            var p = $"layer{l}";
            string Heads_(string name, long[] perm) =>
                b.Op("Transpose", $"{p}_{name}_heads", [b.Op("Reshape", $"{p}_{name}_split", [Dense(b, $"{p}_{name}", x, Hidden, Hidden), split])], Builder.Ints("perm", perm));
            var q = Heads_("query", [0, 2, 1, 3]);
            var k = Heads_("key", [0, 2, 3, 1]);
            var v = Heads_("value", [0, 2, 1, 3]);
            var scores = b.Op("Add", $"{p}_scores_masked", [b.Op("Mul", $"{p}_scores", [b.Op("MatMul", $"{p}_qk", [q, k]), scale]), bias]);
            var probs = b.Op("Softmax", $"{p}_probs", [scores], Builder.Int("axis", -1));
            var context = b.Op("Transpose", $"{p}_context_t", [b.Op("MatMul", $"{p}_context", [probs, v])], Builder.Ints("perm", 0, 2, 1, 3));
            context = b.Op("Reshape", $"{p}_context_merged", [context, merge]);
            x = LayerNorm(b, $"{p}_attention", b.Op("Add", $"{p}_attention_residual", [Dense(b, $"{p}_attention_out", context, Hidden, Hidden), x]));
            var inner = Gelu(b, $"{p}_gelu", Dense(b, $"{p}_intermediate", x, Hidden, FeedForward));
            x = LayerNorm(b, $"{p}_output", b.Op("Add", $"{p}_output_residual", [Dense(b, $"{p}_output", inner, FeedForward, Hidden), x]));
        }

        // Pooler on [CLS], then the classifier.
        var cls = b.Op("Gather", "cls", [x, b.Longs("first", [0])], Builder.Int("axis", 1));
        var pooled = b.Op("Tanh", "pooled", [Dense(b, "pooler", cls, Hidden, Hidden)]);
        b.Op("Add", "logits", [b.Op("MatMul", "classifier_mm", [pooled, b.Weight("classifier_weight", Hidden, Classes)]), b.Floats("classifier_bias", 0f, Classes)]);

        var model = new ModelProto { IrVersion = 8, ProducerName = "Project01.Tests", ProducerVersion = "1", Graph = g };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        return model.ToByteArray();
    }

    private static string Dense(Builder b, string name, string x, int inputs, int outputs) =>
        b.Op("Add", $"{name}_dense", [b.Op("MatMul", $"{name}_mm", [x, b.Weight($"{name}_weight", inputs, outputs)]), b.Floats($"{name}_bias", 0f, outputs)]);

    private string LayerNorm(Builder b, string name, string x) =>
        b.Op("LayerNormalization", $"{name}_norm", [x, b.Floats($"{name}_gamma", 1f, Hidden), b.Floats($"{name}_beta", 0f, Hidden)],
            Builder.Int("axis", -1), Builder.Float("epsilon", 1e-12f));

    // gelu(x) = 0.5 · x · (1 + erf(x / √2)), BERT's exact form (ONNX Runtime fuses it).
    private static string Gelu(Builder b, string name, string x)
    {
        var erf = b.Op("Erf", $"{name}_erf", [b.Op("Mul", $"{name}_scaled", [x, b.Floats($"{name}_inv_sqrt2", (float)(1 / Math.Sqrt(2)))])]);
        var onePlus = b.Op("Add", $"{name}_one_plus", [erf, b.Floats($"{name}_one", 1f)]);
        return b.Op("Mul", $"{name}_out", [b.Op("Mul", $"{name}_half_x", [x, b.Floats($"{name}_half", 0.5f)]), onePlus]);
    }

    private static TensorShapeProto.Types.Dimension Dim(string name) => new() { DimParam = name };

    private static ValueInfoProto Value(string name, TensorProto.Types.DataType type, params TensorShapeProto.Types.Dimension[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.AddRange(dims);
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } };
    }
}
