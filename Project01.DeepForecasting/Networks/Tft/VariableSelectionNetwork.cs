using Project01.DeepForecasting.Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Project01.DeepForecasting.Networks.Tft;

/// <summary>
/// Variable selection (eq. 6–8) over V scalar inputs per time step, x [B, T, V]: each variable is embedded linearly to
/// H (one Linear(1, H) per variable, batched as x·W + b with W, b [V, H]); a GRN over the flattened embeddings,
/// conditioned on the static context, gives softmax weights over the V variables; each embedding passes its own GRN;
/// the output [B, T, H] is their weighted sum, returned with the weights [B, T, V].
/// </summary>
public sealed class VariableSelectionNetwork : Module
{
    private readonly int variables;
    private readonly int hidden;
    private readonly Parameter embedWeight;
    private readonly Parameter embedBias;
    private readonly GatedResidualNetwork selection;
    private readonly ModuleList<GatedResidualNetwork> perVariable;

    public VariableSelectionNetwork(int variables, int hidden, double dropout, int? contextSize = null) : base(nameof(VariableSelectionNetwork))
    {
        this.variables = variables;
        this.hidden = hidden;
        // Linear(1, H)'s default initialisation: U(−1, 1) for weight and bias (fan-in 1).
        embedWeight = Parameter(torch.rand(variables, hidden) * 2 - 1);
        embedBias = Parameter(torch.rand(variables, hidden) * 2 - 1);
        selection = new GatedResidualNetwork(variables * hidden, hidden, variables, dropout, contextSize);
        perVariable = new ModuleList<GatedResidualNetwork>([.. Enumerable.Range(0, variables).Select(_ => new GatedResidualNetwork(hidden, hidden, hidden, dropout))]);
        RegisterComponents();
    }

    /// <param name="x">[B, T, V]</param>
    /// <param name="context">[B, 1, C] or null</param>
    public (Tensor Output, Tensor Weights) Forward(Tensor x, Tensor? context)
    {
        var embedded = x.unsqueeze(-1) * embedWeight + embedBias; // [B, T, V, H]
        var weights = functional.softmax(selection.Forward(embedded.flatten(2), context), -1); // [B, T, V]
        var processed = torch.stack([.. Enumerable.Range(0, variables).Select(v => perVariable[v].Forward(embedded.select(2, v)))], 2);
        return ((weights.unsqueeze(-1) * processed).sum(2), weights);
    }

    public (string Output, string Weights) Export(OnnxGraph g, string x, string? context)
    {
        var embedded = g.Add(g.Mul(g.Unsqueeze(x, -1), g.Constant(embedWeight, "vsn_w")), g.Constant(embedBias, "vsn_b"));
        var weights = g.Softmax(selection.Export(g, g.Reshape(embedded, 0, 0, variables * hidden), context), -1);
        var processed = g.Concat(2, [.. Enumerable.Range(0, variables).Select(v =>
            g.Unsqueeze(perVariable[v].Export(g, g.Squeeze(g.Slice(embedded, 2, v, v + 1), 2)), 2))]);
        return (g.ReduceSum(g.Mul(g.Unsqueeze(weights, -1), processed), 2), weights);
    }
}
