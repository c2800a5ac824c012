using Project01.DeepForecasting.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Project01.DeepForecasting.Networks.Tft;

/// <summary>
/// Interpretable multi-head attention (eq. 13–16): each head has its own query and key projections (d = H / heads) but
/// all heads share one value projection, so the heads' outputs average to Ã·V·W_V with Ã the mean of the heads'
/// attention; W_H maps back to H. Returns the output [B, Tq, H] and Ã [B, Tq, Tk]. No mask: the caller queries only
/// positions allowed to see every key.
/// </summary>
public sealed class InterpretableMultiHeadAttention : Module
{
    private readonly int heads;
    private readonly int headSize;
    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;
    private readonly Linear output;

    public InterpretableMultiHeadAttention(int hidden, int heads) : base(nameof(InterpretableMultiHeadAttention))
    {
        if (heads < 1 || hidden % heads != 0)
            throw new ArgumentException($"the hidden size ({hidden}) must be a positive multiple of the attention heads ({heads})", nameof(heads));
        this.heads = heads;
        headSize = hidden / heads;
        query = Linear(hidden, hidden);
        key = Linear(hidden, hidden);
        value = Linear(hidden, headSize);
        output = Linear(headSize, hidden);
        RegisterComponents();
    }

    public (Tensor Output, Tensor Attention) Forward(Tensor q, Tensor kv)
    {
        var (b, tq, tk) = (q.shape[0], q.shape[1], kv.shape[1]);
        var qh = query.forward(q).reshape(b, tq, heads, headSize).transpose(1, 2); // [B, h, Tq, d]
        var kh = key.forward(kv).reshape(b, tk, heads, headSize).permute(0, 2, 3, 1); // [B, h, d, Tk]
        var scores = functional.softmax(qh.matmul(kh) * (float)(1 / Math.Sqrt(headSize)), -1);
        var attention = scores.mean([1]); // [B, Tq, Tk]
        return (output.forward(attention.matmul(value.forward(kv))), attention);
    }

    public (string Output, string Attention) Export(OnnxGraph g, string q, string kv)
    {
        var qh = g.Transpose(g.Reshape(g.Linear(q, query), 0, 0, heads, headSize), 0, 2, 1, 3);
        var kh = g.Transpose(g.Reshape(g.Linear(kv, key), 0, 0, heads, headSize), 0, 2, 3, 1);
        var scores = g.Softmax(g.Mul(g.MatMul(qh, kh), g.Constant([(float)(1 / Math.Sqrt(headSize))], [1], "scale")), -1);
        var attention = g.ReduceMean(scores, 1);
        return (g.Linear(g.MatMul(attention, g.Linear(kv, value)), output), attention);
    }
}
