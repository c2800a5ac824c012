namespace Project01.Modeling.Datasets;

/// <summary>
/// When data is a panel: on the typical date (the median), at least <see cref="MinimumSymbols"/> symbols. Only then do
/// cross-sectional measures (per-date rank IC) and per-date label demeaning make sense; one index series, or a store
/// holding an old stock panel next to decades of one index, is treated as a time series.
/// </summary>
public static class PanelShape
{
    public const int MinimumSymbols = 3;

    public static bool IsPanel(IEnumerable<DateTime> rowDates)
    {
        var counts = rowDates.GroupBy(d => d).Select(g => g.Count()).Order().ToArray();
        return counts.Length > 0 && counts[counts.Length / 2] >= MinimumSymbols;
    }
}
