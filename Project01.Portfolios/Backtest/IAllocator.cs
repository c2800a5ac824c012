using MathNet.Numerics.LinearAlgebra;

namespace Project01.Portfolios.Backtest;

/// <summary>
/// Chooses weights at a rebalance from the returns known at that close (<paramref name="history"/>: rows oldest first,
/// the last row the day just closed) and the weights currently held after drift. Weights are long-only and sum to at
/// most one; the rest is cash, which earns nothing.
/// </summary>
public interface IAllocator
{
    string Name { get; }
    double[] Allocate(Matrix<double> history, IReadOnlyList<double> held);
}
