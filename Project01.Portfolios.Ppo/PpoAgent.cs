using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Project01.Portfolios.Ppo;

/// <summary>
/// Proximal policy optimisation (Schulman et al. 2017) with the clipped surrogate objective and generalised advantage
/// estimation (Schulman et al. 2016). The policy is a Gaussian over logits z (mean from a small MLP, a learned
/// state-independent log-std); the weights are softmax(z) over the assets and cash, so they are long-only and sum to
/// one by construction. Acting greedily uses softmax of the mean. libtorch's thread count is process-wide and the
/// host's to set (the worker's training settings, p01's command): an agent that set it could change it under a deep
/// model training in the same process.
/// </summary>
public sealed class PpoAgent : IDisposable
{
    private readonly Module<Tensor, Tensor> _policy;
    private readonly Module<Tensor, Tensor> _value;
    private readonly Parameter _logStd;
    private readonly PpoOptions _options;

    public PpoAgent(int observationSize, int actions, PpoOptions options)
    {
        _options = options;
        torch.manual_seed(options.Seed);
        _policy = Sequential(Linear(observationSize, options.Hidden), Tanh(), Linear(options.Hidden, options.Hidden), Tanh(), Linear(options.Hidden, actions));
        _value = Sequential(Linear(observationSize, options.Hidden), Tanh(), Linear(options.Hidden, 1));
        _logStd = new Parameter(torch.full(actions, options.InitialLogStd, dtype: float32));
    }

    /// <summary>Weights for one observation: the policy's mean, or a sample from it.</summary>
    public double[] Act(float[] observation, bool deterministic = true, Random? random = null)
    {
        using var _ = torch.no_grad();
        using var mean = _policy.forward(tensor(observation).unsqueeze(0)).squeeze(0);
        var z = mean.data<float>().ToArray();
        if (!deterministic)
        {
            var std = _logStd.exp().data<float>().ToArray();
            for (var i = 0; i < z.Length; i++) z[i] += std[i] * (float)Gaussian(random!);
        }
        return Softmax(z);
    }

    /// <summary>Trains on episodes of <paramref name="environment"/>; returns the mean reward per step of each iteration.
    /// A cancelled <paramref name="ct"/> stops it before the next iteration (one iteration is well under a second).</summary>
    public IReadOnlyList<double> Train(IPortfolioEnvironment environment, Action<string>? progress = null, CancellationToken ct = default)
    {
        var random = new Random(_options.Seed);
        var parameters = _policy.parameters().Concat(_value.parameters()).Append(_logStd);
        using var optimiser = torch.optim.Adam(parameters, _options.LearningRate);
        var history = new List<double>();
        var observation = environment.Reset(random);
        var n = _options.StepsPerIteration;
        for (var iteration = 0; iteration < _options.Iterations; iteration++)
        {
            ct.ThrowIfCancellationRequested();
            var observations = new float[n][];
            var actions = new float[n][];
            var rewards = new double[n];
            var dones = new bool[n];
            for (var t = 0; t < n; t++)
            {
                observations[t] = observation;
                actions[t] = SampleLogits(observation, random);
                var (next, reward, done) = environment.Step(Softmax(actions[t]));
                (rewards[t], dones[t]) = (reward, done);
                observation = done ? environment.Reset(random) : next;
            }
            history.Add(rewards.Average());

            using var scope = torch.NewDisposeScope();
            var obs = tensor(observations.SelectMany(o => o).ToArray(), [n, observations[0].Length]);
            var act = tensor(actions.SelectMany(a => a).ToArray(), [n, actions[0].Length]);
            float[] values;
            using (torch.no_grad())
                values = _value.forward(obs).squeeze(1).data<float>().ToArray();
            var lastValue = 0f;
            using (torch.no_grad())
                lastValue = _value.forward(tensor(observation).unsqueeze(0)).item<float>();
            var (advantages, returns) = Gae(rewards, values, dones, lastValue);
            var adv = tensor(advantages);
            adv = (adv - adv.mean()) / (adv.std() + 1e-8);
            var ret = tensor(returns);
            var oldLogProb = LogProb(obs, act).detach();

            for (var epoch = 0; epoch < _options.Epochs; epoch++)
            {
                var ratio = (LogProb(obs, act) - oldLogProb).exp();
                var surrogate = torch.minimum(ratio * adv, ratio.clamp(1 - _options.Clip, 1 + _options.Clip) * adv).mean();
                var valueLoss = (_value.forward(obs).squeeze(1) - ret).pow(2).mean();
                var entropy = _logStd.sum(); // the Gaussian's entropy up to a constant
                var loss = -surrogate + _options.ValueCoefficient * valueLoss - _options.EntropyCoefficient * entropy;
                optimiser.zero_grad();
                loss.backward();
                torch.nn.utils.clip_grad_norm_(parameters, 0.5);
                optimiser.step();
            }
            if ((iteration + 1) % 10 == 0) progress?.Invoke($"ppo: iteration {iteration + 1}/{_options.Iterations}, mean reward per step {history[^1]:F5}");
        }
        return history;
    }

    private float[] SampleLogits(float[] observation, Random random)
    {
        using var _ = torch.no_grad();
        using var mean = _policy.forward(tensor(observation).unsqueeze(0)).squeeze(0);
        var z = mean.data<float>().ToArray();
        var std = _logStd.exp().data<float>().ToArray();
        for (var i = 0; i < z.Length; i++) z[i] += std[i] * (float)Gaussian(random);
        return z;
    }

    // Diagonal Gaussian log-density of the sampled logits, summed over the action's entries.
    private Tensor LogProb(Tensor obs, Tensor act)
    {
        var mean = _policy.forward(obs);
        var std = _logStd.exp();
        return (-0.5 * ((act - mean) / std).pow(2) - _logStd - 0.5 * Math.Log(2 * Math.PI)).sum(1);
    }

    private (float[] Advantages, float[] Returns) Gae(double[] rewards, float[] values, bool[] dones, float lastValue)
    {
        var n = rewards.Length;
        var advantages = new float[n];
        var gae = 0.0;
        for (var t = n - 1; t >= 0; t--)
        {
            var nextValue = dones[t] ? 0 : t == n - 1 ? lastValue : values[t + 1];
            var delta = rewards[t] + _options.Gamma * nextValue - values[t];
            gae = delta + (dones[t] ? 0 : _options.Gamma * _options.Lambda * gae);
            advantages[t] = (float)gae;
        }
        return (advantages, [.. advantages.Select((a, t) => a + values[t])]);
    }

    private static double[] Softmax(float[] z)
    {
        var max = z.Max();
        var e = z.Select(v => Math.Exp(v - max)).ToArray();
        var sum = e.Sum();
        return [.. e.Select(v => v / sum)];
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    public void Dispose()
    {
        _policy.Dispose();
        _value.Dispose();
        _logStd.Dispose();
    }
}
