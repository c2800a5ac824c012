using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Project01.Core.Market;
using Project01.Core.Market.CorporateActions;

namespace Project01.Ingestion.Import;

/// <summary>
/// Imports a directory of bar files as a universe: each file's format and symbol are found (or given), every row is
/// validated (bad rows dead-lettered with file, line, field and reason; the rest kept), each symbol's series gets its
/// bar interval, exchange-local or window-start stamps become the platform's UTC bar-close stamps, known splits are
/// back-adjusted, and a series still showing a split-like jump is held back (dead-lettered) rather than trained on.
/// </summary>
public sealed partial class UniverseImport(IBarImportTarget target, ILogger<UniverseImport> logger)
{
    private static readonly string[] Extensions = [".csv", ".txt"];

    /// <summary>The bar files of a directory (csv and txt, not recursing), in name order.</summary>
    public static IReadOnlyList<string> FilesIn(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"no such directory: {directory}");
        return Directory.EnumerateFiles(directory).Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).ToList();
    }

    public async Task<ImportSummary> RunAsync(IReadOnlyList<string> files, ImportOptions options, IProgress<ImportProgress>? progress = null,
        CancellationToken ct = default)
    {
        var fileResults = new List<ImportedFile>();
        var series = new List<ImportedSeries>();
        long rows = 0;
        for (var i = 0; i < files.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var (file, fileSeries, accepted, rejected) = ReadFile(files[i], options);
            var intervals = fileSeries.ToDictionary(s => s.Symbol, s => BarInterval.Parse(s.Interval), StringComparer.Ordinal);
            if (file.Error is null)
                await target.WriteAsync($"import:{file.File}@{await ContentIdAsync(files[i], ct)}", accepted, intervals, rejected, ct);
            else
                LogFileRefused(logger, file.File, file.Error);
            fileResults.Add(file);
            series.AddRange(fileSeries);
            foreach (var s in fileSeries.Where(s => s.HeldBack)) LogHeldBack(logger, s.Symbol, s.File, string.Join("; ", s.SuspectedSplits));
            rows += file.Rows;
            progress?.Report(new ImportProgress(i + 1, files.Count, rows));
        }
        return new ImportSummary(fileResults, series);
    }

    private static (ImportedFile File, List<ImportedSeries> Series, List<ParsedBar> Accepted, List<CsvRowError> Rejected) ReadFile(string path, ImportOptions options)
    {
        var name = Path.GetFileName(path);
        MarketCsvLayout layout;
        try
        {
            using var peek = new StreamReader(path);
            layout = MarketCsvLayout.FromHeader(name, peek.ReadLine());
        }
        catch (CsvDataException e)
        {
            return (new ImportedFile(name, options.Format, 0, 0, e.Message), [], [], []);
        }
        var format = options.Format == VendorFormat.Auto ? VendorFormats.Detect(layout) : options.Format;
        if (VendorFormats.Mismatch(format, layout) is { } mismatch)
            return (new ImportedFile(name, format, 0, 0, $"{name}:1: field 'header': {mismatch}"), [], [], []);
        var fileSymbol = layout.HasSymbol ? "" : SymbolOf(name, format);
        if (fileSymbol is null)
            return (new ImportedFile(name, format, 0, 0,
                $"{name}: no symbol column, and '{Path.GetFileNameWithoutExtension(name)}' is not a symbol: add a symbol column or name the file <SYMBOL>.csv"), [], [], []);

        var zone = options.TimeZone is { } id ? TimeZones.Find(id) : VendorFormats.DefaultZone(format);
        var reader = new MarketCsvReader(name, fileSymbol, new MarketCsvOptions(zone, options.Adjusted, VendorFormats.SymbolSuffix(format)));
        var rejected = new List<CsvRowError>();
        var bySymbol = new Dictionary<string, List<ParsedBar>>(StringComparer.Ordinal);
        long lines = 0;
        using (var text = new StreamReader(path))
            foreach (var row in reader.ReadAll(text))
            {
                lines++;
                if (row.Error is { } error) rejected.Add(error);
                else
                {
                    if (!bySymbol.TryGetValue(row.Bar.Symbol, out var list)) bySymbol[row.Bar.Symbol] = list = [];
                    list.Add(row);
                }
            }

        // One symbol per file is the common case: its list is handed on as it is, not copied (a 2M-row file is 2M bars).
        var accepted = bySymbol.Count == 1 ? null : new List<ParsedBar>();
        var series = new List<ImportedSeries>();
        var stamp = options.Stamp ?? VendorFormats.DefaultStamp(format);
        var unreadable = rejected.Count; // bad rows so far: their symbol is the file's, or unknown
        foreach (var (symbol, parsed) in bySymbol)
        {
            var interval = BarInterval.Infer(parsed.Select(p => p.Bar.Time).ToList()) ?? BarInterval.Daily;
            var before = rejected.Count;
            var kept = Restamp(name, parsed, interval, zone, stamp, rejected);
            var symbolRejects = rejected.Count - before + (layout.HasSymbol ? 0 : unreadable);
            var bars = kept.Select(p => p.Bar).ToList();
            // An adjusted close already has every split in it: applying the splits file again would divide twice.
            var applied = SplitAdjustment.Apply(bars, layout.HasAdjClose && options.Adjusted ? [] : options.Splits ?? []);
            var suspected = SplitDetector.Find(bars, options.SplitTolerance);
            var heldBack = suspected.Count > 0 && !options.AcceptJumps;
            if (applied.Count > 0)
                for (var i = 0; i < kept.Count; i++)
                    kept[i] = kept[i] with { Bar = bars[i], Adjustment = kept[i].Adjustment * bars[i].Close / kept[i].Bar.Close };
            if (heldBack)
            {
                var reason = $"held back: {string.Join("; ", suspected)}; give --splits with the split, adjusted prices, or --accept-jumps";
                rejected.AddRange(kept.Select(p => new CsvRowError(name, p.Line, "close", reason, BarText(p.Bar))));
            }
            else if (accepted is null) accepted = kept;
            else accepted.AddRange(kept);
            series.Add(new ImportedSeries(symbol, name, format, interval.ToString(), kept.Count, bars.Count > 0 ? bars[0].Time : null,
                bars.Count > 0 ? bars[^1].Time : null, applied.Select(s => $"{s.Effective:yyyy-MM-dd} {StockSplit.Label(s.Ratio)}").ToList(),
                suspected.Select(s => s.ToString()).ToList(), heldBack, symbolRejects));
        }
        var rejectedRows = rejected.Count - series.Where(s => s.HeldBack).Sum(s => s.Rows);
        return (new ImportedFile(name, format, lines, rejectedRows, null), series, accepted ?? [], rejected);
    }

    /// <summary>
    /// Bars to the platform's stamps: a daily series at 00:00 UTC of its session date in the file's zone (Polygon's day
    /// windows start at 05:00 UTC), an intraday series stamped at the bar's close (window start + interval). A bar that
    /// does not move forward in time is rejected.
    /// </summary>
    private static List<ParsedBar> Restamp(string file, List<ParsedBar> parsed, BarInterval interval, TimeZoneInfo zone, BarStamp stamp, List<CsvRowError> rejected)
    {
        // In place: the kept bars are compacted to the front of the parsed list, which is then cut to them.
        var kept = 0;
        for (var i = 0; i < parsed.Count; i++)
        {
            var p = parsed[i];
            var t = p.Bar.Time;
            if (interval.IsDaily && t.TimeOfDay != TimeSpan.Zero)
                t = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(t, zone)).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            else if (!interval.IsDaily && stamp == BarStamp.Start)
                t += interval.Length;
            var bar = p.Bar with { Time = t };
            if (kept > 0 && t <= parsed[kept - 1].Bar.Time)
            {
                var previous = parsed[kept - 1];
                rejected.Add(new CsvRowError(file, p.Line, "date",
                    $"{MarketTimestamp.Format(t, false)} does not come after line {previous.Line} ({MarketTimestamp.Format(previous.Bar.Time, false)}) for {bar.Symbol}", BarText(bar)));
                continue;
            }
            parsed[kept++] = p with { Bar = bar };
        }
        parsed.RemoveRange(kept, parsed.Count - kept);
        return parsed;
    }

    /// <summary>The symbol a file name gives: <c>AAPL.csv</c> → AAPL, Stooq's <c>aapl.us.txt</c> → AAPL; null when the
    /// name is not a symbol.</summary>
    public static string? SymbolOf(string fileName, VendorFormat format)
    {
        var stem = Symbols.Normalize(Path.GetFileNameWithoutExtension(fileName));
        if (VendorFormats.SymbolSuffix(format) is { } suffix && stem.EndsWith(suffix, StringComparison.Ordinal)) stem = stem[..^suffix.Length];
        return Symbols.IsValid(stem) ? stem : null;
    }

    private static string BarText(Bar b) =>
        FormattableString.Invariant($"{MarketTimestamp.Format(b.Time, false)},{b.Symbol},{b.Open:R},{b.High:R},{b.Low:R},{b.Close:R},{b.Volume}");

    // Names a file's content, so importing the same file twice is recognised (the lake keeps it once).
    private static async Task<string> ContentIdAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct))[..16];
    }

    [LoggerMessage(LogLevel.Warning, "Refused {File}: {Reason}")]
    private static partial void LogFileRefused(ILogger logger, string file, string reason);

    [LoggerMessage(LogLevel.Warning, "Held back {Symbol} from {File}: {Jumps}")]
    private static partial void LogHeldBack(ILogger logger, string symbol, string file, string jumps);
}
