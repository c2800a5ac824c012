using Project01.Core.Indicators;
using Project01.Core.Market;

namespace Project01.Core.Features;

/// <summary>
/// Streaming state of <see cref="PriceFeatures"/> for one symbol: O(1) work per bar, no allocation per update.
/// <see cref="ComputeBatch"/> is this same update in a loop, so offline and online values are bit-identical.
/// </summary>
public sealed class PriceFeatureEngine
{
    private readonly LogReturn _logret = new(1);
    private readonly LogReturn _logret5 = new(5);
    private readonly SimpleMovingAverage _sma20 = new(20);
    private readonly ExponentialMovingAverage _ema20 = new(20);
    private readonly RelativeStrengthIndex _rsi14 = new(14);
    private readonly AverageTrueRange _atr14 = new(14);
    private readonly MovingAverageConvergenceDivergence _macd = new(12, 26, 9);
    private readonly BollingerBands _bb = new(20, 2);
    private readonly RollingStandardDeviation _sd20 = new(20, sample: true);
    private readonly SimpleMovingAverage _volume20 = new(20);
    private readonly Sum _squaredReturns20 = new(20);

    public DateTime LastTime { get; private set; } = DateTime.MinValue;
    public long Bars { get; private set; }

    /// <summary>Feeds one bar and writes every feature (NaN where not yet defined) into <paramref name="values"/>.</summary>
    public void Update(in Bar bar, Span<double> values)
    {
        if (values.Length < PriceFeatures.Count) throw new ArgumentException($"need room for {PriceFeatures.Count} values", nameof(values));
        if (bar.Time <= LastTime)
            throw new InvalidOperationException($"{bar.Symbol}: bar time {bar.Time:O} does not move forward from {LastTime:O}");
        LastTime = bar.Time;
        Bars++;

        var close = bar.Close;
        var logret = _logret.Update(close);
        var sma = _sma20.Update(close);
        var ema = _ema20.Update(close);
        var atr = _atr14.Update(bar);
        var macd = _macd.Update(close);
        var signal = _macd.Signal.Current;
        _bb.Update(close);
        var sd = _sd20.Update(close);
        var volumeMean = _volume20.Update(bar.Volume);
        var squared = double.IsNaN(logret) ? double.NaN : _squaredReturns20.Update(logret * logret);

        values[0] = close;
        values[1] = logret;
        values[2] = _logret5.Update(close);
        values[3] = sma;
        values[4] = ema;
        values[5] = _rsi14.Update(close);
        values[6] = _atr14.TrueRange.Current;
        values[7] = atr;
        values[8] = macd;
        values[9] = signal;
        values[10] = _bb.Lower;
        values[11] = _bb.Current;
        values[12] = _bb.Upper;
        values[13] = _bb.PercentB;
        values[14] = sd;
        values[15] = volumeMean > 0 ? bar.Volume / volumeMean : double.NaN;
        values[16] = close / sma - 1;
        values[17] = close / ema - 1;
        values[18] = atr / close;
        values[19] = macd / close;
        values[20] = (macd - signal) / close;
        values[21] = sd / close;
        // A flat stretch can leave the running sum of squares a rounding error below zero: that is zero volatility.
        values[22] = double.IsNaN(squared) ? double.NaN : Math.Sqrt(Math.Max(0, squared) * (252.0 / 20));
    }

    /// <summary>All features for a bar series of one symbol: a row-major [bars × features] array.</summary>
    public static double[] ComputeBatch(ReadOnlySpan<Bar> bars)
    {
        var engine = new PriceFeatureEngine();
        var output = new double[bars.Length * PriceFeatures.Count];
        for (var i = 0; i < bars.Length; i++)
            engine.Update(bars[i], output.AsSpan(i * PriceFeatures.Count, PriceFeatures.Count));
        return output;
    }
}
