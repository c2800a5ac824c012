using Project01.Core.Indicators;
using Project01.Core.Market;

namespace Project01.Core.Features;

/// <summary>
/// The indicators behind <see cref="PriceFeatures"/> for one symbol, each updated once per bar; every feature is read
/// from here. O(1) work per bar, no allocation per update. A value is NaN until its indicator is defined. The values
/// read through to the indicators rather than being copied per bar, which keeps the update as cheap as it was when
/// the engine wrote each feature by hand.
/// <para>Intraday bars are session-aware where it matters: the return from one session's last bar to the next one's
/// first (the overnight gap) is a return like any other for logret, but not one bar's worth of volatility, so it is
/// left out of the realised-volatility window; and a year is 252 sessions of 6.5 hours (the US regular session) of
/// bars rather than 252 bars.</para>
/// </summary>
/// <param name="returnsAndVolume">false skips the return and volume windows (the logarithm a bar among them) when no
/// feature read will need them; their values then stay NaN.</param>
public sealed class PriceIndicators(BarInterval? interval = null, bool returnsAndVolume = true)
{
    /// <summary>US regular trading hours: 09:30–16:00 New York.</summary>
    public const double SessionMinutes = 390;

    private readonly bool _intraday = interval is { IsDaily: false };
    private DateOnly _session;

    // The five-bar window also gives the one-bar return: one logarithm a bar instead of two.
    private readonly LogReturn _logret5 = new(5);
    private readonly SimpleMovingAverage _sma20 = new(20);
    private readonly ExponentialMovingAverage _ema20 = new(20);
    private readonly RelativeStrengthIndex _rsi14 = new(14);
    private readonly AverageTrueRange _atr14 = new(14);
    private readonly MovingAverageConvergenceDivergence _macd = new(12, 26, 9);
    // Bollinger bands come from these two: their middle band is SMA20 and their σ is this window's population σ, so a
    // separate BollingerBands (two more 20-bar windows over the same closes) would compute the same numbers again.
    private readonly RollingStandardDeviation _sd20 = new(20, sample: true);
    private const double BollingerK = 2;
    private readonly SimpleMovingAverage _volume20 = new(20);
    private readonly Sum _squaredReturns20 = new(20);

    public double Close { get; private set; } = double.NaN;
    public double Volume { get; private set; } = double.NaN;
    public double LogReturn { get; private set; } = double.NaN;
    public double LogReturn5 => _logret5.Current;
    public double Sma20 => _sma20.Current;
    public double Ema20 => _ema20.Current;
    public double Rsi14 => _rsi14.Current;
    public double TrueRange => _atr14.TrueRange.Current;
    public double Atr14 => _atr14.Current;
    public double Macd => _macd.Current;
    public double MacdSignal => _macd.Signal.Current;
    public double BollingerLower { get; private set; } = double.NaN;
    public double BollingerMiddle => _sma20.Current;
    public double BollingerUpper { get; private set; } = double.NaN;
    public double BollingerPercentB { get; private set; } = double.NaN;
    public double Sd20 => _sd20.Current;
    public double VolumeMean20 => _volume20.Current;

    /// <summary>Σ of the last 20 squared one-bar log returns (within sessions, for intraday bars); NaN on a bar whose log
    /// return is NaN.</summary>
    public double SquaredReturns20 { get; private set; } = double.NaN;

    /// <summary>Whether a feature's expression reads anything <c>returnsAndVolume: false</c> leaves NaN.</summary>
    public static bool ReadsReturnsOrVolume(System.Linq.Expressions.Expression<Func<PriceIndicators, double>> value)
    {
        var reader = new MemberReader();
        reader.Visit(value);
        return reader.Members.Overlaps(ReturnAndVolumeMembers);
    }

    private static readonly string[] ReturnAndVolumeMembers =
        [nameof(Volume), nameof(LogReturn), nameof(LogReturn5), nameof(VolumeMean20), nameof(SquaredReturns20)];

    private sealed class MemberReader : System.Linq.Expressions.ExpressionVisitor
    {
        public HashSet<string> Members { get; } = new(StringComparer.Ordinal);

        protected override System.Linq.Expressions.Expression VisitMember(System.Linq.Expressions.MemberExpression node)
        {
            if (node.Member.DeclaringType == typeof(PriceIndicators)) Members.Add(node.Member.Name);
            return base.VisitMember(node);
        }
    }

    /// <summary>Bars in a year, to annualise volatility: 252 for daily bars, 252 sessions of bars for intraday ones.</summary>
    public double PeriodsPerYear { get; } = interval is { IsDaily: false } i ? 252 * SessionMinutes / i.Length.TotalMinutes : 252;

    public void Update(in Bar bar)
    {
        var close = bar.Close;
        Close = close;
        var sma20 = _sma20.Update(close);
        _ema20.Update(close);
        _rsi14.Update(close);
        _atr14.Update(bar);
        _macd.Update(close);
        _sd20.Update(close);
        (BollingerLower, BollingerUpper, BollingerPercentB) = BollingerBands.Bands(close, sma20, _sd20.Population, BollingerK);
        if (!returnsAndVolume) return;
        Volume = bar.Volume;
        _logret5.Update(close);
        var logret = LogReturn = _logret5.Over(1);
        _volume20.Update(bar.Volume);
        var session = _intraday ? MarketTime.SessionDate(bar.Time) : default;
        var overnight = _intraday && _session != default && session != _session;
        _session = session;
        if (overnight) return; // the gap stays out of the window; the sum stays what it was
        SquaredReturns20 = double.IsNaN(logret) ? double.NaN : _squaredReturns20.Update(logret * logret);
    }
}
