using Project01.Onnx;
using Project01.Onnx.Proto;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Project01.DeepForecasting.Onnx;

/// <summary>
/// Builds the ONNX graph of a deep forecaster from its TorchSharp modules, op by op, with the weights copied as
/// initializers. Each helper returns the name of its output, so a network's export reads like its forward pass.
/// Opset 17 (LayerNormalization); batch-first tensors as in the TorchSharp modules.
/// </summary>
public sealed class OnnxGraph
{
    private readonly List<NodeProto> _nodes = [];
    private readonly List<TensorProto> _initializers = [];
    private int _next;

    public IReadOnlyList<NodeProto> Nodes => _nodes;
    public IReadOnlyList<TensorProto> Initializers => _initializers;

    public string Fresh(string hint) => $"{hint}_{_next++}";

    public string Node(string op, string[] inputs, params AttributeProto[] attributes) => NodeWithOutputs(op, inputs, 1, attributes)[0];

    public string[] NodeWithOutputs(string op, string[] inputs, int outputs, params AttributeProto[] attributes)
    {
        var names = Enumerable.Range(0, outputs).Select(_ => Fresh(op.ToLowerInvariant())).ToArray();
        _nodes.Add(OnnxModelWriter.Node(op, inputs, names, "", attributes));
        return names;
    }

    /// <summary>A float constant; the values of a TorchSharp tensor are copied (from any device).</summary>
    public string Constant(Tensor value, string hint = "w")
    {
        using var cpu = value.detach().cpu().to(float32).contiguous();
        return Constant(cpu.data<float>().ToArray(), cpu.shape, hint);
    }

    public string Constant(float[] values, long[] dims, string hint = "c")
    {
        var name = Fresh(hint);
        _initializers.Add(OnnxModelWriter.FloatTensor(name, dims, values));
        return name;
    }

    public string Int64s(params long[] values)
    {
        var name = Fresh("i64");
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        _initializers.Add(tensor);
        return name;
    }

    /// <summary>Names a tensor as a graph output.</summary>
    public void Output(string tensor, string name) => _nodes.Add(OnnxModelWriter.Node("Identity", [tensor], [name]));

    public string Add(string a, string b) => Node("Add", [a, b]);
    public string Sub(string a, string b) => Node("Sub", [a, b]);
    public string Mul(string a, string b) => Node("Mul", [a, b]);
    public string Div(string a, string b) => Node("Div", [a, b]);
    public string MatMul(string a, string b) => Node("MatMul", [a, b]);
    public string Sigmoid(string x) => Node("Sigmoid", [x]);
    public string Tanh(string x) => Node("Tanh", [x]);
    public string Relu(string x) => Node("Relu", [x]);
    public string Exp(string x) => Node("Exp", [x]);
    public string Softplus(string x) => Node("Softplus", [x]);
    public string Elu(string x) => Node("Elu", [x], Float("alpha", 1f));
    public string Softmax(string x, long axis = -1) => Node("Softmax", [x], OnnxModelWriter.Attribute("axis", axis));
    public string Reshape(string x, params long[] shape) => Node("Reshape", [x, Int64s(shape)]);
    public string Transpose(string x, params long[] perm) => Node("Transpose", [x], OnnxModelWriter.Attribute("perm", perm));
    public string Concat(long axis, params string[] xs) => Node("Concat", xs, OnnxModelWriter.Attribute("axis", axis));
    public string Unsqueeze(string x, params long[] axes) => Node("Unsqueeze", [x, Int64s(axes)]);
    public string Squeeze(string x, params long[] axes) => Node("Squeeze", [x, Int64s(axes)]);
    public string ReduceSum(string x, long axis, bool keep = false) => Node("ReduceSum", [x, Int64s(axis)], OnnxModelWriter.Attribute("keepdims", keep ? 1 : 0));
    /// <summary>The mean over one axis (opset 17: the axes are an attribute of ReduceMean, not an input).</summary>
    public string ReduceMean(string x, long axis, bool keep = false) =>
        Node("ReduceMean", [x], OnnxModelWriter.Attribute("axes", [axis]), OnnxModelWriter.Attribute("keepdims", keep ? 1 : 0));
    public string Gather(string table, string indices, long axis = 0) => Node("Gather", [table, indices], OnnxModelWriter.Attribute("axis", axis));
    public string CastToInt64(string x) => Node("Cast", [x], OnnxModelWriter.Attribute("to", (long)TensorProto.Types.DataType.Int64));

    /// <summary>x[..., start:end] along <paramref name="axis"/>.</summary>
    public string Slice(string x, long axis, long start, long end) => Node("Slice", [x, Int64s(start), Int64s(end), Int64s(axis)]);

    /// <summary>A <c>Linear</c> module: x · Wᵀ + b over the last axis.</summary>
    public string Linear(string x, Linear linear)
    {
        var y = MatMul(x, Constant(linear.weight!.t()));
        return linear.bias is null ? y : Add(y, Constant(linear.bias));
    }

    /// <summary>A <c>LayerNorm</c> module over the last axis (built with TorchSharp's default epsilon unless given).</summary>
    public string LayerNorm(string x, LayerNorm norm, double epsilon = 1e-5) =>
        Node("LayerNormalization", [x, Constant(norm.weight!), Constant(norm.bias!)], Float("epsilon", (float)epsilon), OnnxModelWriter.Attribute("axis", -1L));

    /// <summary>An <c>Embedding</c> module looked up by int64 indices.</summary>
    public string Embedding(string indices, Embedding embedding) => Gather(Constant(embedding.weight!), indices);

    /// <summary>
    /// A one-layer, unidirectional, batch-first <c>LSTM</c> module over x [N, T, in] from the initial state (h0, c0)
    /// [N, H] (null: zeros). Returns every step's output [N, T, H] and the final state [N, H]. TorchSharp stores the
    /// gates as (input, forget, cell, output); ONNX wants (input, output, forget, cell), so the blocks are reordered.
    /// </summary>
    public (string Output, string Hidden, string Cell) Lstm(string x, LSTM lstm, int hiddenSize, string? h0 = null, string? c0 = null)
    {
        var parameters = lstm.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var w = Reorder(parameters["weight_ih_l0"], hiddenSize).unsqueeze(0);
        var r = Reorder(parameters["weight_hh_l0"], hiddenSize).unsqueeze(0);
        var b = torch.cat([Reorder(parameters["bias_ih_l0"], hiddenSize), Reorder(parameters["bias_hh_l0"], hiddenSize)]).unsqueeze(0);
        var timeMajor = Transpose(x, 1, 0, 2);
        var inputs = new List<string> { timeMajor, Constant(w), Constant(r), Constant(b), "" };
        if (h0 is not null || c0 is not null)
        {
            inputs.Add(h0 is null ? "" : Unsqueeze(h0, 0));
            inputs.Add(c0 is null ? "" : Unsqueeze(c0, 0));
        }
        var outs = NodeWithOutputs("LSTM", [.. inputs], 3, OnnxModelWriter.Attribute("hidden_size", (long)hiddenSize));
        // Y is [T, 1, N, H]; Y_h and Y_c are [1, N, H].
        var y = Transpose(Squeeze(outs[0], 1), 1, 0, 2);
        return (y, Squeeze(outs[1], 0), Squeeze(outs[2], 0));
    }

    private static Tensor Reorder(Tensor gates, int hidden)
    {
        var chunks = gates.detach().split(hidden, 0); // i, f, g, o
        return torch.cat([chunks[0], chunks[3], chunks[1], chunks[2]], 0); // i, o, f, c
    }

    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };
}
