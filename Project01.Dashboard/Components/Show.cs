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
}
