using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Project01.Contracts;
using Project01.Core.Forecasting;
using Project01.Core.Market;
using Project01.FeatureStore.Online;
using Project01.FeatureStore.Registry;
using Project01.ModelRegistry.Registry;

namespace Project01.Serving.Forecasting;

/// <summary>Why one symbol got no forecast, as an HTTP problem would say it.</summary>
public sealed record ForecastProblem(string Symbol, int Status, string Title, string Detail, IReadOnlyDictionary<string, object?>? Extensions = null);

/// <summary>A forecast or the reason there is none.</summary>
public sealed record ForecastOutcome(string Symbol, ForecastDto? Forecast, ForecastProblem? Problem);

/// <summary>
/// Forecasts for many symbols in one pass: one online-store round trip, one ONNX call for every symbol that is ready,
/// then the challenger (if one is served) scores the same rows off the request path, with both values logged. Asked to
/// explain, it takes each point forecast apart by input (<see cref="ForecastExplanations"/>), or answers 409 when the
/// served model cannot be explained.
/// </summary>
public sealed partial class ForecastEngine(ModelCatalog catalog, OnlineFeatureStore online, InputAssembler assembler, MarketClock clock,
    ServingMetrics metrics, ILogger<ForecastEngine> logger)
{
    /// <summary>The champion serving a target (over bars of <paramref name="interval"/>, daily by default), or null when
    /// none does yet.</summary>
    public LoadedModel? Model(string target, BarInterval? interval = null, string? model = null) =>
        model is null ? catalog.Get(target, interval ?? BarInterval.Daily, Aliases.Champion) : catalog.Get(model, Aliases.Champion);

    /// <param name="explain">Add each forecast's exact contributions (TreeSHAP or linear); a model that cannot be explained
    /// answers 409 instead.</param>
    /// <param name="interval">Daily bars by default; an intraday interval forecasts the next bar from that interval's
    /// view with its model (<c>ret1-lightgbm-5m</c>).</param>
    /// <param name="level">The interval's coverage: the version's served 80 % by default, or 0.9.</param>
    /// <param name="modelKey">A model served by name beside its target's (<see cref="ServedModels.KeyOf"/>); null: the target's.</param>
    public async Task<IReadOnlyList<ForecastOutcome>> ForecastAsync(IReadOnlyList<string> symbols, string target, string route, bool explain, CancellationToken ct,
        BarInterval? interval = null, double? level = null, string? modelKey = null)
    {
        var started = Stopwatch.GetTimestamp();
        var barInterval = interval ?? BarInterval.Daily;
        var model = Model(target, barInterval, modelKey) ?? throw new InvalidOperationException($"no model serves '{modelKey ?? target}' on {barInterval} bars");
        var view = FeatureView.PriceAt(barInterval);
        var features = await online.GetAsync(view, symbols);
        var now = await clock.NowAsync(view, ct);
        var outcomes = new ForecastOutcome?[symbols.Count];
        var ready = new List<(int Index, OnlineFeatures Features, double[] Vector)>(symbols.Count);
        for (var i = 0; i < symbols.Count; i++)
        {
            var symbol = symbols[i];
            if (features[i] is not { } f)
            {
                outcomes[i] = Problem(symbol, 404, "Unknown symbol", $"the online store has no {view.Key} features for '{symbol}'");
                continue;
            }
            if (now is { } n && n - f.EventTime > view.Ttl)
            {
                outcomes[i] = Problem(symbol, 409, "Stale features",
                    $"{symbol}'s features are from {f.EventTime:O}, {(n - f.EventTime).TotalDays:F1} days behind the market clock ({n:O}); the view's TTL is {view.Ttl.TotalDays:F0} days",
                    new Dictionary<string, object?> { ["ageSeconds"] = (n - f.EventTime).TotalSeconds, ["featureTime"] = f.EventTime });
                continue;
            }
            var vector = await assembler.AssembleAsync(model.Version.Inputs, f, ct, view);
            var missing = model.Version.Inputs.Where((_, k) => !double.IsFinite(vector[k])).ToList();
            if (missing.Count > 0)
            {
                outcomes[i] = Problem(symbol, 409, "Features not ready", $"{symbol} lacks {string.Join(", ", missing)} (indicator warm-up: not enough bars yet)");
                continue;
            }
            if (explain && model.Explainer is null && !ForecastExplanations.HasAttention(model))
            {
                outcomes[i] = Problem(symbol, 409, ForecastExplanations.NotExplainableTitle, ForecastExplanations.Refusal(model));
                continue;
            }
            ready.Add((i, f, vector));
        }

        if (ready.Count > 0)
        {
            var (values, bandLower, bandUpper) = ScoreWithBand(model, ready.Select(r => r.Vector));
            for (var k = 0; k < ready.Count; k++)
            {
                var (index, f, vector) = ready[k];
                var v = values[k];
                string? noInterval = null;
                var served = (bandLower is null ? null : ServedInterval.OwnBand(model.Version, bandLower[k], bandUpper![k], level))
                    ?? ServedInterval.For(model.Version, v, vector, level, out noInterval);
                if (served is not var (lower, upper, coverage))
                {
                    outcomes[index] = Problem(symbols[index], 409, "No interval at that level", noInterval!);
                    continue;
                }
                var explanation = explain && model.Explainer is not null ? ForecastExplanations.Explain(model.Explainer, model.Version.Inputs, vector) : null;
                var attention = explain && ForecastExplanations.HasAttention(model) ? ForecastExplanations.Attention(model, vector) : null;
                outcomes[index] = new ForecastOutcome(symbols[index], new ForecastDto(symbols[index], target, v, lower, upper,
                    coverage, f.EventTime, barInterval.IsDaily ? NextSession(f.EventTime) : f.EventTime + barInterval.Length,
                    model.Version.Name, model.Version.Version, model.Session.ExecutionProvider, explanation, attention), null);
            }
            if ((modelKey is null ? catalog.Get(target, barInterval, Aliases.Challenger) : catalog.Get(modelKey, Aliases.Challenger)) is { } challenger) Shadow(challenger, model, ready, values, view, ct);
        }
        metrics.Served(route, model, ready.Count, ready.Count == symbols.Count ? "ok" : "partial", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return outcomes!;
    }

    /// <summary>The version's interval around a forecast: in units of the forecast's scale when the version says so
    /// (calibrated intervals widen with volatility), else fixed offsets.</summary>

    /// <summary>Scores caller-supplied rows (already in the model's input order) with the champion.</summary>
    public double[] Predict(LoadedModel model, IReadOnlyList<double[]> rows, string route)
    {
        var started = Stopwatch.GetTimestamp();
        var values = Score(model, rows);
        metrics.Served(route, model, rows.Count, "ok", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return values;
    }

    /// <summary>Points and, for a model that forecasts its own band, the band's raw bounds (null otherwise).</summary>
    private static (double[] Values, double[]? Lower, double[]? Upper) ScoreWithBand(LoadedModel model, IEnumerable<double[]> rows)
    {
        var (score, lower, upper) = model.Session.PredictWithBand(Flatten(rows));
        return ([.. score.Select(v => (double)v)], lower?.Select(v => (double)v).ToArray(), upper?.Select(v => (double)v).ToArray());
    }

    private static double[] Score(LoadedModel model, IEnumerable<double[]> rows) => [.. model.Session.Predict(Flatten(rows)).Select(v => (double)v)];

    private static float[] Flatten(IEnumerable<double[]> rows) => [.. rows.SelectMany(r => r).Select(v => (float)v)];

    /// <summary>The challenger scores the same rows after the response is on its way; only logs and metrics see it.</summary>
    private void Shadow(LoadedModel challenger, LoadedModel champion, List<(int Index, OnlineFeatures Features, double[] Vector)> ready, double[] championValues,
        FeatureView view, CancellationToken ct) =>
        _ = Task.Run(async () =>
        {
            try
            {
                var rows = new List<double[]>(ready.Count);
                foreach (var r in ready) rows.Add(await assembler.AssembleAsync(challenger.Version.Inputs, r.Features, CancellationToken.None, view));
                var values = Score(challenger, rows);
                for (var k = 0; k < ready.Count; k++)
                {
                    LogShadow(logger, ready[k].Features.Symbol, champion.Version.Name, champion.Version.Version, championValues[k],
                        challenger.Version.Name, challenger.Version.Version, values[k]);
                    metrics.Shadowed(champion.Version.Target, Math.Abs(values[k] - championValues[k]));
                }
            }
            catch (Exception e)
            {
                LogShadowFailed(logger, challenger.Version.Name, challenger.Version.Version, e);
            }
        }, ct);

    private static ForecastOutcome Problem(string symbol, int status, string title, string detail, IReadOnlyDictionary<string, object?>? extensions = null) =>
        new(symbol, null, new ForecastProblem(symbol, status, title, detail, extensions));

    /// <summary>The next weekday after a daily bar (exchange holidays are not modelled).</summary>
    public static DateTime NextSession(DateTime t) => MarketCalendar.NextSession(t);

    [LoggerMessage(LogLevel.Debug, "Shadow {Symbol}: champion {Champion} v{ChampionVersion} = {ChampionValue}, challenger {Challenger} v{ChallengerVersion} = {ChallengerValue}")]
    private static partial void LogShadow(ILogger logger, string symbol, string champion, int championVersion, double championValue,
        string challenger, int challengerVersion, double challengerValue);

    [LoggerMessage(LogLevel.Warning, "Shadow scoring with {Challenger} v{Version} failed")]
    private static partial void LogShadowFailed(ILogger logger, string challenger, int version, Exception e);
}
