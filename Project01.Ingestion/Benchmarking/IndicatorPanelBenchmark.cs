using System.Diagnostics;
using System.Globalization;
using Project01.Core.Features;
using Project01.Core.Market;

namespace Project01.Ingestion.Benchmarking;

/// <summary>What one indicator run over a panel file took: reading, computing (the engine alone, on one thread and, when
/// the machine has more, on all cores: symbols are independent), writing.</summary>
public sealed record IndicatorPanelResult(long Rows, int Symbols, double ReadSeconds, double ComputeSeconds, double WriteSeconds, long PeakRssBytes,
    double ParallelComputeSeconds, int Threads)
{
    public double ComputeRowsPerSecond => Rows / ComputeSeconds;
    public double CsvToCsvSeconds => ReadSeconds + ComputeSeconds + WriteSeconds;
}

/// <summary>
/// The indicator work a user does on a panel file, timed in its three parts: read the CSV, run the streaming engine
/// over each symbol (every price feature, the 12 TTR columns among them; one thread, as the Python peer), and write
/// <c>date,symbol,</c> + the 12 columns. The same work as <c>benchmarks/peers/indicators.py</c>.
/// </summary>
public static class IndicatorPanelBenchmark
{
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

        // Steady state, as the peer's: the whole computation runs once untimed first (the engine's row writer is compiled
        // on first use and the JIT tiers hot loops up as they run); the peer likewise computes the panel once untimed.
        foreach (var bars in bySymbol.Values) PriceFeatureEngine.ComputeBatch(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bars));

        clock.Restart();
        var values = new Dictionary<string, double[]>(StringComparer.Ordinal);
        long rows = 0;
        foreach (var (symbol, bars) in bySymbol)
        {
            values[symbol] = PriceFeatureEngine.ComputeBatch(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bars));
            rows += bars.Count;
        }
        var compute = clock.Elapsed.TotalSeconds;

        // The same work on every core: a user's wall time (pandas has no such switch); reported apart, never as the ratio.
        clock.Restart();
        var threads = Environment.ProcessorCount;
        Parallel.ForEach(bySymbol.Values, new ParallelOptions { MaxDegreeOfParallelism = threads },
            bars => PriceFeatureEngine.ComputeBatch(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bars)));
        var parallel = clock.Elapsed.TotalSeconds;

        clock.Restart();
        if (output is not null) Write(output, bySymbol, values);
        var write = clock.Elapsed.TotalSeconds;
        return new IndicatorPanelResult(rows, bySymbol.Count, read, compute, write, Process.GetCurrentProcess().PeakWorkingSet64, parallel, threads);
    }

    private static void Write(string output, Dictionary<string, List<Bar>> bySymbol, Dictionary<string, double[]> values)
    {
        var columns = IndicatorReport.Columns.Select(PriceFeatures.IndexOf).ToArray();
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
                foreach (var c in columns)
                {
                    writer.Write(',');
                    var x = v[i * PriceFeatures.Count + c];
                    if (double.IsFinite(x) && x.TryFormat(number, out var n, "R", CultureInfo.InvariantCulture)) writer.Write(number[..n]);
                }
                writer.WriteLine();
            }
        }
    }
}
