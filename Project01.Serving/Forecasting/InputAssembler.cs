using System.Collections.Concurrent;
using Project01.Core.Forecasting;
using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Online;
using Project01.FeatureStore.Registry;

namespace Project01.Serving.Forecasting;

/// <summary>
/// Builds a model's input vector for a symbol. View features come from the online store as they are. Per-symbol
/// derived inputs (HAR's <c>rvolN</c>, <c>momN</c>, <c>tr_pct</c>) are computed by the same code the dataset builder
/// uses, over the symbol's recent offline history up to the online row's event time, and cached per (symbol, event
/// time): one history read per symbol per new bar, not per request. Cross-sectional inputs need the whole universe on
/// the same date and are not servable per symbol.
/// </summary>
public sealed class InputAssembler(OfflineFeatureStore offline)
{
    /// <summary>History read for derived inputs: enough trading days for the longest (mom120) with room for holidays.</summary>
    private static readonly TimeSpan HistoryWindow = TimeSpan.FromDays(200);
    private const int CacheLimit = 10_000;
    private readonly ConcurrentDictionary<(string View, string Symbol, DateTime EventTime), IReadOnlyDictionary<string, double>> _derived = new();

    /// <summary>Whether a model with these inputs can be served per symbol, and why not.</summary>
    public static bool CanServe(IReadOnlyList<string> inputs, out string? reason)
    {
        var crossSectional = inputs.Where(DerivedFeatures.IsCrossSectional).ToList();
        reason = crossSectional.Count > 0 ? $"cross-sectional inputs ({string.Join(", ", crossSectional)}) need the whole universe per date" : null;
        return reason is null;
    }

    public static bool NeedsHistory(IReadOnlyList<string> inputs) => inputs.Any(i => !FeatureView.Price.Features.Contains(i));

    /// <summary>The input vector; NaN where a value is not defined yet (indicator warm-up). Derived inputs come from the
    /// history of <paramref name="view"/> (the daily price view unless given).</summary>
    public async Task<double[]> AssembleAsync(IReadOnlyList<string> inputs, OnlineFeatures features, CancellationToken ct, FeatureView? view = null)
    {
        var vector = features.Vector(inputs);
        if (!NeedsHistory(inputs)) return vector;
        var derived = await DerivedAsync(view ?? FeatureView.Price, features.Symbol, features.EventTime, inputs, ct);
        for (var i = 0; i < inputs.Count; i++)
            if (derived.TryGetValue(inputs[i], out var v)) vector[i] = v;
        return vector;
    }

    private async Task<IReadOnlyDictionary<string, double>> DerivedAsync(FeatureView view, string symbol, DateTime eventTime, IReadOnlyList<string> inputs,
        CancellationToken ct)
    {
        if (_derived.TryGetValue((view.Key, symbol, eventTime), out var cached) && inputs.All(i => view.Features.Contains(i) || cached.ContainsKey(i)))
            return cached;
        var history = await offline.GetHistoryAsync(view, symbol, eventTime - HistoryWindow, eventTime, ct);
        var rows = history.Select(r => new FeatureObservation(r.Symbol, r.EventTime, r.Values)).ToList();
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        // The online row is the newest; history must end at it, or the derived values would describe another bar.
        var aligned = rows.Count > 0 && rows[^1].EventTime == eventTime;
        foreach (var name in inputs.Where(i => !view.Features.Contains(i)))
            values[name] = aligned ? DerivedFeatures.Column(name, rows, view.Features)[^1] : double.NaN;
        if (_derived.Count >= CacheLimit) _derived.Clear();
        if (aligned) _derived[(view.Key, symbol, eventTime)] = values;
        return values;
    }
}
