using System.Globalization;
using Project01.Core.Features;
using Project01.Core.Forecasting;
using Project01.Core.Market;
using Project01.Modeling.Datasets;

namespace Project01.Monitoring.Drift;

/// <summary>One named column of a sample; NaN where a row has no value.</summary>
public sealed record SampleColumn(string Name, double[] Values);

/// <summary>
/// A CSV file (header row required) as the numeric columns a drift comparison looks at. A column is numeric when every
/// non-empty value parses as an invariant-culture number; the first value that does not is kept in
/// <see cref="NonNumeric"/>, so a column numeric in one file and not in the other is reported at its file, line and field.
/// A date column (<c>date</c>, <c>time</c>, <c>timestamp</c>, <c>datetime</c>) is never compared.
/// <para>
/// A price series — a date column and a <c>close</c> — is read as bars by <see cref="MarketCsvReader"/> and turned into
/// the platform's per-series model inputs (<see cref="ModelInputs.Series"/>) by the engine the feature store runs
/// (<see cref="FeatureHistory"/>, <see cref="DerivedFeatures"/>), one series per <c>symbol</c> if there is such a column.
/// Those inputs are compared, not the raw prices and volumes: a price level is not scale-free, so an index that merely
/// rose from 1,000 to 2,000 would look drifted on every measure though its returns and volatility did not change — and
/// the models never see the level. Other numeric columns are compared as they are.
/// </para>
/// </summary>
public sealed record DriftSample(string Source, int Rows, bool IsPriceSeries, IReadOnlyList<SampleColumn> Columns,
    IReadOnlyDictionary<string, CsvRowError> NonNumeric, IReadOnlyList<string> Notes)
{
    public static readonly IReadOnlyList<string> DateColumns = ["date", "time", "timestamp", "datetime"];

    /// <summary>What a price series' bars are read from (besides the date): never compared raw.</summary>
    private static readonly string[] BarColumns = ["symbol", "ticker", "open", "high", "low", "close", "adjclose", "price", "volume"];

    /// <summary>Inputs built on the bar's high and low. With closes only, the engine takes high = low = close, so these
    /// become |Δclose| / close: not what the platform serves, and left out.</summary>
    private static readonly string[] NeedHighLow = ["atr14_pct", "tr_pct"];

    public static DriftSample Read(string path) => Parse(path, File.ReadAllText(path));

    /// <summary>Reads CSV text; <paramref name="source"/> names it in errors. Bad structure throws <see cref="CsvDataException"/>.</summary>
    public static DriftSample Parse(string source, string text)
    {
        var (names, values, nonNumeric, rows) = ReadTable(source, text);
        var dateColumn = names.FindIndex(n => DateColumns.Contains(n, StringComparer.OrdinalIgnoreCase));
        var isPrice = dateColumn >= 0 && names.Any(n => n.Equals("close", StringComparison.OrdinalIgnoreCase));
        var columns = new List<SampleColumn>();
        var notes = new List<string>();
        if (isPrice) columns.AddRange(PriceInputs(source, text, notes));
        for (var i = 0; i < names.Count; i++)
        {
            if (i == dateColumn || nonNumeric.ContainsKey(names[i])) continue;
            if (isPrice && BarColumns.Contains(names[i], StringComparer.OrdinalIgnoreCase)) continue;
            columns.Add(new SampleColumn(names[i], [.. values[i]]));
        }
        return new DriftSample(source, rows, isPrice, columns, nonNumeric, notes);
    }

    private static (List<string> Names, List<double>[] Values, Dictionary<string, CsvRowError> NonNumeric, int Rows) ReadTable(string source, string text)
    {
        using var reader = new StringReader(text);
        var header = reader.ReadLine()?.Trim().TrimStart('\uFEFF');
        if (string.IsNullOrWhiteSpace(header))
            throw new CsvDataException(source, 1, "header", "the file is empty; expected a header row naming the columns, e.g. date,close");
        var ranges = new Range[header.Count(',') + 2];
        var count = CsvLine.Split(header, ranges);
        if (count < 0) throw new CsvDataException(source, 1, "header", $"unbalanced quote in header '{header}'");
        var names = ranges[..count].Select(r => CsvLine.Unquote(header.AsSpan()[r]).Trim()).ToList();
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i].Length == 0) throw new CsvDataException(source, 1, $"column {i + 1}", "the header names no column here");
            if (names.FindIndex(n => n.Equals(names[i], StringComparison.OrdinalIgnoreCase)) < i)
                throw new CsvDataException(source, 1, names[i], "the header names this column twice");
        }

        var values = names.Select(_ => new List<double>()).ToArray();
        var nonNumeric = new Dictionary<string, CsvRowError>(StringComparer.OrdinalIgnoreCase);
        var buffer = new Range[names.Count + 1];
        var (lineNo, rows) = (1L, 0);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Length == 0) continue;
            var found = CsvLine.Split(line, buffer);
            if (found < 0) throw new CsvDataException(source, lineNo, "line", "unbalanced quote");
            if (found != names.Count)
                throw new CsvDataException(source, lineNo, "line", $"expected {names.Count} fields as in the header, found {(found > names.Count ? "more" : found)}");
            rows++;
            for (var i = 0; i < names.Count; i++)
            {
                var field = line.AsSpan()[buffer[i]].Trim();
                if (field.IsEmpty) { values[i].Add(double.NaN); continue; }
                if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) { values[i].Add(v); continue; }
                values[i].Add(double.NaN);
                nonNumeric.TryAdd(names[i], new CsvRowError(source, lineNo, names[i], $"'{field}' is not a number", line));
            }
        }
        return (names, values, nonNumeric, rows);
    }

    /// <summary>The model inputs of each series in the file, pooled; a bad bar or a date that does not move forward throws.</summary>
    private static IEnumerable<SampleColumn> PriceInputs(string source, string text, List<string> notes)
    {
        var csv = new MarketCsvReader(source, "SERIES");
        var bars = new List<Bar>();
        var last = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        foreach (var row in csv.ReadAll(new StringReader(text)))
        {
            if (row.Error is { } error) throw error.ToException();
            if (last.TryGetValue(row.Bar.Symbol, out var previous) && row.Bar.Time <= previous)
                throw new CsvDataException(source, row.Line, "date", $"{row.Bar.Time:yyyy-MM-dd} does not come after the previous row's {previous:yyyy-MM-dd}" +
                    (csv.Layout!.HasSymbol ? $" for {row.Bar.Symbol}" : ""));
            last[row.Bar.Symbol] = row.Bar.Time;
            bars.Add(row.Bar);
        }
        var inputs = ModelInputs.Series.Where(n => csv.Layout!.HasOhlc || !NeedHighLow.Contains(n)).ToList();
        if (!csv.Layout!.HasOhlc) notes.Add($"{source}: close only, so {string.Join(" and ", NeedHighLow)} (which need high and low) are left out");

        var series = FeatureHistory.FromBars(bars).GroupBy(r => r.Symbol).Select(g => g.ToList()).ToList();
        return inputs.Select(name => new SampleColumn(name, [.. series.SelectMany(rows => DerivedFeatures.Column(name, rows, PriceFeatures.Names))]));
    }
}
