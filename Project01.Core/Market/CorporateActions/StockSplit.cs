using System.Globalization;

namespace Project01.Core.Market.CorporateActions;

/// <summary>
/// A split effective at the first bar on or after <paramref name="Effective"/>: each old share became
/// <paramref name="Ratio"/> shares (4:1 → 4; a 1:10 reverse split → 0.1), so earlier prices divide by it and earlier
/// volumes multiply by it.
/// </summary>
public sealed record StockSplit(string Symbol, DateTime Effective, double Ratio)
{
    /// <summary>"4:1", "3:2", "1:10" or a plain number of new shares per old share.</summary>
    public static double ParseRatio(string text)
    {
        var t = text.Trim();
        var colon = t.IndexOfAny([':', '/']);
        double ratio;
        if (colon > 0)
        {
            if (!double.TryParse(t[..colon], NumberStyles.Float, CultureInfo.InvariantCulture, out var to)
                || !double.TryParse(t[(colon + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var from) || from <= 0)
                throw new FormatException($"'{text}' is not a split ratio such as 4:1, 3:2 or 1:10");
            ratio = to / from;
        }
        else if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out ratio))
            throw new FormatException($"'{text}' is not a split ratio such as 4:1, 3:2 or 1:10");
        if (!double.IsFinite(ratio) || ratio <= 0 || ratio == 1) throw new FormatException($"split ratio '{text}' must be positive and not 1");
        return ratio;
    }

    /// <summary>"4:1" for 4, "3:2" for 1.5, "1:10" for 0.1.</summary>
    public static string Label(double ratio)
    {
        for (var from = 1; from <= 20; from++)
        {
            var to = ratio * from;
            if (Math.Abs(to - Math.Round(to)) < 1e-9 * Math.Max(1, to) && Math.Round(to) >= 1)
                return $"{Math.Round(to).ToString(CultureInfo.InvariantCulture)}:{from}";
        }
        return ratio.ToString("G6", CultureInfo.InvariantCulture);
    }
}
