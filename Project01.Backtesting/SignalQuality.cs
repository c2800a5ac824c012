using Project01.Modeling.Evaluation;

namespace Project01.Backtesting;

/// <summary>
/// How well scores ranked the returns that followed. With at least <see cref="CrossSectionalIc.MinimumSymbols"/> names
/// per period: IC and rank IC are the means of the per-period cross-sectional Pearson and Spearman correlations, and
/// ICIR is mean / sd of the per-period rank ICs. With fewer (one asset), IC and rank IC are time-series correlations
/// over all periods and ICIR is undefined.
/// </summary>
public sealed record SignalQuality(double Ic, double RankIc, double Icir, int Periods, bool CrossSectional)
{
    public static SignalQuality Compute(IReadOnlyList<Signal> signals)
    {
        var days = signals.GroupBy(s => s.Date).Select(g => g.ToArray()).ToList();
        if (days.Count > 0 && days.Average(d => d.Length) >= CrossSectionalIc.MinimumSymbols)
        {
            var ics = new List<double>();
            var rankIcs = new List<double>();
            foreach (var day in days.Where(d => d.Length >= CrossSectionalIc.MinimumSymbols))
            {
                var (score, ret) = (day.Select(s => s.Score).ToArray(), day.Select(s => s.Return).ToArray());
                if (ForecastMetrics.InformationCoefficient(score, ret) is var ic && double.IsFinite(ic)) ics.Add(ic);
                if (ForecastMetrics.RankInformationCoefficient(score, ret) is var rankIc && double.IsFinite(rankIc)) rankIcs.Add(rankIc);
            }
            var summary = CrossSectionalIc.Summarise(rankIcs);
            return new SignalQuality(ics.Count > 0 ? ics.Average() : double.NaN, summary.Mean, summary.Icir, rankIcs.Count, true);
        }
        var scores = signals.Select(s => s.Score).ToArray();
        var returns = signals.Select(s => s.Return).ToArray();
        return new SignalQuality(ForecastMetrics.InformationCoefficient(scores, returns), ForecastMetrics.RankInformationCoefficient(scores, returns),
            double.NaN, signals.Count, false);
    }
}
