namespace Project01.Core.Indicators;

/// <summary>
/// Largest peak-to-trough decline within the last n prices, as a positive fraction: the maximum over i ≤ j in the
/// window of 1 − P[j]/P[i] (0 when the window never falls). First value at input n; prices must be positive.
/// <para>
/// Why not monotonic deques alone: they slide the window's maximum and minimum, but the drawdown depends on order —
/// a dip before the window's current peak still counts until it leaves — and a maximum of pairwise drops cannot be
/// taken apart when the oldest price leaves. What does slide is a summary per stretch of prices, (peak, trough,
/// drawdown), because it merges associatively: drawdown(A then B) = max(dd A, dd B, 1 − trough B / peak A). So the
/// window is a two-stack queue of summaries: a new price folds into the back summary in O(1); the front stack holds
/// the suffix summaries of older prices, and evicting the oldest pops it in O(1); when the front runs empty the back's
/// prices are re-folded into it, newest first — O(n) once per n updates, amortised O(1).
/// </para>
/// <para>
/// The result is bit-identical to a whole-window scan: division and subtraction round monotonically, so the largest
/// 1 − trough/peak over a merge is exactly the largest over its pairs.
/// </para>
/// </summary>
public sealed class RollingMaxDrawdown : Indicator
{
    private readonly double[] _backPrices;
    private readonly Stretch[] _front;
    private int _backCount;
    private int _frontCount;
    private Stretch _back;

    public RollingMaxDrawdown(int period) : base($"MDD({period})", period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
        _backPrices = new double[period];
        _front = new Stretch[period];
    }

    public int Period { get; }

    protected override double ComputeNextValue(double input)
    {
        if (_frontCount + _backCount == Period) EvictOldest();
        _back = _backCount == 0 ? Stretch.Of(input) : Stretch.Merge(_back, Stretch.Of(input));
        _backPrices[_backCount++] = input;
        if (Samples < Period) return double.NaN;
        if (_frontCount == 0) return _back.Drawdown;
        return Stretch.Merge(_front[_frontCount - 1], _back).Drawdown;
    }

    private void EvictOldest()
    {
        if (_frontCount == 0)
        {
            // _front[k] summarises the k + 1 newest of the moved prices, so the top is the whole stretch.
            var summary = Stretch.Of(_backPrices[_backCount - 1]);
            _front[0] = summary;
            for (var k = 1; k < _backCount; k++)
                _front[k] = summary = Stretch.Merge(Stretch.Of(_backPrices[_backCount - 1 - k]), summary);
            _frontCount = _backCount;
            _backCount = 0;
        }
        _frontCount--;
    }

    public override void Reset()
    {
        base.Reset();
        _backCount = 0;
        _frontCount = 0;
        _back = default;
    }

    private readonly record struct Stretch(double Peak, double Trough, double Drawdown)
    {
        public static Stretch Of(double price) => new(price, price, 0);

        public static Stretch Merge(in Stretch older, in Stretch newer) => new(
            Math.Max(older.Peak, newer.Peak),
            Math.Min(older.Trough, newer.Trough),
            Math.Max(Math.Max(older.Drawdown, newer.Drawdown), 1 - newer.Trough / older.Peak));
    }
}
