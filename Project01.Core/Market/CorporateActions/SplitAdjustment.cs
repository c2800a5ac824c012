namespace Project01.Core.Market.CorporateActions;

/// <summary>Back-adjusts raw bars for splits: bars before a split are divided by its ratio (volumes multiplied), so the
/// series is continuous in today's shares, as an adjusted close is.</summary>
public static class SplitAdjustment
{
    /// <summary>Adjusts one symbol's bars (time order) in place for the splits inside their span; returns those applied.</summary>
    public static IReadOnlyList<StockSplit> Apply(List<Bar> bars, IEnumerable<StockSplit> splits)
    {
        if (bars.Count == 0) return [];
        var symbol = bars[0].Symbol;
        var applied = splits.Where(s => s.Symbol == symbol && s.Effective > bars[0].Time && s.Effective <= bars[^1].Time)
            .OrderBy(s => s.Effective).ToList();
        foreach (var split in applied)
        {
            var r = split.Ratio;
            for (var i = 0; i < bars.Count && bars[i].Time < split.Effective; i++)
            {
                var b = bars[i];
                bars[i] = b with
                {
                    Open = b.Open / r, High = b.High / r, Low = b.Low / r, Close = b.Close / r,
                    Volume = (long)Math.Min(Math.Round(b.Volume * r), long.MaxValue),
                };
            }
        }
        return applied;
    }
}
