using MathNet.Numerics.LinearAlgebra;
using Project01.Portfolios.Backtest;

namespace Project01.Portfolios.Ppo;

/// <summary>
/// A PPO agent trained once on the panel's rows before the test span (monthly holding periods, the backtest's costs)
/// and then acting greedily at each rebalance; the cash share it chooses stays in cash.
/// </summary>
public sealed class PpoAllocator : IAllocator, IDisposable
{
    private readonly PpoAgent _agent;

    /// <param name="ct">Stops the training between iterations (the agent's native tensors are released).</param>
    public PpoAllocator(ReturnPanel panel, DateTime testStart, double costBps, PpoOptions options, Action<string>? progress = null,
        CancellationToken ct = default)
    {
        var end = panel.IndexOnOrAfter(testStart);
        var environment = new PanelEnvironment(panel.Returns.SubMatrix(0, end, 0, panel.Symbols.Count), end, costBps);
        _agent = new PpoAgent(environment.ObservationSize, environment.Assets + 1, options);
        IReadOnlyList<double> rewards;
        try { rewards = _agent.Train(environment, progress, ct); }
        catch
        {
            _agent.Dispose();
            throw;
        }
        progress?.Invoke($"ppo: trained on {end} days before {testStart:yyyy-MM-dd}; mean monthly log growth {rewards[0]:F4} → {rewards[^1]:F4}");
    }

    public string Name => "ppo";

    public double[] Allocate(Matrix<double> history, IReadOnlyList<double> held)
    {
        if (history.RowCount < PanelFeatures.Lookback) throw new ArgumentException($"PPO's features need {PanelFeatures.Lookback} days of history");
        var weights = _agent.Act(PanelFeatures.At(history, history.RowCount - 1, held));
        return weights.Take(history.ColumnCount).ToArray();
    }

    public void Dispose() => _agent.Dispose();
}
