using System.Collections.Frozen;

namespace Project01.Core.Features;

/// <summary>
/// The second feature view over bars (<c>price_v2</c>): every price_v1 feature, in price_v1's order and bit for bit,
/// followed by the newer indicators. The order of <see cref="Names"/> is the order of every value vector.
/// <list type="bullet">
/// <item><c>stoch_*</c> are TTR <c>stoch</c>'s fastK, fastD and slowD, fractions in [0, 1].</item>
/// <item><c>obv</c> depends on where the history starts (it is a running sum); <c>obv_z20</c> does not, because a
/// z-score ignores the constant that a later start subtracts.</item>
/// <item><c>mdd60</c> is the largest peak-to-trough fall within the last 60 closes, as a positive fraction.</item>
/// </list>
/// Cross-sectional transforms (ranks and z-scores across symbols per date) need every symbol's row and are applied
/// on panels with <see cref="CrossSectional.CrossSection"/>, not here.
/// </summary>
public static class PriceFeaturesV2
{
    public const string ViewName = PriceFeatures.ViewName;
    public const int ViewVersion = 2;

    public static readonly string[] Added =
    [
        "wma20", "dist_wma20", "stoch_k14", "stoch_d3", "stoch_slowd3", "obv", "obv_z20", "zscore20", "roc10", "mdd60", "logret20",
    ];

    public static readonly string[] Names = [.. PriceFeatures.Names, .. Added];

    public static readonly FrozenDictionary<string, int> Index =
        Names.Select((n, i) => (n, i)).ToFrozenDictionary(p => p.n, p => p.i, StringComparer.Ordinal);

    public static int Count => Names.Length;

    /// <summary>Number of bars before every feature is defined (mdd60: 60 closes).</summary>
    public const int WarmUpBars = 60;

    public static int IndexOf(string name) =>
        Index.TryGetValue(name, out var i) ? i : throw new KeyNotFoundException($"'{name}' is not a feature of {ViewName}_v{ViewVersion}; known: {string.Join(", ", Names)}");
}
