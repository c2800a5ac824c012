using System.Globalization;
using Project01.Core.Market;

namespace Project01.Core.Features;

/// <summary>
/// The indicator table of <c>p01 indicators</c>: one row per bar, the TTR-compatible columns, empty where an indicator
/// is not yet defined or cannot be (true range and ATR need high and low).
/// </summary>
public static class IndicatorReport
{
    public static readonly string[] Columns = ["sma20", "ema20", "rsi14", "atr14", "tr", "macd", "macd_signal", "bb_dn", "bb_mavg", "bb_up", "bb_pctb", "sd20"];
    private static readonly string[] NeedHighLow = ["atr14", "tr"];

    /// <summary>The engine's work for these columns alone (none of them reads the return or volume windows).</summary>
    public static readonly PriceFeatureSelection Selection = PriceFeatureSelection.Of(Columns);

    /// <summary>Writes the header and one line per bar (bars of one symbol, in time order); returns the rows written.
    /// The date column has one form: dates when every bar is at 00:00 UTC (a daily series), else UTC timestamps.</summary>
    public static long Write(IReadOnlyList<Bar> bars, bool hasHighLow, TextWriter output)
    {
        var daily = MarketTimestamp.AllDates(bars.Select(b => b.Time));
        var blank = Columns.Select(c => !hasHighLow && NeedHighLow.Contains(c)).ToArray();
        output.Write("date,");
        output.WriteLine(string.Join(',', Columns));
        var engine = new PriceFeatureEngine(selection: Selection);
        var values = new double[Columns.Length];
        long rows = 0;
        foreach (var bar in bars)
        {
            engine.Update(bar, values);
            output.Write(MarketTimestamp.Format(bar.Time, daily));
            for (var i = 0; i < values.Length; i++)
            {
                output.Write(',');
                var v = values[i];
                if (!blank[i] && double.IsFinite(v)) output.Write(v.ToString("R", CultureInfo.InvariantCulture));
            }
            output.WriteLine();
            rows++;
        }
        return rows;
    }
}
