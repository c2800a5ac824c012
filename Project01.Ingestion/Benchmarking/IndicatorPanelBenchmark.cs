using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Project01.Core.Features;
using Project01.Core.Market;

namespace Project01.Ingestion.Benchmarking;

/// <summary>What one indicator run over a panel file took: reading, computing (the engine alone, on one thread and, when
/// the machine has more, on all cores: symbols are independent), writing.</summary>
public sealed record IndicatorPanelResult(long Rows, int Symbols, double ReadSeconds, double ComputeSeconds, double WriteSeconds, long PeakRssBytes,
    double ParallelComputeSeconds, int Threads, double FirstPassSeconds)
{
    public double ComputeRowsPerSecond => Rows / ComputeSeconds;
    /// <summary>Read, the first (allocating) pass, write: a user's one-off run.</summary>
    public double CsvToCsvSeconds => ReadSeconds + FirstPassSeconds + WriteSeconds;
}

/// <summary>
/// The indicator work a user does on a panel file, timed in its three parts: read the CSV, run the streaming engine
/// over each symbol (the 12 TTR columns, <see cref="IndicatorReport.Selection"/>, as <c>p01 indicators</c> computes them;
/// one thread, as the Python peer), and write
/// <c>date,symbol,</c> + the 12 columns. The same work as <c>benchmarks/peers/indicators.py</c>.
/// </summary>
public static class IndicatorPanelBenchmark
{
    /// <summary>Timed compute passes; the median is reported (the peer times as many).</summary>
    public const int TimedPasses = 3;

    public static IndicatorPanelResult Run(string input, string? output)
    {
        var clock = Stopwatch.StartNew();
        var bySymbol = new Dictionary<string, List<Bar>>(StringComparer.Ordinal);
        using (var reader = new StreamReader(input))
            foreach (var bar in new MarketCsvReader(Path.GetFileName(input), "").ReadStrict(reader))
            {
                if (!bySymbol.TryGetValue(bar.Symbol, out var list)) bySymbol[bar.Symbol] = list = [];
                list.Add(bar);
            }
        var read = clock.Elapsed.TotalSeconds;

        // The first pass allocates each symbol's output and is timed apart (it also compiles the row writer and lets the
        // JIT tier the hot loops up). The reported compute is then the median of three passes of the engine over the
        // panel into those same arrays: one pass that allocated afresh swung 0.13-1.2 s here, 1.0 s of it faulting in
        // 240 MB (59 k faults at 17 us on this VM), where the engine itself took 0.12-0.13 s every time.
        var selection = IndicatorReport.Selection;
        var values = new Dictionary<string, double[]>(bySymbol.Count, StringComparer.Ordinal);
        clock.Restart();
        foreach (var (symbol, bars) in bySymbol) values[symbol] = PriceFeatureEngine.ComputeBatch(CollectionsMarshal.AsSpan(bars), selection);
        var firstPass = clock.Elapsed.TotalSeconds;
        var passes = new double[TimedPasses];
        for (var pass = 0; pass < passes.Length; pass++)
        {
            clock.Restart();
            foreach (var (symbol, bars) in bySymbol) PriceFeatureEngine.ComputeBatch(CollectionsMarshal.AsSpan(bars), selection, values[symbol]);
            passes[pass] = clock.Elapsed.TotalSeconds;
        }
        Array.Sort(passes);
        var compute = passes[passes.Length / 2];
        var rows = bySymbol.Values.Sum(bars => (long)bars.Count);

        // The same work on every core: a user's wall time (pandas has no such switch); reported apart, never as the ratio.
        clock.Restart();
        var threads = Environment.ProcessorCount;
        Parallel.ForEach(bySymbol, new ParallelOptions { MaxDegreeOfParallelism = threads },
            entry => PriceFeatureEngine.ComputeBatch(CollectionsMarshal.AsSpan(entry.Value), selection, values[entry.Key]));
        var parallel = clock.Elapsed.TotalSeconds;

        clock.Restart();
        if (output is not null) Write(output, bySymbol, values);
        var write = clock.Elapsed.TotalSeconds;
        return new IndicatorPanelResult(rows, bySymbol.Count, read, compute, write, Process.GetCurrentProcess().PeakWorkingSet64, parallel, threads, firstPass);
    }

    private static void Write(string output, Dictionary<string, List<Bar>> bySymbol, Dictionary<string, double[]> values)
    {
        var width = IndicatorReport.Columns.Length;
        using var writer = new StreamWriter(output, false, new System.Text.UTF8Encoding(false), 1 << 20);
        writer.WriteLine("date,symbol," + string.Join(',', IndicatorReport.Columns));
        Span<char> number = stackalloc char[32];
        foreach (var (symbol, bars) in bySymbol)
        {
            var v = values[symbol];
            for (var i = 0; i < bars.Count; i++)
            {
                writer.Write(bars[i].Time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                writer.Write(',');
                writer.Write(symbol);
                for (var c = 0; c < width; c++)
                {
                    writer.Write(',');
                    var x = v[i * width + c];
                    if (double.IsFinite(x) && x.TryFormat(number, out var n, "R", CultureInfo.InvariantCulture)) writer.Write(number[..n]);
                }
                writer.WriteLine();
            }
        }
    }
}
