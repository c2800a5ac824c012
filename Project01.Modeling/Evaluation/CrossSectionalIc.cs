namespace Project01.Modeling.Evaluation;

/// <summary>Per-date rank IC summary: mean, standard deviation (sample), ICIR = mean / sd, and how many dates counted.</summary>
public sealed record CrossSectionalIcSummary(double Mean, double StandardDeviation, double Icir, int Dates)
{
    public static CrossSectionalIcSummary Empty { get; } = new(double.NaN, double.NaN, double.NaN, 0);
}

/// <summary>
/// The cross-sectional view of a panel forecast: on each date, the Spearman correlation between the forecasts and the
/// outcomes of the symbols forecast that day; then the mean of those daily rank ICs and their ICIR (mean / standard
/// deviation, not annualised). Dates with fewer than <see cref="MinimumSymbols"/> symbols, or where forecasts or
/// outcomes are all equal, are left out.
/// </summary>
public static class CrossSectionalIc
{
    public const int MinimumSymbols = Datasets.PanelShape.MinimumSymbols;

    public static IReadOnlyList<(DateTime Date, double RankIc)> Daily(IEnumerable<(DateTime Date, double Predicted, double Actual)> rows)
    {
        var result = new List<(DateTime, double)>();
        foreach (var day in rows.GroupBy(r => r.Date).OrderBy(g => g.Key))
        {
            var items = day.ToArray();
            if (items.Length < MinimumSymbols) continue;
            var ic = ForecastMetrics.RankInformationCoefficient(items.Select(i => i.Predicted).ToArray(), items.Select(i => i.Actual).ToArray());
            if (double.IsFinite(ic)) result.Add((day.Key, ic));
        }
        return result;
    }

    public static CrossSectionalIcSummary Summarise(IReadOnlyList<double> daily)
    {
        if (daily.Count == 0) return CrossSectionalIcSummary.Empty;
        var mean = daily.Average();
        var sd = daily.Count < 2 ? double.NaN : Math.Sqrt(daily.Sum(v => (v - mean) * (v - mean)) / (daily.Count - 1));
        return new CrossSectionalIcSummary(mean, sd, sd > 0 ? mean / sd : double.NaN, daily.Count);
    }

    public static CrossSectionalIcSummary Summarise(IEnumerable<(DateTime Date, double Predicted, double Actual)> rows) =>
        Summarise(Daily(rows).Select(d => d.RankIc).ToList());
}
