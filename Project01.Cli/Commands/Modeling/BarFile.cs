using Project01.Core.Market;

namespace Project01.Cli.Commands.Modeling;

/// <summary>Reads a whole bar file strictly: the first bad row, or a date that does not move forward within its symbol,
/// stops everything with the file, line and field.</summary>
public static class BarFile
{
    public const string SingleSeriesSymbol = "SERIES";

    public static (List<Bar> Bars, MarketCsvLayout Layout) Read(string path)
    {
        var source = Path.GetFileName(path);
        var csv = new MarketCsvReader(source, SingleSeriesSymbol);
        var bars = new List<Bar>();
        var last = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        using (var reader = new StreamReader(path))
            foreach (var row in csv.ReadAll(reader))
            {
                if (row.Error is { } error) throw error.ToException();
                if (last.TryGetValue(row.Bar.Symbol, out var previous) && row.Bar.Time <= previous)
                    throw new CsvDataException(source, row.Line, "date",
                        $"{row.Bar.Time:yyyy-MM-dd} does not come after {row.Bar.Symbol}'s previous row ({previous:yyyy-MM-dd})");
                last[row.Bar.Symbol] = row.Bar.Time;
                bars.Add(row.Bar);
            }
        if (bars.Count == 0) throw new CsvDataException(source, 1, "header", "the file has a header but no rows");
        return (bars, csv.Layout!);
    }
}
