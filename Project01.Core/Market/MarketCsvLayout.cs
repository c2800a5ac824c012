namespace Project01.Core.Market;

/// <summary>Where each bar field sits in a CSV, found from the header row. Names match case-insensitively, ignoring
/// spaces, underscores and Stooq's angle brackets (<c>Adj Close</c> = <c>adj_close</c>, <c>&lt;DATE&gt;</c> = <c>date</c>).</summary>
/// <param name="TimeOfDay">A separate time-of-day column next to a date column (Stooq's <c>&lt;TIME&gt;</c>), or -1.</param>
/// <param name="AdjClose">A dividend- and split-adjusted close beside the raw close (Yahoo's <c>Adj Close</c>), or -1.</param>
public sealed record MarketCsvLayout(int FieldCount, int Date, int Symbol, int Open, int High, int Low, int Close, int Volume,
    int TimeOfDay = -1, int AdjClose = -1)
{
    public bool HasOhlc => Open >= 0 && High >= 0 && Low >= 0;
    public bool HasSymbol => Symbol >= 0;
    public bool HasVolume => Volume >= 0;
    public bool HasAdjClose => AdjClose >= 0;

    /// <summary>The header's column names as matched (lower case, no spaces, underscores or angle brackets).</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>Reads the header. Requires a time column (<c>date</c>, <c>time</c>, <c>timestamp</c>, <c>datetime</c>,
    /// <c>window_start</c>) and <c>close</c> (or <c>price</c>, or only an adjusted close); open/high/low come all
    /// together or not at all.</summary>
    public static MarketCsvLayout FromHeader(string source, string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
            throw new CsvDataException(source, 1, "header", "the file is empty; expected a header such as date,open,high,low,close,volume");
        // Split as the rows are (quotes honoured), so a quoted name holding a comma is one column in both.
        var text = header.Trim().TrimStart('\uFEFF');
        var ranges = new Range[text.Count(',') + 1];
        var count = CsvLine.Split(text, ranges);
        if (count < 0) throw new CsvDataException(source, 1, "header", $"unbalanced quote in header '{header}'");
        var names = ranges[..count].Select(r => Canonical(CsvLine.Unquote(text.AsSpan()[r]))).ToArray();
        int Find(params string[] candidates) => Array.FindIndex(names, n => candidates.Contains(n));

        var date = Find("date", "time", "timestamp", "datetime", "windowstart");
        var timeOfDay = names.ElementAtOrDefault(date) == "date" ? Find("time") : -1;
        var close = Find("close", "price");
        var adjusted = Find("adjclose", "adjustedclose");
        var layout = new MarketCsvLayout(names.Length, date, Find("symbol", "ticker"),
            Find("open"), Find("high"), Find("low"), close >= 0 ? close : adjusted, Find("volume", "vol"),
            timeOfDay, close >= 0 ? adjusted : -1) { Names = names };
        if (layout.Date < 0) throw new CsvDataException(source, 1, "date", $"no date column in header '{header}'");
        if (layout.Close < 0) throw new CsvDataException(source, 1, "close", $"no close column in header '{header}'");
        var ohlcPresent = new[] { layout.Open, layout.High, layout.Low }.Count(i => i >= 0);
        if (ohlcPresent is 1 or 2)
            throw new CsvDataException(source, 1, "open/high/low", "give all of open, high and low, or none of them");
        return layout;
    }

    private static string Canonical(string name) =>
        string.Concat(name.Where(c => c is not (' ' or '_' or '<' or '>' or '"')).Select(char.ToLowerInvariant));
}
