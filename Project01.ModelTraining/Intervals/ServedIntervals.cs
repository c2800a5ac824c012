using Project01.Core.Forecasting;
using System.Globalization;
using Project01.ModelRegistry.Registry;
using Project01.Modeling.Evaluation;
using Project01.Modeling.Training;

namespace Project01.ModelTraining.Intervals;

/// <summary>
/// The calibrated intervals of a trained version: what it serves from now on (± the current score quantile, in units of
/// each forecast's scale) and what it would have served for each test forecast (the moving calibration window, so no
/// forecast's interval saw its own outcome), kept with the test predictions so realised coverage can be measured later.
/// Both are adaptive conformal (<see cref="ConformalIntervals.AdaptiveIntervals"/>): the level moved with the test
/// outcomes, so a version trained after a run of misses serves wider intervals than its nominal level alone would give.
/// </summary>
public static class ServedIntervals
{
    /// <summary>The levels recorded: the served 80 % and a 90 % alongside (parameters <c>interval90_lower/upper</c>), so the
    /// API could serve either.</summary>
    public const double Served = 0.8, Wide = 0.9;

    public const string Wide90Lower = ForecastScale.Lower90, Wide90Upper = ForecastScale.Upper90;

    /// <summary>Version parameters: how the interval was calibrated ("aci"), and the adapted levels its quantiles were
    /// taken at (1 − α after the test outcomes; the nominal 0.8 and 0.9 when the test span was on target).</summary>
    public const string Method = "interval_method", AdaptedLevel = "interval_adapted_level", AdaptedLevel90 = "interval90_adapted_level";

    /// <summary>The current adaptive-conformal quantile at <paramref name="level"/> (scale units), or null when the model
    /// has no scaled forecasts (dir1) or too few scores for a finite bound.</summary>
    public static double? Quantile(TrainedForecaster trained, double level) => Current(trained, level)?.Quantile;

    private static (double Quantile, double Level)? Current(TrainedForecaster trained, double level) =>
        trained.ScaledTest.Count > 0 && ConformalIntervals.CurrentAdaptiveQuantile(trained.Calibration, trained.ScaledTest, level) is { } c
            && double.IsFinite(c.Quantile)
            ? c : null;

    /// <summary>The calibration facts as version parameters (round-trip text): the method, the adapted levels, and the
    /// 90 % interval next to the served 80 % in the version's interval columns; empty when it has no finite bound.</summary>
    public static IEnumerable<KeyValuePair<string, string>> WideParameters(TrainedForecaster trained)
    {
        if (Current(trained, Served) is not { } served) yield break;
        yield return new(Method, "aci");
        yield return new(AdaptedLevel, Text(served.Level));
        if (Current(trained, Wide) is not { } wide) yield break;
        yield return new(AdaptedLevel90, Text(wide.Level));
        yield return new(Wide90Lower, Text(-wide.Quantile));
        yield return new(Wide90Upper, Text(wide.Quantile));
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A model with its own band: served at 80 % as that band widened by its current conformal margin (empty for
    /// every other model, or when no finite margin exists yet).</summary>
    public static IEnumerable<KeyValuePair<string, string>> BandParameters(TrainedForecaster trained) =>
        trained.Metrics.TryGetValue(ModelBand.Margin, out var margin) && double.IsFinite(margin)
            ? [new(ModelBand.Parameter, ModelBand.OwnBand), new(ModelBand.Margin, margin.ToString("R", CultureInfo.InvariantCulture))]
            : [];

    /// <summary>Each test prediction with the 80 % and 90 % intervals it would have been served (absolute bounds; none while
    /// no finite bound existed, or for a model without scaled forecasts).</summary>
    public static IReadOnlyList<StoredPrediction> TestPredictions(TrainedForecaster trained)
    {
        // ScaledTest and Predictions are both in test order (ForecasterTraining builds them from the same rows).
        var scaled = trained.ScaledTest.Count == trained.Predictions.Count && trained.Predictions.Count > 0;
        var served = scaled ? ConformalIntervals.AdaptiveIntervals(trained.Calibration, trained.ScaledTest, Served) : null;
        var wide = scaled ? ConformalIntervals.AdaptiveIntervals(trained.Calibration, trained.ScaledTest, Wide) : null;
        return [.. trained.Predictions.Select((p, i) => new StoredPrediction(p.Symbol, p.FeatureTime, p.TargetTime, p.Predicted, p.Actual,
            p.Split.ToString().ToLowerInvariant(), Bounds(served, i), Bounds(wide, i)))];
    }

    private static PredictionBounds? Bounds((double Lower, double Upper)[]? intervals, int i) =>
        intervals is not null && double.IsFinite(intervals[i].Lower) && double.IsFinite(intervals[i].Upper)
            ? new PredictionBounds(intervals[i].Lower, intervals[i].Upper) : null;
}
