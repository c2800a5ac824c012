using Project01.Core.Forecasting;

namespace Project01.Modeling.Datasets;

public enum Split { Train, Validation, Test }

/// <summary>One example: features known at <see cref="FeatureTime"/>, label realised by <see cref="TargetTime"/>.</summary>
public sealed record Example(string Symbol, DateTime FeatureTime, DateTime TargetTime, float[] Features, double Label, Split Split)
{
    /// <summary>The naive forecast of the label known at <see cref="FeatureTime"/> (see <see cref="TargetLabels.Naive"/>).</summary>
    public double Naive { get; init; } = double.NaN;
}

/// <summary>Examples in time order with their split, and the inputs they were built from.</summary>
public sealed record SupervisedDataset(ForecastTarget Target, IReadOnlyList<string> Inputs, IReadOnlyList<Example> Examples, DatasetSplits Splits)
{
    public IEnumerable<Example> Part(Split split) => Examples.Where(e => e.Split == split);
    public int Count(Split split) => Examples.Count(e => e.Split == split);

    /// <summary>A panel (see <see cref="CrossSection"/>), so cross-sectional measures such as per-date rank IC apply.</summary>
    public bool IsPanel => _isPanel ??= PanelShape.IsPanel(Examples.Select(e => e.FeatureTime));

    private bool? _isPanel;
}

/// <summary>Label-time boundaries: train labels end by <see cref="TrainEnd"/>, validation labels by <see cref="ValidationEnd"/>.</summary>
public sealed record DatasetSplits(DateTime TrainEnd, DateTime ValidationEnd)
{
    /// <summary>Splits a span of label times by fractions (default 70 / 15 / 15).</summary>
    public static DatasetSplits ByFraction(IReadOnlyList<DateTime> sortedTimes, double train = 0.70, double validation = 0.15)
    {
        if (sortedTimes.Count < 10) throw new InvalidOperationException($"need at least 10 labelled rows to split, have {sortedTimes.Count}");
        return new DatasetSplits(sortedTimes[(int)(sortedTimes.Count * train) - 1], sortedTimes[(int)(sortedTimes.Count * (train + validation)) - 1]);
    }
}
