using System.Globalization;

namespace Project01.Dashboard.Components;

/// <summary>How pages print numbers: invariant culture, and a dash where a value is missing or undefined.</summary>
public static class Show
{
    public const string Missing = "—";

    public static string Number(double? value, string format) =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : Missing;

    public static string Metric(IReadOnlyDictionary<string, double> metrics, string key, string format) =>
        metrics.TryGetValue(key, out var v) ? Number(v, format) : Missing;

    /// <summary>A searched setting as people read it: numbers to five significant digits (a sampled 0.009807946267052777
    /// shows as 0.0098079), anything else as it is. The API keeps every digit.</summary>
    public static string Setting(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v.ToString("G5", CultureInfo.InvariantCulture) : value;

    /// <summary>A trial's settings on one line: <c>alpha=0.0098079, l1_ratio=0.5</c>.</summary>
    public static string Settings(IReadOnlyDictionary<string, string> parameters) =>
        string.Join(", ", parameters.Select(p => $"{p.Key}={Setting(p.Value)}"));
}
