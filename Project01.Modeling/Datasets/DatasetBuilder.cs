namespace Project01.Modeling.Datasets;

/// <summary>Feature values of one symbol at one event time, in the order of the view's feature names.</summary>
public readonly record struct FeatureObservation(string Symbol, DateTime EventTime, double[] Values);

/// <summary>
/// Turns feature history into examples. The label of the row at t comes from the symbol's own later rows (for ret1:
/// the log return of the next bar), so every input is known at t and the label only after it. Rows with any undefined
/// input (indicator warm-up) or no label (the last bar) are dropped. A split assigns examples by label time, and
/// examples whose label would cross into the next split are purged, so no label overlaps the following fold.
/// </summary>
public static class DatasetBuilder
{
    public static SupervisedDataset Build(IEnumerable<FeatureObservation> history, IReadOnlyList<string> viewFeatures, ForecastTarget target,
        IReadOnlyList<string>? inputs = null, DatasetSplits? splits = null)
    {
        inputs ??= ModelInputs.Default;
        var inputIndex = inputs.Select(n => IndexOf(viewFeatures, n)).ToArray();
        var labelIndex = IndexOf(viewFeatures, "logret");
        var horizon = target.Horizon();

        var candidates = new List<(string Symbol, DateTime FeatureTime, DateTime TargetTime, float[] X, double Y)>();
        foreach (var series in history.GroupBy(o => o.Symbol))
        {
            var rows = series.OrderBy(o => o.EventTime).ToList();
            for (var i = 0; i + horizon < rows.Count; i++)
            {
                var label = rows[i + horizon].Values[labelIndex];
                if (!double.IsFinite(label)) continue;
                var x = new float[inputIndex.Length];
                var complete = true;
                for (var k = 0; k < inputIndex.Length && complete; k++)
                {
                    var v = rows[i].Values[inputIndex[k]];
                    complete = double.IsFinite(v);
                    x[k] = (float)v;
                }
                if (complete) candidates.Add((series.Key, rows[i].EventTime, rows[i + horizon].EventTime, x, label));
            }
        }
        candidates.Sort((a, b) => a.FeatureTime != b.FeatureTime ? a.FeatureTime.CompareTo(b.FeatureTime) : string.CompareOrdinal(a.Symbol, b.Symbol));
        splits ??= DatasetSplits.ByFraction(candidates.Select(c => c.TargetTime).Distinct().Order().ToList());

        var examples = new List<Example>(candidates.Count);
        foreach (var c in candidates)
        {
            var split = c.TargetTime <= splits.TrainEnd ? Split.Train : c.TargetTime <= splits.ValidationEnd ? Split.Validation : Split.Test;
            // Purge: features from one split with a label in the next would let the next split's data leak backwards.
            var featureSplit = c.FeatureTime <= splits.TrainEnd ? Split.Train : c.FeatureTime <= splits.ValidationEnd ? Split.Validation : Split.Test;
            if (featureSplit != split) continue;
            examples.Add(new Example(c.Symbol, c.FeatureTime, c.TargetTime, c.X, c.Y, split));
        }
        return new SupervisedDataset(target, inputs, examples, splits);
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++) if (names[i] == name) return i;
        throw new ArgumentException($"feature '{name}' is not in the view ({string.Join(", ", names)})");
    }
}
