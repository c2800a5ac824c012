using System.Globalization;

namespace Project01.Core.Market;

/// <summary>One row of a market CSV: a bar, or the reason it was rejected.</summary>
/// <param name="Adjustment">What the row's raw prices were multiplied by to give <paramref name="Bar"/> (adjusted close ÷
/// close, times any split back-adjustment); 1 for raw bars. Raw = adjusted ÷ adjustment.</param>
public readonly record struct ParsedBar(long Line, Bar Bar, CsvRowError? Error, double Adjustment = 1)
{
    public bool IsValid => Error is null;
}

/// <summary>
/// Reads bars from CSV (<c>date,open,high,low,close,volume</c>, <c>date,close</c>, <c>date,symbol,close</c>, …).
/// Hand-written on spans because it is the replay hot path (hundreds of thousands of rows a second), and because a
/// rejected row must name its line and field precisely while the rest of the file goes on.
/// </summary>
public sealed class MarketCsvReader(string source, string defaultSymbol, MarketCsvOptions? options = null)
{
    private readonly MarketCsvOptions _options = options ?? MarketCsvOptions.Default;

    public string Source { get; } = source;

    /// <summary>The layout found in the header, once reading has started.</summary>
    public MarketCsvLayout? Layout { get; private set; }

    /// <summary>Every row in order, good or bad; bad rows carry an error and never stop the stream.</summary>
    public IEnumerable<ParsedBar> ReadAll(TextReader reader)
    {
        var layout = Layout = MarketCsvLayout.FromHeader(Source, reader.ReadLine());
        // One slot more than the header has columns: the splitter fills it only to say a row has too many.
        var buffer = new Range[layout.FieldCount + 1];
        long lineNo = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Length == 0) continue;
            yield return ParseLine(line, lineNo, layout, buffer);
        }
    }

    /// <summary>Only the valid bars; the first bad row throws a <see cref="CsvDataException"/> naming line and field.</summary>
    public IEnumerable<Bar> ReadStrict(TextReader reader)
    {
        foreach (var row in ReadAll(reader))
        {
            if (row.Error is { } error) throw error.ToException();
            yield return row.Bar;
        }
    }

    public ParsedBar ParseLine(string line, long lineNo, MarketCsvLayout layout, Range[] buffer)
    {
        var span = line.AsSpan().TrimEnd('\r');
        var count = CsvLine.Split(span, buffer);
        if (count < 0) return Fail(lineNo, "line", "unbalanced quote", line);
        if (count != layout.FieldCount)
            return Fail(lineNo, "line", $"expected {layout.FieldCount} fields, found {(count > layout.FieldCount ? "more" : count)}", line);

        var parsed = layout.TimeOfDay >= 0
            ? MarketTimestamp.TryParse(span[buffer[layout.Date]], span[buffer[layout.TimeOfDay]], _options.Zone, out var time, out var problem)
            : MarketTimestamp.TryParse(span[buffer[layout.Date]], _options.Zone, out time, out problem);
        if (!parsed) return Fail(lineNo, layout.TimeOfDay >= 0 && problem.Contains("time of day", StringComparison.Ordinal) ? "time" : "date", problem, line);

        var symbol = defaultSymbol;
        if (layout.HasSymbol)
        {
            var s = span[buffer[layout.Symbol]].Trim();
            if (!Symbols.IsValid(s)) return Fail(lineNo, "symbol", $"'{s}' is not a valid upper-case symbol", line);
            if (_options.SymbolSuffix is { Length: > 0 } suffix && s.EndsWith(suffix, StringComparison.Ordinal) && s.Length > suffix.Length)
                s = s[..^suffix.Length];
            symbol = string.IsInterned(s.ToString()) ?? string.Intern(s.ToString());
        }

        if (!TryParseNumber(span[buffer[layout.Close]], out var close)) return Fail(lineNo, "close", NotANumber(span[buffer[layout.Close]]), line);
        double open = close, high = close, low = close;
        if (layout.HasOhlc)
        {
            if (!TryParseNumber(span[buffer[layout.Open]], out open)) return Fail(lineNo, "open", NotANumber(span[buffer[layout.Open]]), line);
            if (!TryParseNumber(span[buffer[layout.High]], out high)) return Fail(lineNo, "high", NotANumber(span[buffer[layout.High]]), line);
            if (!TryParseNumber(span[buffer[layout.Low]], out low)) return Fail(lineNo, "low", NotANumber(span[buffer[layout.Low]]), line);
        }
        long volume = 0;
        if (layout.HasVolume)
        {
            var v = span[buffer[layout.Volume]];
            if (!long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out volume))
            {
                // Some sources write integral volumes as 1.0e9; accept them when they are whole numbers.
                if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var dv) || dv != Math.Floor(dv) || dv < 0 || dv > long.MaxValue)
                    return Fail(lineNo, "volume", $"'{v}' is not a whole non-negative number", line);
                volume = (long)dv;
            }
        }

        var adjustment = 1.0;
        if (_options.Adjusted && layout.HasAdjClose)
        {
            // Adjusted prices scale the whole bar by adjusted/raw close (splits and dividends); volume moves the other
            // way so that price × volume is unchanged.
            if (!TryParseNumber(span[buffer[layout.AdjClose]], out var adjusted)) return Fail(lineNo, "adj_close", NotANumber(span[buffer[layout.AdjClose]]), line);
            if (adjusted <= 0 || close <= 0) return Fail(lineNo, "adj_close", $"adjusted close {adjusted} and close {close} must be positive", line);
            var factor = adjustment = adjusted / close;
            open *= factor;
            high *= factor;
            low *= factor;
            close *= factor; // not `adjusted`: the same product as high and low keeps close inside [low, high] exactly
            volume = (long)Math.Round(volume / factor);
        }
        var bar = new Bar(symbol, time, open, high, low, close, volume);
        if (bar.Validate() is { } invalid)
            return Fail(lineNo, FieldOf(invalid), invalid, line);
        return new ParsedBar(lineNo, bar, null, adjustment);
    }

    private static string FieldOf(string problem) =>
        problem.StartsWith("open", StringComparison.Ordinal) ? "open"
        : problem.StartsWith("close", StringComparison.Ordinal) ? "close"
        : problem.StartsWith("high", StringComparison.Ordinal) ? "high"
        : problem.StartsWith("low", StringComparison.Ordinal) ? "low"
        : problem.StartsWith("volume", StringComparison.Ordinal) ? "volume" : "close";

    private static string NotANumber(ReadOnlySpan<char> s) => s.IsEmpty ? "empty value" : $"'{s}' is not a number";

    private ParsedBar Fail(long lineNo, string field, string reason, string line) =>
        new(lineNo, default, new CsvRowError(Source, lineNo, field, reason, line));

    public static bool TryParseNumber(ReadOnlySpan<char> s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Any of <see cref="MarketTimestamp.Forms"/>; a date-time without a zone is read as UTC.</summary>
    public static bool TryParseTime(ReadOnlySpan<char> s, out DateTime utc) => MarketTimestamp.TryParse(s, TimeZoneInfo.Utc, out utc, out _);
}
