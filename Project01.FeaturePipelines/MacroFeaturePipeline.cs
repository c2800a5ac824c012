using Microsoft.Extensions.Logging;
using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Online;
using Project01.FeatureStore.Registry;
using Project01.Lake;
using Project01.Lake.Sql;
using Project01.LakeTables;

namespace Project01.FeaturePipelines;

/// <summary>
/// Builds the macro view from the bronze <c>raw.fundamentals</c> table: a row per publication date holding, for each
/// series, the latest value published by then (levels as they are; GDP and CPI as annualised quarter-on-quarter log
/// growth). Event time = publication date, so point-in-time joins respect the release lag.
/// </summary>
public sealed partial class MacroFeaturePipeline(Lakehouse lake, OfflineFeatureStore offline, OnlineFeatureStore online, ILogger<MacroFeaturePipeline> logger)
    : LakeViewPipeline(lake, offline, online)
{
    protected override TableName Source => LakeCatalog.Fundamentals;
    protected override FeatureView View => FeatureView.Macro;

    protected override async Task<List<FeatureRow>> BuildAsync(LakeSql sql, CancellationToken ct)
    {
        var result = await sql.QueryAsync($"""
            SELECT series_id, observation_date, published_date, value FROM {LakeCatalog.Fundamentals}
            QUALIFY row_number() OVER (PARTITION BY series_id, observation_date ORDER BY ingest_time DESC) = 1
            ORDER BY published_date, series_id, observation_date
            """, ct: ct);
        return Build(result.Rows.Select(r => new Observation((string)r[0]!, (DateOnly)r[1]!, (DateOnly)r[2]!, (double)r[3]!)), DateTime.UtcNow);
    }

    protected override void Built(int rows, int stored, long version) => LogBuilt(logger, rows, stored, version);

    public readonly record struct Observation(string SeriesId, DateOnly ObservationDate, DateOnly PublishedDate, double Value);

    /// <summary>One row per publication date with every series' latest published value (NaN before its first release).</summary>
    public static List<FeatureRow> Build(IEnumerable<Observation> observations, DateTime createdAt)
    {
        var features = MacroFeatures.All;
        var state = Enumerable.Repeat(double.NaN, features.Count).ToArray();
        var previous = new Dictionary<string, (DateOnly Date, double Value)>();
        var rows = new List<FeatureRow>();
        foreach (var day in observations.GroupBy(o => o.PublishedDate).OrderBy(g => g.Key))
        {
            foreach (var o in day.OrderBy(o => o.ObservationDate))
            {
                for (var i = 0; i < features.Count; i++)
                {
                    var feature = features[i];
                    if (feature.SeriesId != o.SeriesId) continue;
                    if (feature.Transform == MacroTransform.Level)
                    {
                        state[i] = o.Value;
                        continue;
                    }
                    if (previous.TryGetValue(feature.SeriesId, out var p) && p.Date < o.ObservationDate && p.Value > 0 && o.Value > 0)
                        state[i] = 400 * Math.Log(o.Value / p.Value);
                    previous[feature.SeriesId] = (o.ObservationDate, o.Value);
                }
            }
            rows.Add(new FeatureRow(MacroFeatures.Entity, day.Key.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), createdAt, (double[])state.Clone()));
        }
        return rows;
    }

    [LoggerMessage(LogLevel.Information, "Macro view rebuilt from raw.fundamentals v{Version}: {Rows} publication dates, {Stored} new rows stored")]
    private static partial void LogBuilt(ILogger logger, int rows, int stored, long version);
}
