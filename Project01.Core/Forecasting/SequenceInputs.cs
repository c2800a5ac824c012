using System.Globalization;
using Project01.Core.Market;

namespace Project01.Core.Forecasting;

/// <summary>
/// The inputs of sequence models (TFT, DeepAR), spelled as ordinary derived inputs so the dataset builder and the
/// serving assembler compute them like any other:
/// <list type="bullet">
/// <item><c>X_lagK</c>: input X as it was K bars earlier in the symbol's own history (point-in-time by construction);</item>
/// <item>known future inputs, the calendar of the bar being forecast: <c>next_dow</c> (its weekday, Monday −0.5 …
/// Friday 0.5) and <c>next_month</c> (January −0.5 … December 0.5);</item>
/// <item><c>symbol_id</c>: the symbol hashed into <see cref="SymbolBuckets"/> buckets (FNV-1a), the static covariate a
/// symbol embedding looks up. Hashing needs no vocabulary, so a symbol the model never saw still gets a bucket (whose
/// embedding stays at its zero start unless another symbol trained it).</item>
/// </list>
/// A window of lookback L over features F is laid out oldest first: every F at lag L−1, …, every F at lag 1, then F
/// itself (lag 0, plain names), then the known inputs, then <c>symbol_id</c> (<see cref="Window"/>); a network reshapes
/// the flat vector to [L × F] without any index tables.
/// </summary>
public static class SequenceInputs
{
    public const string LagSuffix = "_lag";
    public const string NextDayOfWeek = "next_dow";
    public const string NextMonth = "next_month";
    public const string SymbolId = "symbol_id";
    public const int SymbolBuckets = 1024;

    public static IReadOnlyList<string> Known { get; } = [NextDayOfWeek, NextMonth];

    /// <summary>The flat input list of a window of <paramref name="lookback"/> bars over <paramref name="features"/>.</summary>
    public static IReadOnlyList<string> Window(IReadOnlyList<string> features, int lookback)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookback, 1);
        var names = new List<string>(lookback * features.Count + Known.Count + 1);
        for (var lag = lookback - 1; lag >= 1; lag--)
            names.AddRange(features.Select(f => Lagged(f, lag)));
        names.AddRange(features);
        names.AddRange(Known);
        names.Add(SymbolId);
        return names;
    }

    /// <summary>The shape of a window input list: the per-bar features and the lookback, or an error naming what is off.</summary>
    public static (IReadOnlyList<string> Features, int Lookback) ShapeOf(IReadOnlyList<string> inputs)
    {
        var tail = Known.Count + 1;
        if (inputs.Count <= tail || !inputs.Skip(inputs.Count - tail).SequenceEqual([.. Known, SymbolId]))
            throw new ArgumentException($"a window's inputs end with {string.Join(", ", Known)}, {SymbolId}");
        var lagged = inputs.Count - tail;
        // Lag 0 is the block of plain names just before the known inputs.
        var plain = inputs.Take(lagged).Reverse().TakeWhile(n => !TryParseLag(n, out _, out _)).Reverse().ToList();
        if (plain.Count == 0 || lagged % plain.Count != 0) throw new ArgumentException("a window's inputs are whole blocks of the same features");
        var lookback = lagged / plain.Count;
        if (!Window(plain, lookback).SequenceEqual(inputs)) throw new ArgumentException("a window's inputs are laid out oldest first, as SequenceInputs.Window writes them");
        return (plain, lookback);
    }

    public static bool IsWindow(IReadOnlyList<string> inputs) => inputs.Count > 0 && inputs[^1] == SymbolId;

    public static string Lagged(string feature, int lag) => lag == 0 ? feature : string.Create(CultureInfo.InvariantCulture, $"{feature}{LagSuffix}{lag}");

    /// <summary>Splits <c>X_lagK</c> into X and K.</summary>
    public static bool TryParseLag(string name, out string feature, out int lag)
    {
        var at = name.LastIndexOf(LagSuffix, StringComparison.Ordinal);
        if (at > 0 && int.TryParse(name.AsSpan(at + LagSuffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out lag) && lag > 0)
        {
            feature = name[..at];
            return true;
        }
        (feature, lag) = (name, 0);
        return false;
    }

    /// <summary>The feature an input describes at some lag: X for <c>X_lagK</c>, else the input itself.</summary>
    public static string UnlaggedOf(string name) => TryParseLag(name, out var feature, out _) ? feature : name;

    public static bool IsSequenceInput(string name) => name is NextDayOfWeek or NextMonth or SymbolId || TryParseLag(name, out _, out _);

    /// <summary>A known or static input over a symbol's rows (NaN never: the calendar and the symbol are always known).</summary>
    public static bool TryColumn(string name, IReadOnlyList<FeatureObservation> rows, out double[] values)
    {
        values = name switch
        {
            NextDayOfWeek => [.. rows.Select(r => ((int)MarketCalendar.NextSession(r.EventTime).DayOfWeek - 3) / 4.0)],
            NextMonth => [.. rows.Select(r => (MarketCalendar.NextSession(r.EventTime).Month - 1) / 11.0 - 0.5)],
            SymbolId => [.. rows.Select(r => (double)Bucket(r.Symbol))],
            _ => null!,
        };
        return values is not null;
    }

    /// <summary>The symbol's bucket: FNV-1a of its UTF-16 code units, modulo <see cref="SymbolBuckets"/>; stable across
    /// processes and machines (string.GetHashCode is not).</summary>
    public static int Bucket(string symbol)
    {
        var hash = 2166136261u;
        foreach (var c in symbol)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return (int)(hash % SymbolBuckets);
    }

    /// <summary>The column shifted back by <paramref name="lag"/> rows (NaN where the history is too short).</summary>
    public static double[] Shift(double[] column, int lag)
    {
        var shifted = new double[column.Length];
        for (var i = 0; i < column.Length; i++) shifted[i] = i >= lag ? column[i - lag] : double.NaN;
        return shifted;
    }
}
