using System.Globalization;
using System.Text;
using CsCheck;
using Project01.Core.Market;

namespace Project01.Core.Tests.Market;

/// <summary>
/// Properties of the bar CSV reader (<see cref="MarketCsvReader"/>): any valid file in any supported layout reads back
/// exactly; a broken row names its own line and field while every other row still reads; and no input, however odd,
/// escapes as anything but a <see cref="CsvDataException"/> (header) or a row error.
/// </summary>
public sealed class CsvBarParserProperties
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly HashSet<string> RowFields = ["line", "date", "symbol", "open", "high", "low", "close", "volume"];
    private static readonly DateTime Epoch = new(1990, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>A bar as written: its text per column, and what it must read back as.</summary>
    private sealed record Row(string Date, string Symbol, string Open, string High, string Low, string Close, string Volume, Bar Expected);

    /// <summary>A generated file: its text, the line each row sits on, and the rows.</summary>
    private sealed record CsvFile(string Text, string[] Columns, long[] Lines, Row[] Rows, string NewLine)
    {
        public override string ToString() => Text.Replace("\r", "\\r", StringComparison.Ordinal);
    }

    private static readonly Gen<string> Symbol =
        Gen.Select(Gen.Char['A', 'Z'], Gen.Char["ABCXYZ0123456789.-^"].Array[0, 11]).Select((first, rest) => first + new string(rest));

    private static readonly Gen<Row> ValidRow =
        Gen.Select(Gen.Int[0, 20_000], Gen.Int[0, 86_399_999], Gen.Int[0, 3], Gen.Int[-14 * 4, 14 * 4], Symbol)
            .SelectMany(t => Gen.Select(Gen.Double[1e-4, 1e6], Gen.Double[0, 1], Gen.Double[0, 1], Gen.Double[0, 1], Gen.Long[0, 1_000_000_000_000L], Gen.Int[0, 3])
                .Select((low, spread, u, w, volume, style) => MakeRow(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, low, spread, u, w, volume, style)));

    private static Row MakeRow(int day, int ms, int timeStyle, int quarterHours, string symbol, double low, double spread, double u, double w, long volume, int style)
    {
        // Prices: low > 0, high >= low, open and close inside [low, high]; "R" so the text parses back bit for bit.
        var high = low * (1 + spread);
        double Inside(double f) => Math.Clamp(low + (high - low) * f, low, high);
        var (open, close) = (Inside(u), Inside(w));
        var date = Epoch.AddDays(day);
        string dateText;
        DateTime time;
        switch (timeStyle)
        {
            case 0: // a daily bar: the session date at 00:00 UTC
                dateText = date.ToString("yyyy-MM-dd", Inv);
                time = date;
                break;
            case 1: // an instant in UTC
                time = date.AddMilliseconds(ms);
                dateText = time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", Inv);
                break;
            default: // the same instant written with an offset; it must come back as UTC
                time = date.AddMilliseconds(ms);
                var offset = TimeSpan.FromMinutes(15 * quarterHours);
                dateText = new DateTimeOffset(time).ToOffset(offset).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", Inv);
                break;
        }
        // Volumes are written as integers, as 123.0 or as an exponent: whole numbers in any of these forms are accepted.
        var volumeText = style switch
        {
            1 => volume.ToString(Inv) + ".0",
            2 when volume < 1L << 52 => ((double)volume).ToString("E15", Inv),
            _ => volume.ToString(Inv),
        };
        return new Row(dateText, symbol, R(open), R(high), R(low), R(close), volumeText, new Bar(symbol, time, open, high, low, close, volume));
    }

    private static string R(double d) => d.ToString("R", Inv);

    /// <summary>Header layouts the reader supports, with synonyms and case as vendors write them.</summary>
    private static readonly string[][] Layouts =
    [
        ["date", "open", "high", "low", "close", "volume"],
        ["date", "close"],
        ["date", "symbol", "close"],
        ["date", "symbol", "open", "high", "low", "close", "volume"],
        ["timestamp", "ticker", "open", "high", "low", "adjclose"],
        ["Time", "Price", "Volume"],
    ];

    private static readonly Gen<CsvFile> ValidFile =
        Gen.Select(Gen.Int[0, Layouts.Length - 1], Gen.Int[0, 3], ValidRow.Array[0, 25], Gen.Bool, Gen.Bool, Gen.Int[0, int.MaxValue])
            .Select((layout, extra, rows, crlf, bom, seed) => Build(Layouts[layout], extra, rows, crlf ? "\r\n" : "\n", bom, new Random(seed)));

    private static CsvFile Build(string[] layout, int extraColumns, Row[] rows, string newLine, bool bom, Random random)
    {
        // Columns in a random order, with unrelated vendor columns mixed in (some named with a comma and quotes, so quoted in
        // the header as in the rows), and names in random case.
        var columns = layout.Concat(Enumerable.Range(0, extraColumns).Select(i => i % 2 == 0 ? $"x{i}" : $"x{i}, \"q\"")).OrderBy(_ => random.Next()).ToArray();
        var header = string.Join(',', columns.Select(c => Quote(random.Next(3) == 0 ? c.ToUpperInvariant() : c, random)));
        var hasSymbol = columns.Any(c => c.Equals("symbol", StringComparison.OrdinalIgnoreCase) || c.Equals("ticker", StringComparison.OrdinalIgnoreCase));
        var hasOhlc = columns.Any(c => c.Equals("open", StringComparison.OrdinalIgnoreCase));
        var hasVolume = columns.Any(c => c.Equals("volume", StringComparison.OrdinalIgnoreCase));
        var text = new StringBuilder(bom ? "\uFEFF" : "").Append(header).Append(newLine);
        var line = 1L;
        var lines = new long[rows.Length];
        var shaped = new Row[rows.Length];
        for (var r = 0; r < rows.Length; r++)
        {
            // Blank lines are skipped but still counted, so errors name the line an editor shows.
            while (random.Next(6) == 0) { text.Append(newLine); line++; }
            var row = rows[r];
            var e = row.Expected;
            var bar = new Bar(hasSymbol ? e.Symbol : "DFLT", e.Time, hasOhlc ? e.Open : e.Close, hasOhlc ? e.High : e.Close,
                hasOhlc ? e.Low : e.Close, e.Close, hasVolume ? e.Volume : 0);
            shaped[r] = row with { Expected = bar };
            text.AppendJoin(',', columns.Select(c => Quote(Cell(row, c), random))).Append(newLine);
            lines[r] = ++line;
        }
        return new CsvFile(text.ToString(), columns, lines, shaped, newLine);
    }

    private static string Cell(Row row, string column) => column.ToLowerInvariant() switch
    {
        "date" or "time" or "timestamp" => row.Date,
        "symbol" or "ticker" => row.Symbol,
        "open" => row.Open,
        "high" => row.High,
        "low" => row.Low,
        "close" or "adjclose" or "price" => row.Close,
        "volume" => row.Volume,
        _ => "v,\"x\"", // an extra column that needs quoting; the reader must carry past it
    };

    private static string Quote(string cell, Random random) =>
        cell.Contains(',') || cell.Contains('"') ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
        : random.Next(5) == 0 ? $"\"{cell}\"" : cell;

    private static List<ParsedBar> ReadAll(string text) => new MarketCsvReader("p.csv", "DFLT").ReadAll(new StringReader(text)).ToList();

    [Fact]
    public void AValidFileInAnyLayoutReadsBackExactly() =>
        ValidFile.Sample(file =>
        {
            var rows = ReadAll(file.Text);
            Assert.All(rows, r => Assert.True(r.IsValid, r.Error?.ToString()));
            Assert.Equal(file.Rows.Select(r => r.Expected), rows.Select(r => r.Bar));
            Assert.Equal(file.Lines, rows.Select(r => r.Line));
            Assert.All(rows, r => Assert.Equal(DateTimeKind.Utc, r.Bar.Time.Kind));
            Assert.Equal(file.Rows.Select(r => r.Expected), new MarketCsvReader("p.csv", "DFLT").ReadStrict(new StringReader(file.Text)));
        }, iter: 500);

    /// <summary>How one row is broken, and the field the error must name.</summary>
    private static readonly (string Field, Func<string[], int, string[], string> Break)[] Breakages =
    [
        ("date", (cells, i, cols) => Set(cells, cols, "date", "2021-02-30")),
        ("date", (cells, i, cols) => Set(cells, cols, "date", "")),
        ("date", (cells, i, cols) => Set(cells, cols, "date", "2021-01-02T10:00:00+25:00")), // no such offset
        ("symbol", (cells, i, cols) => Set(cells, cols, "symbol", "aapl")),
        ("symbol", (cells, i, cols) => Set(cells, cols, "symbol", "ABCDEFGHIJKLM")),
        ("close", (cells, i, cols) => Set(cells, cols, "close", "12,5")),
        ("close", (cells, i, cols) => Set(cells, cols, "close", "NaN")),
        ("close", (cells, i, cols) => Set(cells, cols, "close", "1e999")),
        ("close", (cells, i, cols) => Set(cells, cols, "close", "")),
        ("open", (cells, i, cols) => Set(cells, cols, "open", "x")),
        ("high", (cells, i, cols) => Set(cells, cols, "high", "-Infinity")),
        ("low", (cells, i, cols) => Set(cells, cols, "low", "1.2.3")),
        ("low", (cells, i, cols) => Set(cells, cols, "low", "0")),
        ("high", (cells, i, cols) => Set(cells, cols, "high", Value(cells, cols, "low") / 2)),
        ("close", (cells, i, cols) => Set(cells, cols, "close", Value(cells, cols, "high") * 2)),
        ("open", (cells, i, cols) => Set(cells, cols, "open", Value(cells, cols, "high") * 2)),
        ("volume", (cells, i, cols) => Set(cells, cols, "volume", "-1")),
        ("volume", (cells, i, cols) => Set(cells, cols, "volume", "2.5")),
        ("volume", (cells, i, cols) => Set(cells, cols, "volume", "1e30")),
        ("volume", (cells, i, cols) => Set(cells, cols, "volume", "many")),
        ("line", (cells, i, cols) => string.Join(',', cells[..^1])),
        ("line", (cells, i, cols) => string.Join(',', [.. cells, "1"])),
        ("line", (cells, i, cols) => string.Join(',', cells) + ",\"unterminated"),
        ("line", (cells, i, cols) => "\"" + string.Join(',', cells)),
    ];

    private static string Set(string[] cells, string[] columns, string column, string value)
    {
        var copy = (string[])cells.Clone();
        copy[Array.FindIndex(columns, c => c.Equals(column, StringComparison.OrdinalIgnoreCase))] = value.Contains(',') ? $"\"{value}\"" : value;
        return string.Join(',', copy);
    }

    private static string Set(string[] cells, string[] columns, string column, double value) => Set(cells, columns, column, R(value));

    private static double Value(string[] cells, string[] columns, string column) =>
        double.Parse(cells[Array.FindIndex(columns, c => c.Equals(column, StringComparison.OrdinalIgnoreCase))], Inv);

    private static readonly string[] FullLayout = ["date", "symbol", "open", "high", "low", "close", "volume"];

    [Fact]
    public void ABrokenRowNamesItsLineAndFieldAndEveryOtherRowStillReads() =>
        Gen.Select(ValidRow.Array[1, 20], Gen.Int[0, 1_000], Gen.Int[0, Breakages.Length - 1], Gen.Bool).Sample((rows, pick, breakage, crlf) =>
        {
            var bad = pick % rows.Length;
            var (field, breakRow) = Breakages[breakage];
            var newLine = crlf ? "\r\n" : "\n";
            var text = new StringBuilder(string.Join(',', FullLayout)).Append(newLine);
            for (var r = 0; r < rows.Length; r++)
            {
                var row = rows[r];
                string[] cells = [row.Date, row.Symbol, row.Open, row.High, row.Low, row.Close, row.Volume];
                text.Append(r == bad ? breakRow(cells, r, FullLayout) : string.Join(',', cells)).Append(newLine);
            }

            var parsed = ReadAll(text.ToString());
            Assert.Equal(rows.Length, parsed.Count);
            var error = parsed[bad].Error;
            Assert.NotNull(error);
            Assert.Equal((bad + 2L, field), (error.Line, error.Field));
            Assert.False(string.IsNullOrWhiteSpace(error.Reason));
            Assert.StartsWith($"p.csv:{bad + 2}: field '{field}'", error.ToString());
            for (var r = 0; r < rows.Length; r++)
                if (r != bad) Assert.Equal(rows[r].Expected, parsed[r].Bar);

            // Strict reading stops at that row with the same place, as the exception type callers catch.
            var e = Assert.Throws<CsvDataException>(() => new MarketCsvReader("p.csv", "DFLT").ReadStrict(new StringReader(text.ToString())).ToList());
            Assert.Equal((bad + 2L, field), (e.Line, e.Field));
        }, iter: 1_000);

    // Text that looks enough like CSV to reach every branch: quotes, signs, exponents, zones, stray \r.
    private static readonly Gen<string> CsvishLine = Gen.OneOf(
        Gen.Char["0123456789-.,\"eE+:TZ AaBb\r\t\u00e9\uFEFF"].Array[0, 60].Select(c => new string(c)),
        Gen.String,
        Gen.Select(ValidRow, Gen.Int[0, 80], Gen.Char).Select((row, at, c) =>
        {
            // A valid row with one character changed, removed or inserted.
            var s = string.Join(',', row.Date, row.Symbol, row.Open, row.High, row.Low, row.Close, row.Volume);
            var i = at % (s.Length + 1);
            return (at % 3) switch { 0 when i < s.Length => s[..i] + c + s[(i + 1)..], 1 when i < s.Length => s.Remove(i, 1), _ => s.Insert(i, c.ToString()) };
        }));

    [Fact]
    public void AnyRowTextGivesABarOrAnErrorNamingItsLineNeverAnException() =>
        CsvishLine.Array[1, 15].Sample(lines =>
        {
            // Lines are fed one per physical line: the reader splits on \r and \n, so those are turned into row separators.
            var flat = lines.Select(l => l.Replace('\r', ' ').Replace('\n', ' ')).ToArray();
            var parsed = ReadAll(string.Join('\n', ["date,symbol,open,high,low,close,volume", .. flat]));
            var expectedLines = flat.Select((l, i) => (l, Line: i + 2L)).Where(x => x.l.Length > 0).ToList();
            Assert.Equal(expectedLines.Count, parsed.Count);
            for (var i = 0; i < parsed.Count; i++)
            {
                var row = parsed[i];
                Assert.Equal(expectedLines[i].Line, row.Line);
                if (row.Error is { } error)
                {
                    Assert.Contains(error.Field, RowFields);
                    Assert.Equal(row.Line, error.Line);
                    Assert.False(string.IsNullOrWhiteSpace(error.Reason));
                    Assert.Equal(expectedLines[i].l, error.RawLine);
                }
                else
                {
                    Assert.Null(row.Bar.Validate());
                }
            }
        }, iter: 2_000);

    [Fact]
    public void AnyHeaderGivesALayoutOrAnErrorOnLineOne() =>
        Gen.OneOf(Gen.String, Gen.Char["datesymbolhcvumpirkxDATE,\" \uFEFF"].Array[0, 50].Select(c => new string(c)))
            .Sample(header =>
            {
                try
                {
                    var layout = MarketCsvLayout.FromHeader("h.csv", header);
                    Assert.True(layout.Date >= 0 && layout.Close >= 0 && layout.Close < layout.FieldCount && layout.Date < layout.FieldCount);
                    Assert.True(layout.HasOhlc || (layout.Open, layout.High, layout.Low) == (-1, -1, -1));
                }
                catch (CsvDataException e)
                {
                    Assert.Equal(1L, e.Line);
                    Assert.Contains(e.Field, new[] { "header", "date", "close", "open/high/low" });
                    Assert.StartsWith("h.csv:1: field '", e.Message);
                }
            }, iter: 2_000);

    [Fact]
    public void AnyWholeFileEitherReadsOrFailsItsHeaderWithACsvDataException() =>
        Gen.OneOf(Gen.String, Gen.Byte.Array[0, 200].Select(b => Encoding.UTF8.GetString(b)), ValidFile.Select(f => f.Text[..(f.Text.Length / 2)]))
            .Sample(text =>
            {
                try
                {
                    foreach (var row in new MarketCsvReader("w.csv", "DFLT").ReadAll(new StringReader(text)))
                        Assert.True(row.IsValid ? row.Bar.Validate() is null : RowFields.Contains(row.Error!.Field));
                }
                catch (CsvDataException e)
                {
                    Assert.Equal(1L, e.Line); // only the header may stop the whole file
                }
            }, iter: 2_000);

    [Fact]
    public void TimestampsRoundTripThroughEveryOffsetAndGarbageIsRefused() =>
        Gen.Select(Gen.Long[new DateTime(1900, 1, 1).Ticks, new DateTime(2200, 1, 1).Ticks], Gen.Int[-14 * 60, 14 * 60], Gen.String)
            .Sample((ticks, offsetMinutes, garbage) =>
            {
                var utc = new DateTime(ticks, DateTimeKind.Utc);
                var text = new DateTimeOffset(utc).ToOffset(TimeSpan.FromMinutes(offsetMinutes)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", Inv);
                Assert.True(MarketCsvReader.TryParseTime(text, out var parsed), text);
                Assert.Equal((utc, DateTimeKind.Utc), (parsed, parsed.Kind));
                Assert.True(MarketCsvReader.TryParseTime(utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", Inv), out parsed));
                Assert.Equal(utc, parsed);
                // Whatever the text, the answer is a yes or a no.
                if (MarketCsvReader.TryParseTime(garbage, out var any)) Assert.Equal(DateTimeKind.Utc, any.Kind);
            }, iter: 2_000);
}
