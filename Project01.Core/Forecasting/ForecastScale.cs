namespace Project01.Core.Forecasting;

/// <summary>
/// The scale a forecast's error is measured in, so its interval widens in a storm and narrows in a calm: for vol5 the
/// forecast volatility itself, for ret1 the daily volatility the 20-day realised volatility implies (<c>rv20</c> is
/// annualised). Training calibrates intervals in these units; serving multiplies back by the same scale.
/// </summary>
public static class ForecastScale
{
    /// <summary>The version parameter naming the scale its interval bounds are in (absent: bounds are plain offsets).</summary>
    public const string Parameter = "interval_scale";
    public const string OfForecast = "forecast";
    public const string OfRv20 = "rv20";
    public const double Floor = 1e-4;

    /// <summary>The version parameters holding the 90 % interval's bounds (in the same scale units as the served 80 % one).</summary>
    public const string Lower90 = "interval90_lower", Upper90 = "interval90_upper";

    /// <summary>Where rv20 sits among a model's inputs, or −1.</summary>
    public static int Rv20Index(IReadOnlyList<string> inputs)
    {
        for (var i = 0; i < inputs.Count; i++) if (inputs[i] == OfRv20) return i;
        return -1;
    }

    public static string For(ForecastTarget target) => target == ForecastTarget.Vol5 ? OfForecast : OfRv20;

    public static double Of(string kind, double predicted, double rv20) => kind switch
    {
        OfForecast => Math.Max(predicted, Floor),
        OfRv20 => Math.Max(rv20 / Math.Sqrt(252), Floor),
        _ => throw new ArgumentException($"unknown interval scale '{kind}' ({OfForecast} or {OfRv20})", nameof(kind)),
    };

    /// <summary>The interval around <paramref name="value"/>: bounds in scale units times the scale, or plain offsets
    /// when <paramref name="kind"/> is null; null bounds stay null.</summary>
    public static (double? Lower, double? Upper) Interval(double value, double? lower, double? upper, string? kind, double rv20)
    {
        var scale = kind is null ? 1 : Of(kind, value, rv20);
        return (lower is { } lo ? value + lo * scale : null, upper is { } hi ? value + hi * scale : null);
    }
}
