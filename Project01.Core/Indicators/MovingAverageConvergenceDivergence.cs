namespace Project01.Core.Indicators;

/// <summary>
/// MACD(fast, slow, signal) in price units (TTR <c>MACD(percent = FALSE)</c>): EMA(fast) − EMA(slow); the signal is
/// an EMA of the MACD line that starts once the line is defined (so its seed is the mean of its first values).
/// </summary>
public sealed class MovingAverageConvergenceDivergence(int fast = 12, int slow = 26, int signal = 9)
    : Indicator($"MACD({fast},{slow},{signal})", slow)
{
    public ExponentialMovingAverage Fast { get; } = new(fast);
    public ExponentialMovingAverage Slow { get; } = new(slow);
    public ExponentialMovingAverage Signal { get; } = new(signal);

    /// <summary>MACD − signal; NaN until the signal is defined.</summary>
    public double Histogram => Current - Signal.Current;

    protected override double ComputeNextValue(double input)
    {
        var macd = Fast.Update(input) - Slow.Update(input);
        if (!double.IsNaN(macd)) Signal.Update(macd);
        return macd;
    }

    public override void Reset()
    {
        base.Reset();
        Fast.Reset();
        Slow.Reset();
        Signal.Reset();
    }
}
