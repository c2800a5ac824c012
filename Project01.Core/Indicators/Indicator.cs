namespace Project01.Core.Indicators;

/// <summary>
/// A streaming indicator over a scalar series, after Lean's IndicatorBase: one <see cref="Update"/> entry point does
/// the bookkeeping and calls <see cref="ComputeNextValue"/>. <see cref="Current"/> is NaN until the indicator is ready,
/// so a batch run over an array (the same updates in a loop) yields TTR's NA pattern exactly.
/// </summary>
public abstract class Indicator(string name, int warmUpPeriod)
{
    public string Name { get; } = name;

    /// <summary>Number of inputs before the first defined value.</summary>
    public int WarmUpPeriod { get; } = warmUpPeriod;

    public long Samples { get; private set; }
    public double Current { get; private set; } = double.NaN;
    public bool IsReady => !double.IsNaN(Current);

    public double Update(double input)
    {
        Samples++;
        return Current = ComputeNextValue(input);
    }

    protected abstract double ComputeNextValue(double input);

    public virtual void Reset()
    {
        Samples = 0;
        Current = double.NaN;
    }

    /// <summary>Batch: the same update applied over a span, so batch and streaming values are bit-identical.</summary>
    public void Compute(ReadOnlySpan<double> input, Span<double> output)
    {
        if (output.Length < input.Length) throw new ArgumentException("output is shorter than input", nameof(output));
        for (var i = 0; i < input.Length; i++) output[i] = Update(input[i]);
    }

    public override string ToString() => $"{Name}: {Current}";
}
