using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;

namespace Project01.Monitoring.Drift;

/// <summary>
/// Per-feature drift over time: the reference is the span a model was trained on, the current span what it has
/// seen since (pooled over the symbols with current features); the current span is cut into calendar windows
/// (<see cref="DriftThresholds.WindowMonths"/>, a quarter by default) and each is compared with the whole reference,
/// judged against how much the reference's own windows differ from it (see <see cref="DriftThresholds"/>). Data-quality checks run alongside: missing values, values outside the reference range,
/// features stuck on one value and symbols whose features stopped.
/// </summary>
public static class FeatureDriftAnalyzer
{
    public static DriftAnalysis Analyze(IReadOnlyList<FeatureObservation> rows, IReadOnlyList<string> names, IReadOnlyList<string> features,
        DateTime referenceEnd, DateTime currentStart, DriftThresholds? thresholds = null)
    {
        var t = thresholds ?? new DriftThresholds();
        var columns = features.Select(f => names.ToList().IndexOf(f) is var i and >= 0 ? i : throw new ArgumentException($"feature '{f}' is not in the view ({string.Join(", ", names)})")).ToArray();
        var current = rows.Where(r => r.EventTime > currentStart).OrderBy(r => r.EventTime).ToList();
        // Compare like with like: the reference is the training span of the symbols still being served. Pooling in
        // symbols that stopped (e.g. stocks next to an index) would flag every month for the change of population.
        var served = current.Select(r => r.Symbol).ToHashSet(StringComparer.Ordinal);
        var reference = rows.Where(r => r.EventTime <= referenceEnd && (served.Count == 0 || served.Contains(r.Symbol))).ToList();
        if (reference.Count == 0)
            throw new InvalidOperationException(served.Count == 0
                ? $"no feature rows on or before the reference end {referenceEnd:yyyy-MM-dd}"
                : $"the symbols served now ({string.Join(", ", served.Order())}) have no feature rows on or before the reference end {referenceEnd:yyyy-MM-dd}");

        // Grouped once, not once per feature: calendar windows of WindowMonths months (quarters by default).
        var months = Math.Clamp(t.WindowMonths, 1, 12);
        var windows = current.GroupBy(r => WindowStart(r.EventTime, months))
            .Select(g => (Start: g.Key, Rows: g.ToList())).ToList();
        var referenceWindowRows = reference.GroupBy(r => WindowStart(r.EventTime, months)).Select(g => g.ToList()).ToList();
        var result = new List<FeatureDrift>(features.Count);
        var quality = new List<QualityIssue>();
        for (var f = 0; f < features.Count; f++)
        {
            var column = columns[f];
            var referenceValues = Finite(reference, column);
            var referenceMissing = 1 - (double)referenceValues.Length / reference.Count;
            if (referenceValues.Length < t.MinWindowCount)
            {
                quality.Add(new QualityIssue("no_data", features[f], DriftLevel.Warning, $"only {referenceValues.Length} finite reference values"));
                result.Add(new FeatureDrift(features[f], referenceValues.Length, double.NaN, double.NaN, referenceMissing, []));
                continue;
            }
            var (mean, sd) = MeanSd(referenceValues);
            var referenceWindows = ReferenceWindowDistances(referenceWindowRows, column, referenceValues, sd, t.MinWindowCount);
            // Fewer than four reference windows say little about its own variation: then only the size floor applies.
            var (warningLevel, alertLevel) = referenceWindows.Length >= 4
                ? (Math.Max(t.MinWasserstein, DriftStatistics.Quantile(referenceWindows, t.WarningQuantile)), Math.Max(t.MinWasserstein, referenceWindows[^1]))
                : (t.MinWasserstein, t.MinWasserstein);
            // Reference bins per bin count (small windows get fewer bins, see DriftStatistics.BinsFor).
            var binnings = new Dictionary<int, (double[] Edges, double[] Expected)>();
            var (min, max) = (referenceValues[0], referenceValues[^1]);

            var series = new List<WindowDrift>(windows.Count);
            int spanFinite = 0, spanOutside = 0; // the whole current span, summed from its months
            foreach (var (windowStart, windowRows) in windows)
            {
                var values = Finite(windowRows, column);
                var missing = 1 - (double)values.Length / windowRows.Count;
                var outsideCount = values.Count(v => v < min || v > max);
                (spanFinite, spanOutside) = (spanFinite + values.Length, spanOutside + outsideCount);
                var end = windowStart.AddMonths(months);
                if (values.Length < t.MinWindowCount)
                {
                    series.Add(new WindowDrift(windowStart, end, values.Length, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, missing, double.NaN, DriftLevel.Insufficient));
                    continue;
                }
                var bins = DriftStatistics.BinsFor(values.Length, t.Bins);
                if (!binnings.TryGetValue(bins, out var binning))
                {
                    var cut = DriftStatistics.QuantileEdges(referenceValues, bins);
                    binnings[bins] = binning = (cut, DriftStatistics.BinShares(referenceValues, cut));
                }
                var (edges, expected) = binning;
                var actual = DriftStatistics.BinShares(values, edges);
                var psi = DriftStatistics.Psi(expected, actual);
                var (ks, p) = DriftStatistics.KolmogorovSmirnov(referenceValues, values);
                var wasserstein = DriftStatistics.Wasserstein1(referenceValues, values) / (sd > 0 ? sd : 1);
                var outside = (double)outsideCount / values.Length;
                var level = wasserstein > alertLevel && p < t.AlertKsP ? DriftLevel.Alert
                    : wasserstein > warningLevel && p < t.WarningKsP ? DriftLevel.Warning
                    : DriftLevel.Ok;
                series.Add(new WindowDrift(windowStart, end, values.Length, psi, ks, p, wasserstein, DriftStatistics.JensenShannon(expected, actual), missing, outside,
                    level, alertLevel));
                if (sd > 0 && values[0] == values[^1])
                    quality.Add(new QualityIssue("stuck", features[f], DriftLevel.Alert, $"{values.Length} values all equal to {values[0]:G6} in {windowStart:yyyy-MM}"));
            }
            result.Add(new FeatureDrift(features[f], referenceValues.Length, mean, sd, referenceMissing, series));
            CheckSpan(features[f], current.Count, spanFinite, spanOutside, referenceMissing, min, max, t, quality);
        }
        CheckStaleSymbols(rows, t, quality);
        if (current.Count == 0) quality.Add(new QualityIssue("no_data", "current span", DriftLevel.Warning, $"no feature rows after {currentStart:yyyy-MM-dd}"));
        var referenceStart = reference.Min(r => r.EventTime);
        return new DriftAnalysis(referenceStart, referenceEnd, currentStart, current.Count > 0 ? current[^1].EventTime : currentStart,
            reference.Select(r => r.Symbol).Distinct().Count(), t, result, quality);
    }

    /// <summary>Missing values and out-of-range values over the whole current span.</summary>
    private static void CheckSpan(string feature, int rows, int finite, int outsideCount, double referenceMissing, double min, double max,
        DriftThresholds t, List<QualityIssue> quality)
    {
        if (rows == 0) return;
        var missing = 1 - (double)finite / rows;
        if (missing - referenceMissing > t.MissingIncrease)
            quality.Add(new QualityIssue("missing", feature, DriftLevel.Warning, $"{missing:P1} of current values missing (reference {referenceMissing:P1})"));
        if (finite == 0) return;
        var outside = (double)outsideCount / finite;
        if (outside > t.OutOfRangeWarning)
            quality.Add(new QualityIssue("out_of_range", feature, outside > t.OutOfRangeAlert ? DriftLevel.Alert : DriftLevel.Warning,
                $"{outside:P1} of current values outside the reference range [{min:G4}, {max:G4}]"));
    }

    /// <summary>Symbols whose features end well before the others' have stopped updating; one issue per end date.</summary>
    private static void CheckStaleSymbols(IReadOnlyList<FeatureObservation> rows, DriftThresholds t, List<QualityIssue> quality)
    {
        if (rows.Count == 0) return;
        var last = rows.GroupBy(r => r.Symbol).Select(g => (Symbol: g.Key, Last: g.Max(r => r.EventTime))).ToList();
        var newest = last.Max(x => x.Last);
        foreach (var group in last.Where(x => (newest - x.Last).TotalDays > t.StaleDays).GroupBy(x => x.Last.Date).OrderBy(g => g.Key))
        {
            var symbols = group.Select(x => x.Symbol).Order(StringComparer.Ordinal).ToList();
            quality.Add(new QualityIssue("stale", symbols.Count == 1 ? symbols[0] : $"{symbols.Count} symbols", DriftLevel.Warning,
                $"features end {group.Key:yyyy-MM-dd}, {(newest - group.Key).TotalDays:F0} days before the newest ({newest:yyyy-MM-dd}): {string.Join(", ", symbols)}"));
        }
    }

    /// <summary>
    /// How far the reference's own windows lie from the whole reference (normed Wasserstein-1, each window cut as the
    /// current span is): the change the model already lived through while it was trained. Sorted ascending.
    /// </summary>
    private static double[] ReferenceWindowDistances(List<List<FeatureObservation>> referenceWindows, int column, double[] referenceValues, double sd, int minCount) =>
        [.. referenceWindows
            .Select(w => Finite(w, column))
            .Where(v => v.Length >= minCount)
            .Select(v => DriftStatistics.Wasserstein1(referenceValues, v) / (sd > 0 ? sd : 1))
            .Order()];

    private static DateTime WindowStart(DateTime t, int months) => new(t.Year, t.Month - (t.Month - 1) % months, 1, 0, 0, 0, DateTimeKind.Utc);

    private static double[] Finite(List<FeatureObservation> rows, int column)
    {
        var values = new List<double>(rows.Count);
        foreach (var row in rows)
            if (column < row.Values.Length && double.IsFinite(row.Values[column])) values.Add(row.Values[column]);
        var array = values.ToArray();
        Array.Sort(array);
        return array;
    }

    private static (double Mean, double Sd) MeanSd(double[] values)
    {
        var mean = values.Average();
        var variance = values.Length > 1 ? values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1) : 0;
        return (mean, Math.Sqrt(variance));
    }
}
