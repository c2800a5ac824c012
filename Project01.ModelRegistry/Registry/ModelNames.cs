using Project01.Core.Market;
using Project01.Core.Forecasting;

namespace Project01.ModelRegistry.Registry;

/// <summary>
/// How registered models are named: <c>&lt;target&gt;-&lt;algorithm&gt;</c>, e.g. <c>ret1-lightgbm</c>, and for models of
/// intraday bars <c>&lt;target&gt;-&lt;algorithm&gt;-&lt;interval&gt;</c>, e.g. <c>ret1-lightgbm-5m</c> (the target then
/// counts bars: the next 5-minute bar's return). The target part is one of <see cref="ForecastTargets"/>; the algorithm
/// part is a lower-case word. Which algorithms exist is the training side's business (its catalogue checks them);
/// serving only needs the target and interval a name forecasts.
/// </summary>
public static class ModelNames
{
    public static string Of(ForecastTarget target, string algorithm, BarInterval? interval = null) =>
        interval is { IsDaily: false } i ? $"{target.Name()}-{algorithm}-{i}" : $"{target.Name()}-{algorithm}";

    /// <summary>The bar interval a model forecasts: daily unless the name ends in an intraday interval.</summary>
    public static BarInterval IntervalOf(string name)
    {
        var parts = name.Split('-');
        return parts.Length == 3 ? BarInterval.Parse(parts[2]) : BarInterval.Daily;
    }

    /// <summary>Target and algorithm of a model name; throws <see cref="ArgumentException"/> when it is malformed or the
    /// target is unknown.</summary>
    public static (ForecastTarget Target, string Algorithm) Parse(string name)
    {
        var parts = name.Split('-');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0)
            throw new ArgumentException($"'{name}' is not a model name (<target>-<algorithm>[-<interval>], e.g. ret1-lightgbm or ret1-lightgbm-5m)");
        var target = ForecastTargets.Parse(parts[0]);
        var algorithm = parts[1];
        if (parts.Length == 3)
        {
            if (!BarInterval.TryParse(parts[2], out var interval, out var problem)) throw new ArgumentException($"'{name}': the interval part {problem}");
            if (interval.IsDaily) throw new ArgumentException($"'{name}': the interval part 1d is the default: leave it out");
        }
        if (algorithm.Length is 0 or > 32 || !algorithm.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
            throw new ArgumentException($"'{name}': the algorithm part must be a lower-case word (e.g. lightgbm)");
        return (target, algorithm);
    }
}
