using System.Globalization;
using Project01.Core.Forecasting;
using Project01.ModelRegistry.Registry;

namespace Project01.Serving.Forecasting;

/// <summary>
/// The interval a version serves around a forecast: its 80 % interval (the registered bounds), or with level 0.9 the
/// 90 % one it recorded beside it. Bounds are in units of the forecast's scale when the version says so (calibrated
/// intervals widen with volatility), else fixed offsets.
/// </summary>
public static class ServedInterval
{
    public static readonly IReadOnlyList<double> Levels = [0.8, 0.9];

    /// <summary>The bounds and their nominal coverage; null when the version has no interval at that level (then the
    /// reason says so).</summary>
    public static (double? Lower, double? Upper, double? Coverage)? For(ModelVersion version, double value, IReadOnlyList<double> vector, double? level,
        out string? reason)
    {
        reason = null;
        var kind = version.Parameters.GetValueOrDefault(ForecastScale.Parameter);
        var rv20 = ForecastScale.Rv20Index(version.Inputs) is var i and >= 0 ? vector[i] : double.NaN;
        if (level is null || Math.Abs(level.Value - (version.IntervalCoverage ?? 0.8)) < 1e-9)
        {
            var (lower, upper) = ForecastScale.Interval(value, version.IntervalLower, version.IntervalUpper, kind, rv20);
            return (lower, upper, version.IntervalCoverage);
        }
        if (Math.Abs(level.Value - 0.9) < 1e-9 && kind is not null && Bound(version, ForecastScale.Lower90) is { } lo && Bound(version, ForecastScale.Upper90) is { } hi)
        {
            var (lower, upper) = ForecastScale.Interval(value, lo, hi, kind, rv20);
            return (lower, upper, 0.9);
        }
        reason = $"{version.Name} v{version.Version} has no calibrated {level.Value:P0} interval (it serves {version.IntervalCoverage:P0}; versions trained since the 90 % interval was recorded serve 0.9 too)";
        return null;
    }

    /// <summary>
    /// A model's own band (TFT's quantiles, DeepAR's distribution) widened by its conformal margin, when the version
    /// serves one (<see cref="ModelBand"/>) and the 80 % level is asked for; null otherwise (then <see cref="For"/> decides:
    /// the 90 % interval stays the conformal one).
    /// </summary>
    public static (double? Lower, double? Upper, double? Coverage)? OwnBand(ModelVersion version, double lower, double upper, double? level)
    {
        if (version.Parameters.GetValueOrDefault(ModelBand.Parameter) != ModelBand.OwnBand || Bound(version, ModelBand.Margin) is not { } margin) return null;
        if (level is { } l && Math.Abs(l - 0.8) > 1e-9) return null;
        var (lo, hi) = ModelBand.Widen(lower, upper, margin, ModelBand.IsLogScale(ForecastTargets.Parse(version.Target)));
        return (lo, hi, 0.8);
    }

    private static double? Bound(ModelVersion version, string key) =>
        version.Parameters.TryGetValue(key, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
}
