using Project01.Core.Market;

namespace Project01.Core.Indicators;

/// <summary>A streaming indicator over bars (high/low/close/volume), with the same bookkeeping as <see cref="Indicator"/>.</summary>
public abstract class BarIndicator(string name, int warmUpPeriod)
{
    public string Name { get; } = name;
    public int WarmUpPeriod { get; } = warmUpPeriod;
    public long Samples { get; private set; }
    public double Current { get; private set; } = double.NaN;
    public bool IsReady => !double.IsNaN(Current);

    public double Update(in Bar bar)
    {
        Samples++;
        return Current = ComputeNextValue(bar);
    }

    protected abstract double ComputeNextValue(in Bar bar);

    public virtual void Reset()
    {
        Samples = 0;
        Current = double.NaN;
    }

    /// <summary>Batch: the same update applied over bars.</summary>
    public void Compute(ReadOnlySpan<Bar> bars, Span<double> output)
    {
        if (output.Length < bars.Length) throw new ArgumentException("output is shorter than input", nameof(output));
        for (var i = 0; i < bars.Length; i++) output[i] = Update(bars[i]);
    }

    public override string ToString() => $"{Name}: {Current}";
}
