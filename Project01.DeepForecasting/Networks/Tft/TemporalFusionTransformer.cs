using Project01.DeepForecasting.Runtime;
using Project01.Onnx;
using Project01.DeepForecasting.Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Project01.DeepForecasting.Networks.Tft;

/// <summary>
/// The Temporal Fusion Transformer (Lim, Arık, Loeff and Pfister 2021, arXiv 1912.09363) for a one-step-ahead
/// forecast of the quantiles 0.1, 0.5 and 0.9:
/// <list type="number">
/// <item>static covariate encoder: the symbol's embedding (initialised to zeros, so a bucket no symbol trained means "no
/// static information") through four GRNs, giving the contexts c_s (variable selection), c_e (enrichment) and c_h,
/// c_c (the LSTM's initial state);</item>
/// <item>variable selection over the F observed inputs at each of the L steps, and over the K known inputs of the
/// forecast bar (the one decoder step), both conditioned on c_s;</item>
/// <item>an LSTM encoder over the L steps from (c_h, c_c) and an LSTM decoder over the decoder step from the encoder's
/// final state, with a gated skip (GLU, add, LayerNorm) around them;</item>
/// <item>static enrichment (a GRN with context c_e) at all L + 1 positions; interpretable multi-head attention with
/// the decoder position as the only query over all L + 1 positions (its own included, so no mask is needed), gated
/// add and norm; a position-wise GRN; a gated skip back to the LSTM layer's output;</item>
/// <item>a linear head to (q0.5, a, b): the quantiles are q0.5, q0.5 − softplus(a) and q0.5 + softplus(b), so they
/// never cross; for a target modelled in logs the point is the log-normal mean implied by them (<see cref="Forward"/>).</item>
/// </list>
/// The training loss is <see cref="QuantileLoss"/>. The explanations are the observed variables' selection weights
/// averaged over the L steps [N, F] and the decoder position's attention over the L encoder positions [N, L] (the
/// average of the heads; the weight on its own position is dropped without renormalising, so a row sums to at most 1).
/// </summary>
public sealed class TemporalFusionTransformer : Module, IDeepNetwork
{
    private readonly NetworkShape shape;
    private readonly int hidden;
    private readonly Embedding symbolEmbedding;
    private readonly GatedResidualNetwork staticSelection;
    private readonly GatedResidualNetwork staticEnrichment;
    private readonly GatedResidualNetwork staticHidden;
    private readonly GatedResidualNetwork staticCell;
    private readonly VariableSelectionNetwork observedSelection;
    private readonly VariableSelectionNetwork knownSelection;
    private readonly LSTM encoder;
    private readonly LSTM decoder;
    private readonly GateAddNorm lstmGate;
    private readonly GatedResidualNetwork enrichment;
    private readonly InterpretableMultiHeadAttention attention;
    private readonly GateAddNorm attentionGate;
    private readonly GatedResidualNetwork positionWise;
    private readonly GateAddNorm outputGate;
    private readonly Linear head;

    public TemporalFusionTransformer(NetworkShape shape, DeepConfig config) : base("tft")
    {
        RecurrentKernels.EnsureExact();
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(config);
        if (config.Hidden < 1 || config.Heads < 1 || config.Hidden % config.Heads != 0)
            throw new ArgumentException($"TFT needs Hidden ({config.Hidden}) to be a positive multiple of Heads ({config.Heads})", nameof(config));
        if (shape.Features < 1 || shape.Lookback < 1 || shape.Known < 1 || shape.SymbolBuckets < 1 || config.SymbolEmbedding < 1)
            throw new ArgumentException($"TFT needs at least one observed input, lookback step, known input, symbol bucket and embedding width (got {shape}, embedding {config.SymbolEmbedding})", nameof(shape));
        this.shape = shape;
        var (h, e, p) = (config.Hidden, config.SymbolEmbedding, config.Dropout);
        hidden = h;
        symbolEmbedding = Embedding(shape.SymbolBuckets, e);
        using (no_grad()) symbolEmbedding.weight!.zero_();
        staticSelection = new GatedResidualNetwork(e, h, h, p);
        staticEnrichment = new GatedResidualNetwork(e, h, h, p);
        staticHidden = new GatedResidualNetwork(e, h, h, p);
        staticCell = new GatedResidualNetwork(e, h, h, p);
        observedSelection = new VariableSelectionNetwork(shape.Features, h, p, h);
        knownSelection = new VariableSelectionNetwork(shape.Known, h, p, h);
        encoder = LSTM(h, h, batchFirst: true);
        decoder = LSTM(h, h, batchFirst: true);
        lstmGate = new GateAddNorm(h, h, p);
        enrichment = new GatedResidualNetwork(h, h, h, p, h);
        attention = new InterpretableMultiHeadAttention(h, config.Heads);
        attentionGate = new GateAddNorm(h, h, p);
        positionWise = new GatedResidualNetwork(h, h, h, p);
        outputGate = new GateAddNorm(h, h, 0);
        head = Linear(h, 3);
        RegisterComponents();
    }

    public Module Module => this;

    /// <summary>The quantiles, with the point the mean rather than the median when the target is modelled in logs
    /// (vol5): exp of the median would understate the expected volatility, which QLIKE punishes.</summary>
    public DeepForecast Forward(Tensor observed, Tensor known, Tensor symbol)
    {
        var quantiles = Run(observed, known, symbol).Forecast;
        return shape.LogTargetScale > 0 ? quantiles with { Point = quantiles.Point + (quantiles.Upper - quantiles.Lower).pow(2) * (float)MeanShift } : quantiles;
    }

    /// <summary>The pinball loss of the three quantiles (the median, not the mean, is the 0.5 quantile).</summary>
    public Tensor Loss(Tensor observed, Tensor known, Tensor symbol, Tensor target) => QuantileLoss.Compute(Run(observed, known, symbol).Forecast, target);

    /// <summary>
    /// E[y] = exp(μ + σ²/2) for a log-normal y: in standardised log units the mean lies s·σ_z²/2 above the median, with
    /// σ_z read from the 10–90 % spread (σ_z = (q0.9 − q0.1) / (2 · 1.2816)) and s the log target's scale; so the shift
    /// is c · (q0.9 − q0.1)² with c = s / (2 · (2 · 1.2816)²).
    /// </summary>
    private double MeanShift => shape.LogTargetScale / (2 * Math.Pow(2 * 1.2815515655446004, 2));

    /// <summary>The observed variables' weights averaged over the lookback [B, F] and the decoder position's attention
    /// over the encoder positions [B, L] (the same tensors as the ONNX explanations).</summary>
    public (Tensor VariableWeights, Tensor Attention) Interpret(Tensor observed, Tensor known, Tensor symbol)
    {
        var (_, weights, attention) = Run(observed, known, symbol);
        return (weights, attention);
    }

    private (DeepForecast Forecast, Tensor VariableWeights, Tensor Attention) Run(Tensor observed, Tensor known, Tensor symbol)
    {
        var l = shape.Lookback;
        var s = symbolEmbedding.forward(symbol); // [B, E]
        var selectionContext = staticSelection.Forward(s).unsqueeze(1); // [B, 1, H]
        var enrichmentContext = staticEnrichment.Forward(s).unsqueeze(1);
        var h0 = staticHidden.Forward(s).unsqueeze(0); // [1, B, H]
        var c0 = staticCell.Forward(s).unsqueeze(0);

        var (past, weights) = observedSelection.Forward(observed, selectionContext); // [B, L, H], [B, L, F]
        var (future, _) = knownSelection.Forward(known.unsqueeze(1), selectionContext); // [B, 1, H]
        var (encoded, hn, cn) = encoder.forward(past, (h0, c0));
        var (decoded, _, _) = decoder.forward(future, (hn, cn));
        var lstm = lstmGate.Forward(torch.cat([encoded, decoded], 1), torch.cat([past, future], 1)); // [B, L + 1, H]

        var enriched = enrichment.Forward(lstm, enrichmentContext);
        var query = enriched.narrow(1, l, 1); // the decoder position [B, 1, H]
        var (attended, scores) = attention.Forward(query, enriched); // [B, 1, H], [B, 1, L + 1]
        var temporal = positionWise.Forward(attentionGate.Forward(attended, query));
        var output = outputGate.Forward(temporal, lstm.narrow(1, l, 1));
        var o = head.forward(output).reshape(-1, 3);
        var point = o.select(1, 0);
        var forecast = new DeepForecast(point, point - functional.softplus(o.select(1, 1)), point + functional.softplus(o.select(1, 2)));
        return (forecast, weights.mean([1]), scores.select(1, 0).narrow(1, 0, l));
    }

    public DeepGraphOutputs Export(OnnxGraph graph, string observed, string known, string symbol)
    {
        var g = graph;
        var l = shape.Lookback;
        var s = g.Embedding(symbol, symbolEmbedding);
        var selectionContext = g.Unsqueeze(staticSelection.Export(g, s), 1);
        var enrichmentContext = g.Unsqueeze(staticEnrichment.Export(g, s), 1);
        var h0 = staticHidden.Export(g, s); // g.Lstm takes the state as [N, H]
        var c0 = staticCell.Export(g, s);

        var (past, weights) = observedSelection.Export(g, observed, selectionContext);
        var (future, _) = knownSelection.Export(g, g.Unsqueeze(known, 1), selectionContext);
        var (encoded, hn, cn) = g.Lstm(past, encoder, hidden, h0, c0);
        var (decoded, _, _) = g.Lstm(future, decoder, hidden, hn, cn);
        var lstm = lstmGate.Export(g, g.Concat(1, encoded, decoded), g.Concat(1, past, future));

        var enriched = enrichment.Export(g, lstm, enrichmentContext);
        var query = g.Slice(enriched, 1, l, l + 1);
        var (attended, scores) = attention.Export(g, query, enriched);
        var temporal = positionWise.Export(g, attentionGate.Export(g, attended, query));
        var output = outputGate.Export(g, temporal, g.Slice(lstm, 1, l, l + 1));
        var o = g.Reshape(g.Linear(output, head), -1, 3);
        var median = g.Slice(o, 1, 0, 1); // [N, 1]
        var lower = g.Sub(median, g.Softplus(g.Slice(o, 1, 1, 2)));
        var upper = g.Add(median, g.Softplus(g.Slice(o, 1, 2, 3)));
        var spread = g.Sub(upper, lower);
        var point = shape.LogTargetScale > 0 ? g.Add(median, g.Mul(g.Mul(spread, spread), g.Constant([(float)MeanShift], [1]))) : median;
        var variableWeights = g.ReduceMean(weights, 1);
        var encoderAttention = g.Reshape(g.Slice(scores, 2, 0, l), -1, l);
        return new DeepGraphOutputs(point, lower, upper,
            [(OnnxModelWriter.VariableWeightsName, variableWeights, shape.Features), (OnnxModelWriter.AttentionName, encoderAttention, l)]);
    }
}
