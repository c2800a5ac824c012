using Project01.DeepForecasting.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Project01.DeepForecasting.Networks.Tft;

/// <summary>
/// TFT's gate, add and norm (Lim et al. 2021, eq. 5 and the gated skips): LayerNorm(skip + GLU(dropout(γ))) with
/// GLU(γ) = (W₅γ + b₅) ⊙ σ(W₄γ + b₄). Dropout is active in training mode only.
/// </summary>
public sealed class GateAddNorm : Module
{
    private readonly Linear value;
    private readonly Linear gate;
    private readonly LayerNorm norm;
    private readonly Dropout dropout;

    public GateAddNorm(int input, int output, double dropout) : base(nameof(GateAddNorm))
    {
        value = Linear(input, output);
        gate = Linear(input, output);
        norm = LayerNorm(output);
        this.dropout = Dropout(dropout);
        RegisterComponents();
    }

    public Tensor Forward(Tensor x, Tensor skip)
    {
        var a = dropout.forward(x);
        return norm.forward(skip + value.forward(a) * gate.forward(a).sigmoid());
    }

    public string Export(OnnxGraph g, string x, string skip) =>
        g.LayerNorm(g.Add(skip, g.Mul(g.Linear(x, value), g.Sigmoid(g.Linear(x, gate)))), norm);
}

/// <summary>
/// The gated residual network (eq. 2–4): η₂ = ELU(W₂a + W₃c + b₂), η₁ = W₁η₂ + b₁, GRN(a, c) = LayerNorm(skip(a) +
/// GLU(η₁)), where skip is the identity when the widths agree and a linear map otherwise. The optional context c is
/// passed already broadcastable to a's leading axes (e.g. [B, 1, C] for a sequence a [B, T, in]).
/// </summary>
public sealed class GatedResidualNetwork : Module
{
    private readonly Linear? skip;
    private readonly Linear fc1;
    private readonly Linear? context;
    private readonly Linear fc2;
    private readonly GateAddNorm gate;

    public GatedResidualNetwork(int input, int hidden, int output, double dropout, int? contextSize = null) : base(nameof(GatedResidualNetwork))
    {
        skip = input == output ? null : Linear(input, output);
        fc1 = Linear(input, hidden);
        context = contextSize is { } c ? Linear(c, hidden, hasBias: false) : null;
        fc2 = Linear(hidden, hidden);
        gate = new GateAddNorm(hidden, output, dropout);
        RegisterComponents();
    }

    public Tensor Forward(Tensor x, Tensor? c = null)
    {
        var a = fc1.forward(x);
        if (context is not null)
        {
            ArgumentNullException.ThrowIfNull(c);
            a = a + context.forward(c);
        }
        var eta = fc2.forward(functional.elu(a, 1.0));
        return gate.Forward(eta, skip is null ? x : skip.forward(x));
    }

    public string Export(OnnxGraph g, string x, string? c = null)
    {
        var a = g.Linear(x, fc1);
        if (context is not null)
        {
            ArgumentNullException.ThrowIfNull(c);
            a = g.Add(a, g.Linear(c, context));
        }
        var eta = g.Linear(g.Elu(a), fc2);
        return gate.Export(g, eta, skip is null ? x : g.Linear(x, skip));
    }
}
