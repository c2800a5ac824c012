using Project01.ModelRegistry.Registry;

namespace Project01.Monitoring.Performance;

/// <summary>How often one month's outcomes fell inside the intervals served for them (by the time the outcome was known).</summary>
public sealed record MonthCoverage(DateTime Month, int Count, int Inside)
{
    public double Coverage => (double)Inside / Count;

    /// <summary>Whether the month's coverage is within <see cref="MonthlyCoverage.Tolerance"/> of <paramref name="nominal"/>.</summary>
    public bool Holds(double nominal) => Math.Abs(Coverage - nominal) <= MonthlyCoverage.Tolerance + 1e-12; // 0.82 − 0.8 is a hair over 0.02 in binary
}

public static class MonthlyCoverage
{
    /// <summary>How far a month's realised coverage may stray from the nominal level and still count as holding (issue 17's
    /// target: ±2 points).</summary>
    public const double Tolerance = 0.02;

    /// <summary>
    /// Realised coverage month by month: do the intervals still mean what they say, crises included? Outcomes without a
    /// finite interval (none served yet) or without an outcome are left out; a month with none left is omitted.
    /// </summary>
    /// <summary>The levels whose intervals are stored with a version's test predictions, and where each is kept.</summary>
    public static readonly IReadOnlyList<(double Nominal, Func<StoredPrediction, PredictionBounds?> Bounds)> StoredLevels =
        [(0.8, p => p.Interval80), (0.9, p => p.Interval90)];

    /// <summary>Realised coverage of stored test predictions at one stored level (those without bounds are left out).</summary>
    public static IReadOnlyList<MonthCoverage> Compute(IEnumerable<StoredPrediction> predictions, Func<StoredPrediction, PredictionBounds?> bounds) =>
        Compute(predictions.Where(p => p.Actual is not null && bounds(p) is not null)
            .Select(p => (p.TargetTime, p.Actual!.Value, bounds(p)!.Value.Lower, bounds(p)!.Value.Upper)));

    public static IReadOnlyList<MonthCoverage> Compute(IEnumerable<(DateTime TargetTime, double Actual, double Lower, double Upper)> outcomes) =>
        [.. outcomes.Where(o => double.IsFinite(o.Actual) && double.IsFinite(o.Lower) && double.IsFinite(o.Upper))
            .GroupBy(o => new DateTime(o.TargetTime.Year, o.TargetTime.Month, 1, 0, 0, 0, DateTimeKind.Utc)).OrderBy(g => g.Key)
            .Select(g => new MonthCoverage(g.Key, g.Count(), g.Count(o => o.Actual >= o.Lower && o.Actual <= o.Upper)))];
}
