namespace Project01.Portfolios.Ppo;

/// <summary>An episodic market: the agent picks weights over <see cref="Assets"/> assets plus cash (the last entry)
/// and is rewarded with the log growth of wealth net of costs.</summary>
public interface IPortfolioEnvironment
{
    int ObservationSize { get; }
    int Assets { get; }
    float[] Reset(Random random);
    (float[] Observation, double Reward, bool Done) Step(double[] weights);
}
