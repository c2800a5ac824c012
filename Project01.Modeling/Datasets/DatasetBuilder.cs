using Project01.Core.Market;
using Project01.Core.Forecasting;

namespace Project01.Modeling.Datasets;

/// <summary>
/// Turns feature history into examples. The label of the row at t comes from the symbol's own later rows (ret1: the
/// next bar's log return; vol5: the realized volatility of the next five; dir1: the next return's sign, see
/// <see cref="TargetLabels"/>), so every input is known at t and the label only after it. Inputs may be view features
/// or <see cref="DerivedFeatures"/> (per-symbol history, or cross-sections of all symbols on the same date). Rows with
/// any undefined input (indicator warm-up) or no label (the last bars) are dropped. A split assigns examples by label
/// time, and examples whose label would cross into the next split are purged, so no label overlaps the following fold.
/// For intraday bars the targets count bars within a session: a label (or naive forecast) that would span the overnight
/// gap is undefined, so the last bars of each session carry no ret1 label and no vol5 window crosses a night.
/// </summary>
public static class DatasetBuilder
{
    public static SupervisedDataset Build(IEnumerable<FeatureObservation> history, IReadOnlyList<string> viewFeatures, ForecastTarget target,
        IReadOnlyList<string>? inputs = null, DatasetSplits? splits = null, BarInterval? interval = null)
    {
        var intraday = interval is { IsDaily: false };
        inputs ??= ModelInputs.Default;
        var logretIndex = IndexOf(viewFeatures, "logret");
        var bases = inputs.Select(DerivedFeatures.BaseOf).Distinct().ToArray();
        var baseOfInput = inputs.Select(i => Array.IndexOf(bases, DerivedFeatures.BaseOf(i))).ToArray();
        var horizon = target.Horizon();

        // Every row of every symbol, labelled or not: cross-sections must see what was known that day, not what later got a label.
        var rows = new List<Row>();
        foreach (var series in history.GroupBy(o => o.Symbol))
        {
            var ordered = series.OrderBy(o => o.EventTime).ToList();
            var columns = bases.Select(b => DerivedFeatures.Column(b, ordered, viewFeatures)).ToArray();
            var logret = ordered.Select(o => o.Values[logretIndex]).ToArray();
            if (intraday) logret = MarketTime.WithinSessionReturns(ordered.Select(o => o.EventTime).ToList(), logret);
            for (var i = 0; i < ordered.Count; i++)
            {
                var values = new double[bases.Length];
                for (var b = 0; b < bases.Length; b++) values[b] = columns[b][i];
                rows.Add(new Row(series.Key, ordered[i].EventTime, i + horizon < ordered.Count ? ordered[i + horizon].EventTime : default,
                    values, TargetLabels.Label(target, logret, i), TargetLabels.Naive(target, logret, i)));
            }
        }

        var x = rows.Select(r => new double[inputs.Count]).ToArray();
        for (var k = 0; k < inputs.Count; k++)
            for (var n = 0; n < rows.Count; n++) x[n][k] = rows[n].Base[baseOfInput[k]];
        var crossSectional = Enumerable.Range(0, inputs.Count).Where(k => DerivedFeatures.IsCrossSectional(inputs[k])).ToArray();
        if (crossSectional.Length > 0)
        {
            foreach (var day in Enumerable.Range(0, rows.Count).GroupBy(n => rows[n].FeatureTime))
            {
                var members = day.ToArray();
                var column = new double[members.Length];
                foreach (var k in crossSectional)
                {
                    for (var m = 0; m < members.Length; m++) column[m] = x[members[m]][k];
                    if (inputs[k].StartsWith(DerivedFeatures.RankPrefix, StringComparison.Ordinal)) DerivedFeatures.RankInPlace(column);
                    else DerivedFeatures.ZScoreInPlace(column);
                    for (var m = 0; m < members.Length; m++) x[members[m]][k] = column[m];
                }
            }
        }

        var candidates = new List<(Row Row, float[] X)>();
        for (var n = 0; n < rows.Count; n++)
        {
            var row = rows[n];
            if (!double.IsFinite(row.Label) || !double.IsFinite(row.Naive)) continue;
            var features = new float[inputs.Count];
            var complete = true;
            for (var k = 0; k < inputs.Count && complete; k++)
            {
                complete = double.IsFinite(x[n][k]);
                features[k] = (float)x[n][k];
            }
            if (complete) candidates.Add((row, features));
        }
        candidates.Sort((a, b) => a.Row.FeatureTime != b.Row.FeatureTime ? a.Row.FeatureTime.CompareTo(b.Row.FeatureTime) : string.CompareOrdinal(a.Row.Symbol, b.Row.Symbol));
        splits ??= DatasetSplits.ByFraction(candidates.Select(c => c.Row.TargetTime).Distinct().Order().ToList());

        var examples = new List<Example>(candidates.Count);
        foreach (var (row, features) in candidates)
        {
            var split = SplitOf(row.TargetTime, splits);
            // Purge: features from one split with a label in the next would let the next split's data leak backwards.
            if (SplitOf(row.FeatureTime, splits) != split) continue;
            examples.Add(new Example(row.Symbol, row.FeatureTime, row.TargetTime, features, row.Label, split) { Naive = row.Naive });
        }
        return new SupervisedDataset(target, inputs, examples, splits);
    }

    private static Split SplitOf(DateTime time, DatasetSplits splits) =>
        time <= splits.TrainEnd ? Split.Train : time <= splits.ValidationEnd ? Split.Validation : Split.Test;

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++) if (names[i] == name) return i;
        throw new ArgumentException($"feature '{name}' is not in the view ({string.Join(", ", names)})");
    }

    private sealed record Row(string Symbol, DateTime FeatureTime, DateTime TargetTime, double[] Base, double Label, double Naive);
}
