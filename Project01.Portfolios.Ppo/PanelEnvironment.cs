using MathNet.Numerics.LinearAlgebra;

namespace Project01.Portfolios.Ppo;

/// <summary>
/// The training market: rows [0, end) of a return panel (the years before the test span). An episode starts at a random
/// close and lasts <c>steps</c> holding periods of <c>hold</c> days; each step sets weights (assets, then cash), pays
/// costBps on the traded notional, lets them drift, and is rewarded with log(equity after / equity before).
/// </summary>
public sealed class PanelEnvironment(Matrix<double> returns, int end, double costBps, int hold = 21, int steps = 12) : IPortfolioEnvironment
{
    private int _day;
    private int _step;
    private double[] _held = new double[returns.ColumnCount];

    public int ObservationSize => PanelFeatures.Size(Assets);
    public int Assets => returns.ColumnCount;

    public float[] Reset(Random random)
    {
        var latestStart = end - 1 - hold * steps;
        if (latestStart <= PanelFeatures.Lookback) throw new ArgumentException("the training span is too short for one episode");
        _day = random.Next(PanelFeatures.Lookback, latestStart);
        _step = 0;
        _held = new double[Assets];
        return PanelFeatures.At(returns, _day, _held);
    }

    public (float[] Observation, double Reward, bool Done) Step(double[] weights)
    {
        var turnover = 0.0;
        for (var i = 0; i < Assets; i++) turnover += Math.Abs(weights[i] - _held[i]);
        var held = weights.Take(Assets).ToArray();
        var logGrowth = Math.Log(1 - costBps / 10_000 * turnover);
        for (var t = _day + 1; t <= _day + hold; t++)
        {
            var gross = 0.0;
            for (var i = 0; i < Assets; i++) gross += held[i] * returns[t, i];
            logGrowth += Math.Log(1 + gross);
            for (var i = 0; i < Assets; i++) held[i] = held[i] * (1 + returns[t, i]) / (1 + gross);
        }
        (_day, _held) = (_day + hold, held);
        _step++;
        return (PanelFeatures.At(returns, _day, _held), logGrowth, _step >= steps);
    }
}
