namespace Project01.Core.Market;

/// <summary>Where each bar field sits in a CSV, found from the header row (names are case-insensitive).</summary>
public sealed record MarketCsvLayout(int FieldCount, int Date, int Symbol, int Open, int High, int Low, int Close, int Volume)
{
    public bool HasOhlc => Open >= 0 && High >= 0 && Low >= 0;
    public bool HasSymbol => Symbol >= 0;
    public bool HasVolume => Volume >= 0;

    /// <summary>Reads the header. Requires <c>date</c> (or <c>time</c>/<c>timestamp</c>) and <c>close</c>;
    /// open/high/low come all together or not at all.</summary>
    public static MarketCsvLayout FromHeader(string source, string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
            throw new CsvDataException(source, 1, "header", "the file is empty; expected a header such as date,open,high,low,close,volume");
        // Split as the rows are (quotes honoured), so a quoted name holding a comma is one column in both.
        var text = header.Trim().TrimStart('\uFEFF');
        var ranges = new Range[text.Count(',') + 1];
        var count = CsvLine.Split(text, ranges);
        if (count < 0) throw new CsvDataException(source, 1, "header", $"unbalanced quote in header '{header}'");
        var names = ranges[..count].Select(r => CsvLine.Unquote(text.AsSpan()[r]).Trim().Trim('"').ToLowerInvariant()).ToArray();
        int Find(params string[] candidates) => Array.FindIndex(names, n => candidates.Contains(n));
        var layout = new MarketCsvLayout(names.Length,
            Find("date", "time", "timestamp", "datetime"), Find("symbol", "ticker"),
            Find("open"), Find("high"), Find("low"), Find("close", "adjclose", "price"), Find("volume"));
        if (layout.Date < 0) throw new CsvDataException(source, 1, "date", $"no date column in header '{header}'");
        if (layout.Close < 0) throw new CsvDataException(source, 1, "close", $"no close column in header '{header}'");
        var ohlcPresent = new[] { layout.Open, layout.High, layout.Low }.Count(i => i >= 0);
        if (ohlcPresent is 1 or 2)
            throw new CsvDataException(source, 1, "open/high/low", "give all of open, high and low, or none of them");
        return layout;
    }
}
