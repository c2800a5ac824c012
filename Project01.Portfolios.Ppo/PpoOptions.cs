namespace Project01.Portfolios.Ppo;

/// <summary>PPO's settings (Schulman et al. 2017): clip ε, GAE's γ and λ, and the optimiser's schedule.</summary>
public sealed record PpoOptions
{
    public int Iterations { get; init; } = 60;
    public int StepsPerIteration { get; init; } = 256;
    public int Epochs { get; init; } = 8;
    public int Hidden { get; init; } = 32;
    public double LearningRate { get; init; } = 3e-3;
    public double Clip { get; init; } = 0.2;
    public double Gamma { get; init; } = 0.99;
    public double Lambda { get; init; } = 0.95;
    public double ValueCoefficient { get; init; } = 0.5;
    public double EntropyCoefficient { get; init; } = 1e-3;
    public double InitialLogStd { get; init; } = -0.5;
    public int Seed { get; init; } = 1;
}
