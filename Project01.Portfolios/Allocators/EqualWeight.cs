using MathNet.Numerics.LinearAlgebra;
using Project01.Portfolios.Backtest;

namespace Project01.Portfolios.Allocators;

/// <summary>1/N in every asset, restored at each rebalance.</summary>
public sealed class EqualWeight : IAllocator
{
    public string Name => "ew";
    public double[] Allocate(Matrix<double> history, IReadOnlyList<double> held) =>
        Enumerable.Repeat(1.0 / history.ColumnCount, history.ColumnCount).ToArray();
}

/// <summary>Buys 1/N once, from cash, and then holds whatever the weights drift to: the passive benchmark.</summary>
public sealed class EqualWeightBuyAndHold : IAllocator
{
    public string Name => "ew-buy-hold";
    public double[] Allocate(Matrix<double> history, IReadOnlyList<double> held) =>
        held.Sum() > 0 ? [.. held] : Enumerable.Repeat(1.0 / history.ColumnCount, history.ColumnCount).ToArray();
}
