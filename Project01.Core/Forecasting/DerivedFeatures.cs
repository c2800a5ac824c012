using Project01.Core.CrossSectional;

namespace Project01.Core.Forecasting;

/// <summary>
/// Inputs the dataset builder computes beyond the feature view, all point-in-time:
/// <list type="bullet">
/// <item>per symbol, from its own history up to t: realized volatility over 1, 5 and 22 days on a 5-day scale
/// (<c>rvolD</c> = sqrt(5/D · Σ last D squared log returns); the HAR-RV regressors of Corsi 2009, and <c>rvol5</c> is
/// the naive vol5 forecast), longer-horizon log returns (<c>momN</c> = ln(close_t / close_{t−N})), and the true range
/// relative to the close (<c>tr_pct</c>);</item>
/// <item>across symbols on the same date: <c>xs_rank_X</c>, the rank of X among the symbols that have it that day,
/// scaled to [−0.5, 0.5], and <c>xs_z_X</c>, its z-score that day. X is any view or per-symbol feature;</item>
/// <item>for sequence models, lagged inputs, the calendar of the bar forecast and the symbol's bucket
/// (<see cref="SequenceInputs"/>).</item>
/// </list>
/// </summary>
public static class DerivedFeatures
{
    public const string RankPrefix = "xs_rank_";
    public const string ZScorePrefix = "xs_z_";

    public static IReadOnlyList<string> PerSymbol { get; } = ["rvol1", "rvol5", "rvol22", "mom20", "mom60", "mom120", "tr_pct"];

    public static bool IsCrossSectional(string input) =>
        input.StartsWith(RankPrefix, StringComparison.Ordinal) || input.StartsWith(ZScorePrefix, StringComparison.Ordinal);

    /// <summary>The per-symbol series an input is computed from: itself, or X for <c>xs_rank_X</c> / <c>xs_z_X</c>.</summary>
    public static string BaseOf(string input) =>
        input.StartsWith(RankPrefix, StringComparison.Ordinal) ? input[RankPrefix.Length..]
        : input.StartsWith(ZScorePrefix, StringComparison.Ordinal) ? input[ZScorePrefix.Length..]
        : input;

    /// <summary>One per-symbol column over a symbol's rows in time order: a view feature or a derived one.</summary>
    public static double[] Column(string name, IReadOnlyList<FeatureObservation> rows, IReadOnlyList<string> viewFeatures)
    {
        var viewIndex = IndexOf(viewFeatures, name);
        if (viewIndex >= 0) return [.. rows.Select(r => r.Values[viewIndex])];
        if (SequenceInputs.TryParseLag(name, out var feature, out var shift)) return SequenceInputs.Shift(Column(feature, rows, viewFeatures), shift);
        if (SequenceInputs.TryColumn(name, rows, out var known)) return known;
        var values = new double[rows.Count];
        if (name.StartsWith("rvol", StringComparison.Ordinal) && int.TryParse(name.AsSpan(4), out var days) && days > 0)
        {
            var r = View(rows, viewFeatures, "logret");
            for (var i = 0; i < rows.Count; i++) values[i] = ReturnWindows.RealizedVolatility(r, i - days + 1, i) * Math.Sqrt(5.0 / days);
            return values;
        }
        if (name.StartsWith("mom", StringComparison.Ordinal) && int.TryParse(name.AsSpan(3), out var lag) && lag > 0)
        {
            var close = View(rows, viewFeatures, "close");
            for (var i = 0; i < rows.Count; i++) values[i] = i >= lag ? Math.Log(close[i] / close[i - lag]) : double.NaN;
            return values;
        }
        if (name == "tr_pct")
        {
            var (tr, close) = (View(rows, viewFeatures, "tr"), View(rows, viewFeatures, "close"));
            for (var i = 0; i < rows.Count; i++) values[i] = tr[i] / close[i];
            return values;
        }
        throw new ArgumentException($"input '{name}' is neither a view feature ({string.Join(", ", viewFeatures)}) nor a derived one " +
            $"({string.Join(", ", PerSymbol)}, rvolN, momN, {RankPrefix}X, {ZScorePrefix}X, X{SequenceInputs.LagSuffix}K, {string.Join(", ", SequenceInputs.Known)}, {SequenceInputs.SymbolId})");
    }

    /// <summary>Replaces each finite value by its cross-sectional rank (ties averaged) scaled to [−0.5, 0.5].</summary>
    public static void RankInPlace(Span<double> values)
    {
        var finite = Finite(values, out var index);
        if (finite.Length == 0) return;
        var ranks = new double[finite.Length];
        CrossSection.Rank(finite, ranks, RankScale.Ordinal);
        for (var k = 0; k < finite.Length; k++) values[index[k]] = finite.Length == 1 ? 0 : (ranks[k] - 1) / (finite.Length - 1) - 0.5;
    }

    /// <summary>Replaces each finite value by its cross-sectional z-score (0 when all are equal).</summary>
    public static void ZScoreInPlace(Span<double> values)
    {
        var finite = Finite(values, out var index);
        if (finite.Length == 0) return;
        var mean = finite.Average();
        var sd = Math.Sqrt(finite.Sum(v => (v - mean) * (v - mean)) / finite.Length);
        for (var k = 0; k < finite.Length; k++) values[index[k]] = sd > 0 ? (finite[k] - mean) / sd : 0;
    }

    private static double[] Finite(Span<double> values, out int[] index)
    {
        var list = new List<int>(values.Length);
        for (var i = 0; i < values.Length; i++) if (double.IsFinite(values[i])) list.Add(i);
        index = [.. list];
        var result = new double[index.Length];
        for (var k = 0; k < index.Length; k++) result[k] = values[index[k]];
        return result;
    }

    private static double[] View(IReadOnlyList<FeatureObservation> rows, IReadOnlyList<string> viewFeatures, string name)
    {
        var index = IndexOf(viewFeatures, name);
        if (index < 0) throw new ArgumentException($"derived inputs need the view feature '{name}', which is not in the view");
        return [.. rows.Select(r => r.Values[index])];
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++) if (names[i] == name) return i;
        return -1;
    }
}
