namespace Project01.Core.Market;

/// <summary>An OHLCV bar stamped at its close (UTC). Daily bars carry the session date at 00:00 UTC.</summary>
public readonly record struct Bar(string Symbol, DateTime Time, double Open, double High, double Low, double Close, long Volume)
{
    /// <summary>A close-only observation (e.g. a panel of daily closes): open/high/low equal the close.</summary>
    public static Bar FromClose(string symbol, DateTime time, double close) => new(symbol, time, close, close, close, close, 0);

    /// <summary>Checks the OHLC invariants a real bar must satisfy; returns the first broken one, or null.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Symbol)) return "symbol is empty";
        if (Time.Kind != DateTimeKind.Utc) return "time is not UTC";
        if (!double.IsFinite(Open) || !double.IsFinite(High) || !double.IsFinite(Low) || !double.IsFinite(Close))
            return "a price is not a finite number";
        if (Low <= 0) return "low must be positive";
        if (High < Low) return $"high {High} is below low {Low}";
        if (Open < Low || Open > High) return $"open {Open} is outside [low, high]";
        if (Close < Low || Close > High) return $"close {Close} is outside [low, high]";
        if (Volume < 0) return "volume is negative";
        return null;
    }
}
