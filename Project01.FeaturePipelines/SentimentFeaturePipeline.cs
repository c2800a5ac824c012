using Microsoft.Extensions.Logging;
using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Online;
using Project01.FeatureStore.Registry;
using Project01.Lake;
using Project01.Lake.Sql;
using Project01.LakeTables;

namespace Project01.FeaturePipelines;

/// <summary>
/// Builds the sentiment view from the NLP stage's <c>silver.sentiment</c> table whenever it has a new version: one
/// row per symbol and UTC day with texts, timed at the next midnight (see <see cref="SentimentFeatures"/>). Rows the
/// offline store already holds are skipped by its watermarks, so a refresh stores only new days.
/// </summary>
public sealed partial class SentimentFeaturePipeline(Lakehouse lake, OfflineFeatureStore offline, OnlineFeatureStore online, ILogger<SentimentFeaturePipeline> logger)
    : LakeViewPipeline(lake, offline, online)
{
    protected override TableName Source => LakeCatalog.Sentiment;
    protected override FeatureView View => FeatureView.Sentiment;

    protected override async Task<List<FeatureRow>> BuildAsync(LakeSql sql, CancellationToken ct)
    {
        // One row per (document, symbol) even if a document was scored twice (a replay from another cluster).
        var result = await sql.QueryAsync($"""
            SELECT symbol, CAST(event_time AS DATE) AS day, CAST(count(*) AS INTEGER) AS n, avg(score) AS mean,
                   CAST(sum(CASE label WHEN 'positive' THEN 1 WHEN 'negative' THEN -1 ELSE 0 END) AS INTEGER) AS net
            FROM (SELECT * FROM {LakeCatalog.Sentiment} WHERE symbol IS NOT NULL
                  QUALIFY row_number() OVER (PARTITION BY kind, doc_id, symbol ORDER BY ingest_time DESC) = 1)
            GROUP BY symbol, day
            ORDER BY symbol, day
            """, ct: ct);
        return Build(result.Rows.Select(r => new DailySentiment((string)r[0]!, (DateOnly)r[1]!, (int)r[2]!, (double)r[3]!, (int)r[4]!)), DateTime.UtcNow);
    }

    protected override void Built(int rows, int stored, long version) => LogBuilt(logger, rows, stored, version);

    /// <summary>One symbol's texts on one UTC day: how many, their mean score and positives minus negatives.</summary>
    public readonly record struct DailySentiment(string Symbol, DateOnly Day, int Count, double MeanScore, int Net);

    /// <summary>The view's rows, per symbol in day order, each with the baseline of the symbol's earlier active days.</summary>
    public static List<FeatureRow> Build(IEnumerable<DailySentiment> days, DateTime createdAt)
    {
        var rows = new List<FeatureRow>();
        foreach (var symbol in days.GroupBy(d => d.Symbol).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var history = symbol.OrderBy(d => d.Day).ToList();
            for (var i = 0; i < history.Count; i++)
            {
                var d = history[i];
                var baseline = history.GetRange(Math.Max(0, i - SentimentFeatures.BaselineDays), Math.Min(i, SentimentFeatures.BaselineDays));
                var values = SentimentFeatures.Compute(new SentimentDay(d.MeanScore, d.Count, d.Net, [.. baseline.Select(b => (b.MeanScore, b.Count))]));
                rows.Add(new FeatureRow(d.Symbol, d.Day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), createdAt, values));
            }
        }
        return rows;
    }

    [LoggerMessage(LogLevel.Information, "Sentiment view rebuilt from silver.sentiment v{Version}: {Rows} symbol-days, {Stored} new rows stored")]
    private static partial void LogBuilt(ILogger logger, int rows, int stored, long version);
}
