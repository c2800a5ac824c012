namespace Project01.Backtesting;

/// <summary>A calendar month's compounded return.</summary>
public readonly record struct MonthlyReturn(int Year, int Month, double Return);

public static class PeriodReturns
{
    /// <summary>
    /// Monthly returns from an equity curve that starts at <paramref name="initialEquity"/>: each month's last
    /// equity over the previous month's last (the initial equity for the first month), minus one.
    /// </summary>
    public static IReadOnlyList<MonthlyReturn> Monthly(IReadOnlyList<DateTime> dates, IReadOnlyList<double> equity, double initialEquity = 1)
    {
        if (dates.Count != equity.Count) throw new ArgumentException("dates and equity need the same length");
        var result = new List<MonthlyReturn>();
        var previous = initialEquity;
        for (var i = 0; i < dates.Count; i++)
        {
            var monthEnds = i == dates.Count - 1 || dates[i + 1].Month != dates[i].Month || dates[i + 1].Year != dates[i].Year;
            if (!monthEnds) continue;
            result.Add(new MonthlyReturn(dates[i].Year, dates[i].Month, equity[i] / previous - 1));
            previous = equity[i];
        }
        return result;
    }
}
