namespace Project01.Core.Market.CorporateActions;

/// <summary>Reads a splits file: <c>symbol,date,ratio</c> (ratio as 4:1, 3:2, 1:10 or a number), one split per row.</summary>
public static class SplitFile
{
    public static IReadOnlyList<StockSplit> Read(string source, TextReader reader)
    {
        var header = reader.ReadLine();
        var names = (header ?? "").Split(',').Select(n => n.Trim().Trim('"').ToLowerInvariant()).ToArray();
        int Find(params string[] candidates) => Array.FindIndex(names, candidates.Contains);
        var (symbolAt, dateAt, ratioAt) = (Find("symbol", "ticker"), Find("date", "effective", "ex_date", "exdate"), Find("ratio", "split", "split_ratio"));
        if (symbolAt < 0 || dateAt < 0 || ratioAt < 0)
            throw new CsvDataException(source, 1, "header", $"expected symbol,date,ratio; found '{header}'");
        var splits = new List<StockSplit>();
        long lineNo = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var cells = line.Split(',');
            if (cells.Length != names.Length) throw new CsvDataException(source, lineNo, "line", $"expected {names.Length} fields, found {cells.Length}");
            var symbol = Symbols.Normalize(cells[symbolAt]);
            if (!Symbols.IsValid(symbol)) throw new CsvDataException(source, lineNo, "symbol", $"'{cells[symbolAt]}' is not a valid symbol");
            if (!MarketTimestamp.TryParse(cells[dateAt], TimeZoneInfo.Utc, out var date, out var problem))
                throw new CsvDataException(source, lineNo, "date", problem);
            double ratio;
            try { ratio = StockSplit.ParseRatio(cells[ratioAt]); }
            catch (FormatException e) { throw new CsvDataException(source, lineNo, "ratio", e.Message); }
            splits.Add(new StockSplit(symbol, date, ratio));
        }
        return splits;
    }
}
