namespace Project01.Core.Market;

/// <summary>What happened to a trade handed to <see cref="BarAggregator.Add"/>.</summary>
public enum TradeDisposition
{
    /// <summary>Folded into the open bar (or it opened one).</summary>
    Added,
    /// <summary>It opened a new bar, so the previous one is complete and returned.</summary>
    ClosedPrevious,
    /// <summary>Its bucket lies before the open bar's (already emitted or skipped): not merged, counted in <see cref="BarAggregator.LateTrades"/>.</summary>
    Late,
}

/// <summary>The outcome of one trade: its disposition and, for <see cref="TradeDisposition.ClosedPrevious"/>, the finished bar.</summary>
public readonly record struct TradeAggregation(TradeDisposition Disposition, Bar? Completed);

/// <summary>
/// Turns one symbol's trades into time bars (1m, 5m, 1h, 1d, …). Intraday buckets are aligned on UTC and a bar is
/// stamped at its close (09:31 for 09:30–09:31). Daily bars follow <see cref="Bar"/>'s convention instead: the session
/// date at 00:00 UTC, where the session date is taken in <c>sessionZone</c> (New York for US equities, so evening
/// trades after 00:00 UTC still count for the right day). Open and close are the earliest and latest trades by time
/// (ties: arrival order), so small reorderings inside a bucket do not change the bar. A bar is emitted when a trade
/// for a later bucket arrives or on <see cref="Flush"/>; a trade for an earlier bucket is reported as late and never
/// merged, because the bar it belongs to has already gone downstream. Buckets with no trades produce no bar.
/// </summary>
public sealed class BarAggregator
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private readonly TimeZoneInfo _zone;
    private Bucket? _open;
    private long _watermark = long.MinValue; // start ticks of the earliest bucket still accepted

    public BarAggregator(string symbol, TimeSpan interval, TimeZoneInfo? sessionZone = null)
    {
        if (!Symbols.IsValid(symbol)) throw new ArgumentException($"'{symbol}' is not a valid upper-case symbol", nameof(symbol));
        if (interval <= TimeSpan.Zero || (interval != Day && (interval > Day || Day.Ticks % interval.Ticks != 0)))
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "interval must divide a day evenly (1m, 5m, 1h, …) or be exactly one day");
        Symbol = symbol;
        Interval = interval;
        _zone = sessionZone ?? TimeZoneInfo.Utc;
    }

    public string Symbol { get; }
    public TimeSpan Interval { get; }
    public bool IsDaily => Interval == Day;

    /// <summary>Trades refused because their bucket was already emitted (or skipped over).</summary>
    public long LateTrades { get; private set; }

    /// <summary>The bar being built, if any (not yet emitted).</summary>
    public Bar? Pending => _open?.ToBar(Symbol);

    public TradeAggregation Add(DateTime time, double price, long size)
    {
        if (time.Kind != DateTimeKind.Utc) throw new ArgumentException("trade time must be UTC", nameof(time));
        if (!double.IsFinite(price) || price <= 0) throw new ArgumentOutOfRangeException(nameof(price), price, "price must be a positive number");
        ArgumentOutOfRangeException.ThrowIfNegative(size);

        var (start, stamp) = BucketOf(time);
        if (start < _watermark || (_open is { } o && start < o.Start))
        {
            LateTrades++;
            return new TradeAggregation(TradeDisposition.Late, null);
        }
        if (_open is { } current && start == current.Start)
        {
            current.Add(time, price, size);
            return new TradeAggregation(TradeDisposition.Added, null);
        }

        var completed = _open?.ToBar(Symbol);
        _open = new Bucket(start, stamp, time, price, size);
        _watermark = start;
        return completed is null
            ? new TradeAggregation(TradeDisposition.Added, null)
            : new TradeAggregation(TradeDisposition.ClosedPrevious, completed);
    }

    /// <summary>Emits the open bar (if any); later trades for its bucket count as late.</summary>
    public Bar? Flush()
    {
        if (_open is not { } open) return null;
        _open = null;
        _watermark = open.Start + 1; // nothing at or before the flushed bucket is accepted any more
        return open.ToBar(Symbol);
    }

    /// <summary>
    /// Emits the open bar once wall-clock time has passed its close (plus <paramref name="grace"/> for stragglers), for
    /// live feeds where the next trade may be long in coming. Daily bars close at the end of the session date in the zone.
    /// </summary>
    public Bar? FlushIfClosed(DateTime utcNow, TimeSpan grace = default)
    {
        if (_open is not { } open) return null;
        var closesAt = IsDaily
            ? TimeZoneInfo.ConvertTimeToUtc(new DateTime(open.Start, DateTimeKind.Unspecified).AddDays(1), _zone)
            : open.Stamp;
        return utcNow >= closesAt + grace ? Flush() : null;
    }

    // Start ticks (for ordering: local session day for daily bars, UTC for intraday) and the bar's stamp.
    private (long Start, DateTime Stamp) BucketOf(DateTime utc)
    {
        if (IsDaily)
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(utc, _zone).Date;
            return (local.Ticks, DateTime.SpecifyKind(local, DateTimeKind.Utc));
        }
        var start = utc.Ticks - utc.Ticks % Interval.Ticks;
        return (start, new DateTime(start + Interval.Ticks, DateTimeKind.Utc));
    }

    private sealed class Bucket(long start, DateTime stamp, DateTime time, double price, long size)
    {
        public long Start { get; } = start;
        public DateTime Stamp { get; } = stamp;
        private DateTime _openTime = time, _closeTime = time;
        private double _open = price, _high = price, _low = price, _close = price;
        private long _volume = size;

        public void Add(DateTime time, double price, long size)
        {
            if (time < _openTime) { _openTime = time; _open = price; }
            if (time >= _closeTime) { _closeTime = time; _close = price; }
            if (price > _high) _high = price;
            if (price < _low) _low = price;
            _volume = checked(_volume + size);
        }

        public Bar ToBar(string symbol) => new(symbol, Stamp, _open, _high, _low, _close, _volume);
    }
}
