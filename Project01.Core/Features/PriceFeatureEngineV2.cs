using Project01.Core.Indicators;
using Project01.Core.Market;

namespace Project01.Core.Features;

/// <summary>
/// Streaming state of <see cref="PriceFeaturesV2"/> for one symbol: a <see cref="PriceFeatureEngine"/> writes the
/// price_v1 prefix (so it cannot drift from price_v1), then the added indicators follow. O(1) per bar (amortised for
/// the window extremes and drawdown), no allocation per update; <see cref="ComputeBatch"/> is this same update in a
/// loop, so offline and online values are bit-identical.
/// </summary>
public sealed class PriceFeatureEngineV2
{
    private readonly PriceFeatureEngine _v1 = new();
    private readonly WeightedMovingAverage _wma20 = new(20);
    private readonly Stochastic _stoch = new(14, 3, 3);
    private readonly OnBalanceVolume _obv = new();
    private readonly RollingZScore _obvZ20 = new(20);
    private readonly RollingZScore _zscore20 = new(20);
    private readonly RateOfChange _roc10 = new(10);
    private readonly RollingMaxDrawdown _mdd60 = new(60);
    private readonly LogReturn _logret20 = new(20);

    public DateTime LastTime => _v1.LastTime;
    public long Bars => _v1.Bars;

    /// <summary>Feeds one bar and writes every feature (NaN where not yet defined) into <paramref name="values"/>.</summary>
    public void Update(in Bar bar, Span<double> values)
    {
        if (values.Length < PriceFeaturesV2.Count) throw new ArgumentException($"need room for {PriceFeaturesV2.Count} values", nameof(values));
        _v1.Update(bar, values); // also refuses bars that do not move forward in time

        var close = bar.Close;
        var wma = _wma20.Update(close);
        var obv = _obv.Update(bar);
        var added = values[PriceFeatures.Count..];
        added[0] = wma;
        added[1] = close / wma - 1;
        added[2] = _stoch.Update(bar);
        added[3] = _stoch.FastD.Current;
        added[4] = _stoch.SlowD.Current;
        added[5] = obv;
        added[6] = _obvZ20.Update(obv);
        added[7] = _zscore20.Update(close);
        added[8] = _roc10.Update(close);
        added[9] = _mdd60.Update(close);
        added[10] = _logret20.Update(close);
    }

    /// <summary>All features for a bar series of one symbol: a row-major [bars × features] array.</summary>
    public static double[] ComputeBatch(ReadOnlySpan<Bar> bars)
    {
        var engine = new PriceFeatureEngineV2();
        var output = new double[bars.Length * PriceFeaturesV2.Count];
        for (var i = 0; i < bars.Length; i++)
            engine.Update(bars[i], output.AsSpan(i * PriceFeaturesV2.Count, PriceFeaturesV2.Count));
        return output;
    }
}
