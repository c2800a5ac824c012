using System.Globalization;

namespace Project01.Ingestion.Benchmarking;

/// <summary>
/// A panel of OHLCV bars for timing only, labelled synthetic: each symbol is a seeded geometric random walk (daily
/// volatility 1–3 %), with high/low around open and close. Deterministic for a seed, so Project01 and its Python peer
/// time exactly the same file. Not prices: never use it to judge a model.
/// </summary>
public static class SyntheticBarPanel
{
    /// <summary>Writes <c>date,symbol,open,high,low,close,volume</c>, symbol by symbol (each in date order); returns the rows.</summary>
    public static long Write(TextWriter output, int symbols, int days, int seed = 1)
    {
        output.WriteLine("date,symbol,open,high,low,close,volume");
        var random = new Random(seed);
        var start = new DateTime(2000, 1, 3, 0, 0, 0, DateTimeKind.Utc);
        long rows = 0;
        for (var s = 0; s < symbols; s++)
        {
            var symbol = $"SYN{s:D4}";
            var volatility = 0.01 + 0.02 * random.NextDouble();
            var close = 20 + 180 * random.NextDouble();
            var date = start;
            for (var d = 0; d < days; d++)
            {
                var open = close * Math.Exp(volatility * 0.3 * Gaussian(random));
                close = open * Math.Exp(volatility * Gaussian(random));
                var high = Math.Max(open, close) * (1 + volatility * 0.5 * random.NextDouble());
                var low = Math.Min(open, close) * (1 - volatility * 0.5 * random.NextDouble());
                output.Write(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                output.Write(',');
                output.Write(symbol);
                output.Write(FormattableString.Invariant($",{open:F4},{high:F4},{low:F4},{close:F4},{random.Next(1_000, 1_000_000)}"));
                output.WriteLine();
                rows++;
                date = date.AddDays(date.DayOfWeek == DayOfWeek.Friday ? 3 : 1);
            }
        }
        return rows;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
