using Project01.Modeling.Datasets;

namespace Project01.Modeling.CrossValidation;

/// <summary>
/// How to cut a time series into folds. <see cref="Horizon"/>: periods a label reaches beyond its features (the
/// target's horizon). <see cref="Embargo"/>: periods after each test fold whose examples never train (their features
/// are serially correlated with the test labels). <see cref="MinTrainPeriods"/>: label periods at the start that only
/// ever train. <see cref="TrainAfterTest"/>: also train on data after the test fold (purged k-fold, López de Prado)
/// instead of walking forward on the past only.
/// </summary>
public sealed record WalkForwardOptions(int Folds, int Horizon, int Embargo = 0, int MinTrainPeriods = 0, bool TrainAfterTest = false)
{
    /// <summary>Folds over train + validation examples, the first training span one fold's worth of label dates long:
    /// how evaluate's and tune's walk-forward cut them (embargo: the horizon unless given).</summary>
    public static WalkForwardOptions Over(IReadOnlyList<Example> examples, int folds, int horizon, int? embargo = null) =>
        new(folds, horizon, embargo ?? horizon, MinTrainPeriods: examples.Select(e => e.TargetTime).Distinct().Count() / (folds + 1));

    public void Validate()
    {
        if (Folds < 1) throw new ArgumentException($"need at least one fold, got {Folds}");
        if (Horizon < 1) throw new ArgumentException($"the label horizon is at least one period, got {Horizon}");
        if (Embargo < 0 || MinTrainPeriods < 0) throw new ArgumentException("the embargo and the initial training periods cannot be negative");
    }
}

/// <summary>One fold: its test span (label dates), the example indices that train and test, and how many examples the
/// purge (label intervals overlapping the test fold) and the embargo took out.</summary>
public sealed record WalkForwardFold(int Index, DateTime TestStart, DateTime TestEnd, IReadOnlyList<int> Train, IReadOnlyList<int> Test, int Purged, int Embargoed);

/// <summary>
/// Walk-forward cross-validation with purging and an embargo (López de Prado, Advances in Financial Machine Learning,
/// ch. 7). Periods are the distinct dates of the examples (feature and label dates, all symbols), so a horizon of h
/// means h bars. Test folds are consecutive blocks of label dates. An example informs the span from its feature date
/// to its label date; a test fold with label dates [a, b] is informed by [a − h, b]. A training example is kept only
/// if its label date is before a − h (walk-forward), or, with <see cref="WalkForwardOptions.TrainAfterTest"/>, its
/// feature date is after b + embargo. Hence no training label date ever falls in [a − h, b + embargo].
/// </summary>
public static class PurgedWalkForward
{
    public static IReadOnlyList<WalkForwardFold> Split(IReadOnlyList<Example> examples, WalkForwardOptions options) =>
        Split([.. examples.Select(e => (e.FeatureTime, e.TargetTime))], options);

    public static IReadOnlyList<WalkForwardFold> Split(IReadOnlyList<(DateTime FeatureTime, DateTime TargetTime)> examples, WalkForwardOptions options)
    {
        options.Validate();
        var timeline = examples.SelectMany(e => new[] { e.FeatureTime, e.TargetTime }).Distinct().Order().ToArray();
        var index = timeline.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i);
        var start = examples.Select(e => index[e.FeatureTime]).ToArray();
        var end = examples.Select(e => index[e.TargetTime]).ToArray();
        for (var n = 0; n < examples.Count; n++)
            if (end[n] <= start[n]) throw new ArgumentException($"example {n}: label date {examples[n].TargetTime:yyyy-MM-dd} is not after its feature date");

        var labelPeriods = end.Distinct().Order().ToArray();
        var testable = labelPeriods.Length - options.MinTrainPeriods;
        if (testable < options.Folds)
            throw new ArgumentException($"{labelPeriods.Length} label dates leave {testable} to test after {options.MinTrainPeriods} training-only ones: fewer than {options.Folds} folds");

        var folds = new List<WalkForwardFold>(options.Folds);
        for (var k = 0; k < options.Folds; k++)
        {
            var a = labelPeriods[options.MinTrainPeriods + (int)((long)testable * k / options.Folds)];
            var b = labelPeriods[options.MinTrainPeriods + (int)((long)testable * (k + 1) / options.Folds) - 1];
            var informedFrom = a - options.Horizon;
            var (train, test) = (new List<int>(), new List<int>());
            int purged = 0, embargoed = 0;
            for (var n = 0; n < examples.Count; n++)
            {
                if (end[n] >= a && end[n] <= b)
                {
                    test.Add(n);
                    informedFrom = Math.Min(informedFrom, start[n]);
                }
            }
            for (var n = 0; n < examples.Count; n++)
            {
                if (end[n] >= a && end[n] <= b) continue;
                if (end[n] < informedFrom) train.Add(n);
                else if (end[n] < a) purged++; // its label interval overlaps the test fold's first labels
                else if (!options.TrainAfterTest) continue; // the future: walk-forward never trains on it
                else if (start[n] <= b) purged++;
                else if (start[n] <= b + options.Embargo) embargoed++;
                else train.Add(n);
            }
            folds.Add(new WalkForwardFold(k, timeline[a], timeline[b], train, test, purged, embargoed));
        }
        return folds;
    }
}
