namespace Project01.Core.Indicators;

/// <summary>
/// A streaming indicator, after Lean's IndicatorBase: one <see cref="Update"/> entry point does the bookkeeping and
/// calls <see cref="ComputeNextValue"/>. <see cref="Current"/> is NaN until the indicator is ready, so a batch run
/// over an array (the same updates in a loop) yields TTR's NA pattern exactly. <see cref="Indicator"/> takes scalars,
/// <see cref="BarIndicator"/> bars.
/// </summary>
public abstract class IndicatorBase<TInput>(string name, int warmUpPeriod)
{
    public string Name { get; } = name;

    /// <summary>Number of inputs up to and including the first defined value (20 for SMA(20)).</summary>
    public int WarmUpPeriod { get; } = warmUpPeriod;

    public long Samples { get; private set; }
    public double Current { get; private set; } = double.NaN;
    public bool IsReady => !double.IsNaN(Current);

    /// <summary>Feeds one input (inputs in time order) and returns the new <see cref="Current"/>.</summary>
    public double Update(in TInput input)
    {
        Samples++;
        return Current = ComputeNextValue(input);
    }

    protected abstract double ComputeNextValue(in TInput input);

    public virtual void Reset()
    {
        Samples = 0;
        Current = double.NaN;
    }

    /// <summary>Batch: the same update applied over a span, so batch and streaming values are bit-identical.</summary>
    public void Compute(ReadOnlySpan<TInput> input, Span<double> output)
    {
        if (output.Length < input.Length) throw new ArgumentException("output is shorter than input", nameof(output));
        for (var i = 0; i < input.Length; i++) output[i] = Update(input[i]);
    }

    public override string ToString() => $"{Name}: {Current}";
}
