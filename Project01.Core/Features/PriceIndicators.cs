using Project01.Core.Indicators;
using Project01.Core.Market;

namespace Project01.Core.Features;

/// <summary>
/// The indicators behind <see cref="PriceFeatures"/> for one symbol, each updated once per bar; every feature is read
/// from here. O(1) work per bar, no allocation per update. A value is NaN until its indicator is defined. The values
/// read through to the indicators rather than being copied per bar, which keeps the update as cheap as it was when
/// the engine wrote each feature by hand.
/// </summary>
public sealed class PriceIndicators
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

    public double Close { get; private set; } = double.NaN;
    public double Volume { get; private set; } = double.NaN;
    public double LogReturn => _logret.Current;
    public double LogReturn5 => _logret5.Current;
    public double Sma20 => _sma20.Current;
    public double Ema20 => _ema20.Current;
    public double Rsi14 => _rsi14.Current;
    public double TrueRange => _atr14.TrueRange.Current;
    public double Atr14 => _atr14.Current;
    public double Macd => _macd.Current;
    public double MacdSignal => _macd.Signal.Current;
    public double BollingerLower => _bb.Lower;
    public double BollingerMiddle => _bb.Current;
    public double BollingerUpper => _bb.Upper;
    public double BollingerPercentB => _bb.PercentB;
    public double Sd20 => _sd20.Current;
    public double VolumeMean20 => _volume20.Current;

    /// <summary>Σ of the last 20 squared one-bar log returns; NaN on a bar whose log return is NaN.</summary>
    public double SquaredReturns20 { get; private set; } = double.NaN;

    public void Update(in Bar bar)
    {
        var close = bar.Close;
        Close = close;
        Volume = bar.Volume;
        var logret = _logret.Update(close);
        _logret5.Update(close);
        _sma20.Update(close);
        _ema20.Update(close);
        _rsi14.Update(close);
        _atr14.Update(bar);
        _macd.Update(close);
        _bb.Update(close);
        _sd20.Update(close);
        _volume20.Update(bar.Volume);
        SquaredReturns20 = double.IsNaN(logret) ? double.NaN : _squaredReturns20.Update(logret * logret);
    }
}
