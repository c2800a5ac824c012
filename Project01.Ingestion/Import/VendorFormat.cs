using Project01.Core.Market;

namespace Project01.Ingestion.Import;

/// <summary>The bar files quants bring: Yahoo downloads, Stooq bulk files, Polygon flat files, or any CSV the reader
/// understands (a time column and a close, optionally symbol, OHLC and volume).</summary>
public enum VendorFormat { Auto, Yahoo, Stooq, Polygon, Generic }

/// <summary>Whether a vendor stamps a bar at the start of its window (Polygon) or at its end (the platform's convention).</summary>
public enum BarStamp { End, Start }

public static class VendorFormats
{
    public static VendorFormat Parse(string text) =>
        Enum.TryParse<VendorFormat>(text, ignoreCase: true, out var format) && Enum.IsDefined(format) ? format
        : throw new ArgumentException($"unknown format '{text}' (auto, yahoo, stooq, polygon or generic)");

    /// <summary>The format a header says: Stooq's bracketed <c>&lt;TICKER&gt;,&lt;PER&gt;</c>, Polygon's
    /// <c>window_start</c>, Yahoo's <c>Adj Close</c>; anything else is generic.</summary>
    public static VendorFormat Detect(MarketCsvLayout layout)
    {
        var names = layout.Names;
        if (names.Contains("per") && names.Contains("ticker")) return VendorFormat.Stooq;
        if (names.Contains("windowstart")) return VendorFormat.Polygon;
        if (layout.HasAdjClose) return VendorFormat.Yahoo;
        return VendorFormat.Generic;
    }

    /// <summary>A header that contradicts an explicit <c>--format</c>, in words; null when it fits.</summary>
    public static string? Mismatch(VendorFormat format, MarketCsvLayout layout) => format switch
    {
        VendorFormat.Yahoo when !layout.HasAdjClose || layout.HasSymbol => "a Yahoo file has Date,Open,High,Low,Close,Adj Close,Volume and no symbol column",
        VendorFormat.Stooq when !layout.Names.Contains("per") && layout.HasSymbol => "a Stooq file has <TICKER>,<PER>,<DATE>,<TIME>,… or Date,Open,High,Low,Close,Volume",
        VendorFormat.Polygon when !layout.Names.Contains("windowstart") || !layout.HasSymbol => "a Polygon flat file has ticker,volume,open,close,high,low,window_start,transactions",
        _ => null,
    };

    /// <summary>Where a vendor's local times are, when no <c>--tz</c> is given: Stooq writes Polish time; Polygon's day
    /// windows start at midnight in New York.</summary>
    public static TimeZoneInfo DefaultZone(VendorFormat format) => format switch
    {
        VendorFormat.Stooq => TimeZones.Find("Europe/Warsaw"),
        VendorFormat.Polygon => MarketTime.NewYork,
        _ => TimeZoneInfo.Utc,
    };

    public static BarStamp DefaultStamp(VendorFormat format) => format == VendorFormat.Polygon ? BarStamp.Start : BarStamp.End;

    /// <summary>Stooq names US tickers <c>AAPL.US</c> (and files <c>aapl.us.txt</c>).</summary>
    public static string? SymbolSuffix(VendorFormat format) => format == VendorFormat.Stooq ? ".US" : null;
}
