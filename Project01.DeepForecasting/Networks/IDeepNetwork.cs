using Project01.DeepForecasting.Onnx;
using static TorchSharp.torch;

namespace Project01.DeepForecasting.Networks;

/// <summary>
/// What a deep network sees: <see cref="Lookback"/> bars of <see cref="Features"/> observed inputs, <see cref="Known"/>
/// known inputs of the bar forecast, and the symbol's bucket among <see cref="SymbolBuckets"/>. Targets are
/// standardised; when the target is modelled in logs (vol5), <see cref="LogTargetScale"/> is the standard deviation of
/// the log target (so a distribution's mean can be returned: E[y] = exp(μ + σ²/2) needs σ in log units), else 0.
/// </summary>
public sealed record NetworkShape(int Features, int Lookback, int Known, int SymbolBuckets, double LogTargetScale = 0);

/// <summary>A forecast in standardised target units, each [B]: the point (mean or median) and the 10 % and 90 % quantiles.</summary>
public sealed record DeepForecast(Tensor Point, Tensor Lower, Tensor Upper);

/// <summary>ONNX tensor names of a network's outputs, each [N × 1], plus any outputs that explain it (name, tensor, width).</summary>
public sealed record DeepGraphOutputs(string Point, string Lower, string Upper, IReadOnlyList<(string Name, string Tensor, int Width)> Explanations);

/// <summary>
/// A deep forecaster's network (TFT, DeepAR). Inputs are batch-first: observed [B, L, F] (standardised), known [B, K],
/// symbol [B] int64. The same forward pass is written twice, in TorchSharp for training and as an ONNX graph for
/// serving, and training fails unless they agree.
/// </summary>
public interface IDeepNetwork : IDisposable
{
    /// <summary>The trained module (parameters, train/eval mode, device, save/load).</summary>
    TorchSharp.torch.nn.Module Module { get; }

    DeepForecast Forward(Tensor observed, Tensor known, Tensor symbol);

    /// <summary>The training loss, averaged over the batch (quantile loss, negative log-likelihood).</summary>
    Tensor Loss(Tensor observed, Tensor known, Tensor symbol, Tensor target);

    /// <summary>Writes the forward pass into <paramref name="graph"/> from the names of observed [N, L, F], known [N, K]
    /// and symbol int64 [N] tensors.</summary>
    DeepGraphOutputs Export(OnnxGraph graph, string observed, string known, string symbol);
}
