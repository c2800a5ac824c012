using Project01.DeepForecasting.Runtime;
using Project01.DeepForecasting.Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Project01.DeepForecasting.Networks.DeepAr;

/// <summary>
/// DeepAR (Salinas et al. 2020) for a one-step horizon: an LSTM runs over the lookback window, whose inputs carry the
/// lagged target itself (<c>logret</c> is yesterday's ret1 label, <c>rvol5</c> the last vol5 label), so the recurrence
/// is autoregressive; a hashed symbol embedding (zero at start) sets the LSTM's initial state; the last state with the
/// calendar of the forecast bar gives the parameters of a Gaussian or Student-t. Over one step, ancestral sampling draws
/// from that distribution itself, so the band is its exact 10 % and 90 % quantiles (<see cref="Sample"/> draws, and a
/// test checks the two agree). Student-t's degrees of freedom are one learned scalar (ν = 2 + softplus(θ), so the
/// variance exists), which keeps its quantile a constant in the exported graph.
/// </summary>
public sealed class DeepArNetwork : Module, IDeepNetwork
{
    private const double MinimumSigma = 1e-3;
    private readonly NetworkShape _shape;
    private readonly string _likelihood;
    private readonly int _hidden;
    private readonly Embedding symbol;
    private readonly Linear initial;
    private readonly LSTM lstm;
    private readonly Linear head;
    private readonly Linear mu;
    private readonly Linear sigma;
    private readonly Parameter nu;
    private readonly Dropout dropout;

    public DeepArNetwork(NetworkShape shape, DeepConfig config) : base("deepar")
    {
        RecurrentKernels.EnsureExact();
        Likelihoods.Validate(config.Likelihood);
        (_shape, _likelihood, _hidden) = (shape, config.Likelihood, config.Hidden);
        symbol = Embedding(shape.SymbolBuckets, config.SymbolEmbedding);
        using (no_grad()) symbol.weight!.zero_();
        initial = Linear(config.SymbolEmbedding, config.Hidden);
        lstm = LSTM(shape.Features, config.Hidden, batchFirst: true);
        head = Linear(config.Hidden + shape.Known + config.SymbolEmbedding, config.Hidden);
        mu = Linear(config.Hidden, 1);
        sigma = Linear(config.Hidden, 1);
        nu = Parameter(tensor(new[] { 2f })); // ν ≈ 4.1 at start
        dropout = Dropout(config.Dropout);
        RegisterComponents();
    }

    public Module Module => this;

    public string Likelihood => _likelihood;

    /// <summary>The Student-t degrees of freedom (2 + softplus(θ)).</summary>
    public double DegreesOfFreedom
    {
        get
        {
            using var _ = no_grad();
            return 2 + functional.softplus(nu).item<float>();
        }
    }

    /// <summary>μ, σ (and ν) in standardised target units, each [B].</summary>
    public (Tensor Mu, Tensor Sigma, Tensor Nu) Parameters(Tensor observed, Tensor known, Tensor symbolId)
    {
        var e = symbol.forward(symbolId);
        var h0 = initial.forward(e).tanh().unsqueeze(0);
        var c0 = zeros_like(h0);
        var (_, h, _) = lstm.forward(observed, (h0, c0));
        var z = functional.elu(head.forward(cat([dropout.forward(h.squeeze(0)), known, e], 1)), 1.0);
        var m = mu.forward(z).squeeze(1);
        var s = functional.softplus(sigma.forward(z)).squeeze(1) + MinimumSigma;
        return (m, s, 2 + functional.softplus(nu));
    }

    public DeepForecast Forward(Tensor observed, Tensor known, Tensor symbolId)
    {
        var (m, s, v) = Parameters(observed, known, symbolId);
        var (q, variance) = Spread(v.item<float>());
        var point = _shape.LogTargetScale > 0 ? m + s.pow(2) * (float)(variance * _shape.LogTargetScale / 2) : m;
        return new DeepForecast(point, m - s * (float)q, m + s * (float)q);
    }

    public Tensor Loss(Tensor observed, Tensor known, Tensor symbolId, Tensor target)
    {
        var (m, s, v) = Parameters(observed, known, symbolId);
        return (_likelihood == Likelihoods.Gaussian ? Likelihoods.GaussianNll(target, m, s) : Likelihoods.StudentTNll(target, m, s, v)).mean();
    }

    /// <summary><paramref name="samples"/> draws per window from the predicted distribution (standardised units), [B, samples].</summary>
    public Tensor Sample(Tensor observed, Tensor known, Tensor symbolId, int samples, Generator? generator = null)
    {
        var (m, s, v) = Parameters(observed, known, symbolId);
        var shape = new long[] { m.shape[0], samples };
        var eps = randn(shape, generator: generator);
        if (_likelihood == Likelihoods.StudentT)
        {
            // t = Z / sqrt(χ²_ν / ν), χ²_ν = 2 · Gamma(ν/2, 1).
            var chi2 = 2 * _standard_gamma(full(shape, v.item<float>() / 2), generator: generator);
            eps = eps / (chi2 / v).sqrt();
        }
        return m.unsqueeze(1) + s.unsqueeze(1) * eps;
    }

    /// <summary>The standardised 90 % quantile and the variance factor (1 for the Gaussian, ν/(ν−2) for Student-t).</summary>
    private (double Quantile, double Variance) Spread(double degrees) => _likelihood == Likelihoods.Gaussian
        ? (Likelihoods.StandardQuantile(_likelihood, 0.9, double.NaN), 1)
        : (Likelihoods.StandardQuantile(_likelihood, 0.9, degrees), degrees / (degrees - 2));

    public DeepGraphOutputs Export(OnnxGraph g, string observed, string known, string symbolId)
    {
        var e = g.Embedding(symbolId, symbol);
        var h0 = g.Tanh(g.Linear(e, initial));
        var (_, h, _) = g.Lstm(observed, lstm, _hidden, h0, null);
        var z = g.Elu(g.Linear(g.Concat(1, h, known, e), head));
        var m = g.Linear(z, mu);
        var s = g.Add(g.Softplus(g.Linear(z, sigma)), g.Constant([(float)MinimumSigma], [1]));
        var (q, variance) = Spread(DegreesOfFreedom);
        var spread = g.Mul(s, g.Constant([(float)q], [1]));
        var point = _shape.LogTargetScale > 0 ? g.Add(m, g.Mul(g.Mul(s, s), g.Constant([(float)(variance * _shape.LogTargetScale / 2)], [1]))) : m;
        return new DeepGraphOutputs(point, g.Sub(m, spread), g.Add(m, spread), []);
    }
}
