using Project01.Core.Market;
using Project01.LakeTables.Writing.Sinks;
using Project01.Lake;
using Project01.Lake.Sql;
using Project01.LakeTables;

namespace Project01.Ingestion.Replay;

/// <summary>
/// The bundled datasets a replay can play, by short name: bars (sp500, dow30), macro fundamentals (macro) and news
/// (reuters). Knows how many records each yields and how many of them the lake already holds, so a start-up replay
/// runs only when something is missing.
/// </summary>
public sealed class BundledReplays(MarketReplay bars, MacroReplay macro, NewsReplay news, Lakehouse lake)
{
    public static IReadOnlyList<string> Names { get; } = [.. ReplayInput.Datasets.Keys, "macro", "reuters"];

    public static bool Exists(string name) => Names.Contains(name, StringComparer.OrdinalIgnoreCase);

    public Task<ReplayResult> RunAsync(string dataset, double speed, IProgress<ReplayProgress>? progress, CancellationToken ct) =>
        dataset.ToLowerInvariant() switch
        {
            "macro" => macro.RunAsync(ct: ct),
            "reuters" => news.RunAsync(ct),
            _ => bars.RunAsync(ReplayInput.Bundled(dataset), speed, progress, ct),
        };

    public static string SourceId(string dataset) => dataset.ToLowerInvariant() switch
    {
        "macro" => MacroReplay.SourceId,
        "reuters" => NewsReplay.SourceId,
        _ => ReplayInput.Bundled(dataset).SourceId,
    };

    /// <summary>(records the file yields, distinct records of it in the lake).</summary>
    public async Task<(long Expected, long Landed)> CoverageAsync(string dataset, CancellationToken ct)
    {
        var (expected, table, key) = dataset.ToLowerInvariant() switch
        {
            "macro" => ((long)MacroReplay.Read(MacroReplay.DefaultPublicationLag, DateTime.UtcNow).Records.Count, LakeCatalog.Fundamentals, "series_id, observation_date"),
            "reuters" => (NewsReplay.Read(DateTime.UtcNow).Records.Count, LakeCatalog.News, "id"),
            _ => (CountValidBars(dataset), LakeCatalog.Bars, "symbol, event_time"),
        };
        if (await lake.OpenTableAsync(table, ct) is null) return (expected, 0);
        var result = await new LakeSql(lake).QueryAsync(
            $"SELECT count(*) FROM (SELECT DISTINCT {key} FROM {table} WHERE source = '{SourceId(dataset).Replace("'", "''", StringComparison.Ordinal)}')",
            1, TimeSpan.FromSeconds(60), ct: ct);
        return (expected, Convert.ToInt64(result.Rows[0][0]));
    }

    private static long CountValidBars(string dataset)
    {
        var input = ReplayInput.Bundled(dataset);
        using var text = input.Open();
        return new MarketCsvReader(input.DisplayName, input.DefaultSymbol).ReadAll(text).LongCount(r => r.IsValid);
    }
}
