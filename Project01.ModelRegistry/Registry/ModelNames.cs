using Project01.Core.Forecasting;

namespace Project01.ModelRegistry.Registry;

/// <summary>
/// How registered models are named: <c>&lt;target&gt;-&lt;algorithm&gt;</c>, e.g. <c>ret1-lightgbm</c>. The target part is one of
/// <see cref="ForecastTargets"/>; the algorithm part is a lower-case word. Which algorithms exist is the training side's
/// business (its catalogue checks them); serving only needs the target a name forecasts.
/// </summary>
public static class ModelNames
{
    public static string Of(ForecastTarget target, string algorithm) => $"{target.Name()}-{algorithm}";

    /// <summary>Target and algorithm of a model name; throws <see cref="ArgumentException"/> when it is malformed or the
    /// target is unknown.</summary>
    public static (ForecastTarget Target, string Algorithm) Parse(string name)
    {
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0) throw new ArgumentException($"'{name}' is not a model name (<target>-<algorithm>, e.g. ret1-lightgbm)");
        var target = ForecastTargets.Parse(name[..dash]);
        var algorithm = name[(dash + 1)..];
        if (algorithm.Length is 0 or > 32 || !algorithm.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
            throw new ArgumentException($"'{name}': the algorithm part must be a lower-case word (e.g. lightgbm)");
        return (target, algorithm);
    }
}
