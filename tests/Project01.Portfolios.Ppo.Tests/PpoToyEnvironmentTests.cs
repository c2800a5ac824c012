namespace Project01.Portfolios.Ppo.Tests;

public sealed class PpoToyEnvironmentTests
{
    /// <summary>Two assets and cash: the first always returns +1 % a step, the second −1 %, cash 0; the observation is
    /// noise, so only the action matters. Episodes last 8 steps; the reward is the log growth, costs 10 bp.</summary>
    private sealed class OneAssetAlwaysWins : IPortfolioEnvironment
    {
        private Random _random = new(0);
        private int _step;
        public int ObservationSize => 3;
        public int Assets => 2;
        public float[] Reset(Random random) { (_random, _step) = (random, 0); return Noise(); }
        public (float[] Observation, double Reward, bool Done) Step(double[] weights)
        {
            _step++;
            var gross = 0.01 * weights[0] - 0.01 * weights[1];
            return (Noise(), Math.Log(1 + gross), _step >= 8);
        }
        private float[] Noise() => [(float)_random.NextDouble(), (float)_random.NextDouble(), (float)_random.NextDouble()];
    }

    [Fact]
    public void LearnsToHoldTheAssetThatAlwaysGains()
    {
        var environment = new OneAssetAlwaysWins();
        using var agent = new PpoAgent(environment.ObservationSize, environment.Assets + 1, new PpoOptions { Iterations = 40, StepsPerIteration = 128, Seed = 3 });
        var before = agent.Act([0.5f, 0.5f, 0.5f]);
        var rewards = agent.Train(environment);
        var after = agent.Act([0.5f, 0.5f, 0.5f]);

        Assert.InRange(before[0], 0.1, 0.6); // an untrained policy does not already know
        Assert.True(after[0] > 0.9, $"weights after training: {string.Join(", ", after.Select(w => w.ToString("F3")))}");
        Assert.Equal(1, after.Sum(), 9);
        Assert.True(rewards[^1] > rewards[0] + 0.003, $"mean reward per step {rewards[0]:F4} → {rewards[^1]:F4}");
    }

    [Fact]
    public void ACancelledTrainingStopsBeforeTheNextIteration()
    {
        var environment = new OneAssetAlwaysWins();
        using var agent = new PpoAgent(environment.ObservationSize, environment.Assets + 1, new PpoOptions { Iterations = 40, StepsPerIteration = 128, Seed = 3 });
        using var cancel = new CancellationTokenSource();
        var progress = new List<string>();
        // Cancelled from the agent's own progress report after iteration 10: the next iteration must not start.
        Assert.Throws<OperationCanceledException>(() => agent.Train(environment, line =>
        {
            progress.Add(line);
            cancel.Cancel();
        }, cancel.Token));

        Assert.Equal(["ppo: iteration 10/40"], progress.Select(p => p.Split(',')[0]));
        // Still usable: a cancelled training leaves a policy that acts.
        Assert.Equal(1, agent.Act([0.5f, 0.5f, 0.5f]).Sum(), 9);
    }
}
